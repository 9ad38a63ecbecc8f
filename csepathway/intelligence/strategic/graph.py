"""The association map as data (docs/adr/0055): nodes (children, persons, places, vehicles, phones)
and the links between them, each with its reason. Pure Python over what the selector read, so the
focus and the cap are tested without a database."""

import dataclasses
from collections import defaultdict

KINDS = ("child", "person", "place", "vehicle", "phone")
KIND_WORDS = {"child": "Child", "person": "Person", "place": "Place", "vehicle": "Vehicle", "phone": "Phone"}
FOCUS_HOPS = 2


@dataclasses.dataclass(frozen=True)
class Node:
    key: str  # "kind:id", also the focus parameter
    kind: str
    label: str


@dataclasses.dataclass(frozen=True)
class Link:
    a: str
    b: str
    reason: str


@dataclasses.dataclass
class Graph:
    nodes: dict[str, Node]
    links: list[Link]
    # Hops from the node in focus, when there is one.
    distance: dict[str, int] = dataclasses.field(default_factory=dict)

    @classmethod
    def build(cls, nodes: list[Node], links: list[Link]) -> "Graph":
        """One link per pair of nodes (its reasons joined), in a fixed order."""
        reasons: dict[tuple[str, str], list[str]] = defaultdict(list)
        for link in links:
            pair = tuple(sorted((link.a, link.b), key=_kind_order))
            if link.reason not in reasons[pair]:
                reasons[pair].append(link.reason)
        by_key = {node.key: node for node in nodes}
        merged = [Link(a, b, "; ".join(sorted(why))) for (a, b), why in reasons.items()
                  if a in by_key and b in by_key and a != b]
        graph = cls(nodes={}, links=[])
        used = {key for link in merged for key in (link.a, link.b)}
        graph.nodes = {key: by_key[key] for key in sorted(used, key=lambda k: _node_order(by_key[k]))}
        graph.links = sorted(merged, key=lambda link: (_node_order(graph.nodes[link.a]),
                                                       _node_order(graph.nodes[link.b])))
        return graph

    def degree(self) -> dict[str, int]:
        counts = dict.fromkeys(self.nodes, 0)
        for link in self.links:
            counts[link.a] += 1
            counts[link.b] += 1
        return counts

    def focused(self, key: str) -> "Graph":
        """The node, what it is linked to, and what those are linked to: enough to see a network
        around one person or place and still read it. Links between the nodes kept are all kept."""
        if key not in self.nodes:
            return Graph(nodes={}, links=[])
        neighbours: dict[str, set[str]] = defaultdict(set)
        for link in self.links:
            neighbours[link.a].add(link.b)
            neighbours[link.b].add(link.a)
        distance, frontier = {key: 0}, [key]
        for hop in range(1, FOCUS_HOPS + 1):
            frontier = sorted({n for k in frontier for n in neighbours[k]} - distance.keys())
            distance.update(dict.fromkeys(frontier, hop))
        return Graph(nodes={k: n for k, n in self.nodes.items() if k in distance},
                     links=[link for link in self.links if link.a in distance and link.b in distance],
                     distance=distance)

    def capped(self, limit: int, focus: str = "") -> "Graph":
        """At most `limit` nodes to draw: the focus and those nearest it, else the most linked; ties
        by kind and label, so the same data always draws the same picture."""
        if len(self.nodes) <= limit:
            return self
        degree = self.degree()
        ranked = sorted(self.nodes.values(), key=lambda node: (
            self.distance.get(node.key, 0), -degree[node.key], *_node_order(node)))
        keep = {node.key for node in ranked[:limit]}
        if focus in self.nodes:
            keep.add(focus)
        links = [link for link in self.links if link.a in keep and link.b in keep]
        return Graph(nodes={k: n for k, n in self.nodes.items() if k in keep}, links=links,
                     distance=self.distance)


def _node_order(node: Node) -> tuple:
    return KINDS.index(node.kind), node.label.casefold(), node.key


def _kind_order(key: str) -> tuple:
    return KINDS.index(key.split(":", 1)[0]), key
