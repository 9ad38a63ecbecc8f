"""Where each node of the association map is drawn (docs/adr/0055): one column per kind, children
in the middle with the people on one side and the places on the other, vehicles and phones at the
edges. Within a column a node sits near the average height of what it is linked to (children in
name order first), so most lines run across rather than up and down. Deterministic: the same links
always draw the same picture, no JavaScript and nothing random. The template only places what is
worked out here; shapes and colours differ by kind, so neither alone carries the meaning."""

import dataclasses

from .graph import KIND_WORDS, Graph

COLUMNS = ("vehicle", "person", "child", "place", "phone")
HEADINGS = {"vehicle": "Vehicles", "person": "People", "child": "Children", "place": "Places", "phone": "Phones"}
ONE = {"vehicle": "vehicle", "person": "person", "child": "child", "place": "place", "phone": "phone"}
WIDTH = 1000
COLUMN_WIDTH = WIDTH // len(COLUMNS)
ROW = 54
TOP = 56
LABEL_CHARACTERS = 24
# Shape and colour by kind (GOV.UK colours), as SVG presentation attributes: no style attribute, so
# the page's CSP holds, and WeasyPrint draws the same in the PDF.
SHAPES = {"child": ("circle", "#1d70b8"), "person": ("square", "#d4351c"), "place": ("triangle", "#00703c"),
          "vehicle": ("diamond", "#4c2c92"), "phone": ("phone", "#f47738")}


@dataclasses.dataclass(frozen=True)
class PlacedNode:
    key: str
    kind: str
    label: str
    x: float
    y: float
    shape: str
    colour: str
    points: str = ""

    @property
    def short_label(self) -> str:
        if len(self.label) <= LABEL_CHARACTERS:
            return self.label
        return self.label[:LABEL_CHARACTERS - 1].rstrip() + "…"


@dataclasses.dataclass(frozen=True)
class MapLayout:
    nodes: list[PlacedNode]
    lines: list[dict]
    headings: list[dict]
    height: int
    width: int = WIDTH
    summary: str = ""
    legend: list[dict] = dataclasses.field(default_factory=list)


def _points(shape: str, x: float, y: float) -> str:
    if shape == "triangle":
        return f"{x},{y - 11} {x + 11},{y + 9} {x - 11},{y + 9}"
    if shape == "diamond":
        return f"{x},{y - 12} {x + 12},{y} {x},{y + 12} {x - 12},{y}"
    return ""


def _order(graph: Graph) -> dict[str, list[str]]:
    """Each column's nodes top to bottom: children by name, then each other kind by the average
    place of what it is linked to in the columns already ordered."""
    neighbours: dict[str, list[str]] = {key: [] for key in graph.nodes}
    for link in graph.links:
        neighbours[link.a].append(link.b)
        neighbours[link.b].append(link.a)
    columns = {kind: [] for kind in COLUMNS}
    for key, node in graph.nodes.items():  # graph.nodes is in kind, then label, order
        columns[node.kind].append(key)
    position: dict[str, float] = {}

    def place(kind: str) -> None:
        def centre(key: str) -> float:
            known = [position[n] for n in neighbours[key] if n in position]
            return sum(known) / len(known) if known else 2.0
        if kind != "child":
            columns[kind].sort(key=lambda key: (centre(key), graph.nodes[key].label.casefold(), key))
        for index, key in enumerate(columns[kind]):
            position[key] = (index + 0.5) / len(columns[kind])

    for kind in ("child", "person", "place", "vehicle", "phone"):
        place(kind)
    return columns


def map_layout(graph: Graph) -> MapLayout:
    columns = _order(graph)
    tallest = max((len(keys) for keys in columns.values()), default=0)
    height = TOP + max(1, tallest) * ROW + 8
    placed: dict[str, PlacedNode] = {}
    for number, kind in enumerate(COLUMNS):
        keys = columns[kind]
        x = COLUMN_WIDTH * number + COLUMN_WIDTH / 2
        offset = (tallest - len(keys)) * ROW / 2
        shape, colour = SHAPES[kind]
        for index, key in enumerate(keys):
            y = TOP + offset + index * ROW + 14
            node = graph.nodes[key]
            placed[key] = PlacedNode(key, kind, node.label, x, y, shape, colour, _points(shape, x, y))
    lines = [{"x1": placed[link.a].x, "y1": placed[link.a].y, "x2": placed[link.b].x, "y2": placed[link.b].y}
             for link in graph.links]
    counts = {kind: len(columns[kind]) for kind in COLUMNS}
    words = ", ".join(f"{counts[kind]} {ONE[kind] if counts[kind] == 1 else HEADINGS[kind].lower()}"
                      for kind in COLUMNS if counts[kind])
    summary = (f"Association map: {words or 'nothing'}, and {len(graph.links)} "
               f"{'link' if len(graph.links) == 1 else 'links'} between them. Every link is listed after the map.")
    return MapLayout(
        nodes=list(placed.values()), lines=lines, height=height, summary=summary,
        headings=[{"x": COLUMN_WIDTH * n + COLUMN_WIDTH / 2, "text": HEADINGS[kind]} for n, kind in enumerate(COLUMNS)],
        legend=[{"kind": kind, "word": KIND_WORDS[kind], "shape": SHAPES[kind][0], "colour": SHAPES[kind][1]}
                for kind in COLUMNS])
