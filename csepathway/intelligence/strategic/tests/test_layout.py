"""The association map's graph and layout, without a database: one link per pair, the focus two
steps out, the cap keeping the most linked, and the same picture every time for the same links."""

from csepathway.intelligence.strategic.graph import Graph, Link, Node
from csepathway.intelligence.strategic.layout import map_layout


def _graph() -> Graph:
    nodes = [Node("child:a", "child", "Amy"), Node("child:b", "child", "Ben"), Node("child:c", "child", "Cy"),
             Node("person:k", "person", "Kyle"), Node("person:d", "person", "Darren"),
             Node("place:p", "place", "Park"), Node("vehicle:v", "vehicle", "AB12 CDE"),
             Node("phone:1", "phone", "07700 900982"), Node("person:alone", "person", "Nobody linked")]
    links = [Link("person:k", "child:a", "episode"), Link("child:a", "person:k", "report 1"),
             Link("person:k", "child:b", "episode"), Link("person:d", "child:c", "episode"),
             Link("place:p", "child:a", "episode"), Link("vehicle:v", "child:b", "episode"),
             Link("phone:1", "person:d", "report 2")]
    return Graph.build(nodes, links)


def test_one_link_per_pair_with_its_reasons_and_no_node_without_a_link():
    graph = _graph()
    assert len(graph.links) == 6
    assert graph.links[0] == Link("child:a", "person:k", "episode; report 1")
    assert "person:alone" not in graph.nodes


def test_the_focus_reaches_two_steps():
    graph = _graph().focused("vehicle:v")
    assert set(graph.nodes) == {"vehicle:v", "child:b", "person:k"}
    assert set(_graph().focused("person:k").nodes) == {"person:k", "child:a", "child:b", "place:p", "vehicle:v"}
    assert _graph().focused("child:nobody").nodes == {}


def test_the_cap_keeps_the_most_linked_and_the_focus():
    capped = _graph().capped(3)
    # Four nodes have two links each: ties go by kind (children first), then by name.
    assert set(capped.nodes) == {"child:a", "child:b", "person:d"}
    assert all(link.a in capped.nodes and link.b in capped.nodes for link in capped.links)
    focused = _graph().focused("vehicle:v").capped(2, "vehicle:v")
    assert "vehicle:v" in focused.nodes and len(focused.nodes) == 2


def test_the_layout_is_a_column_per_kind_and_the_same_every_time():
    first, second = map_layout(_graph()), map_layout(_graph())
    assert first == second
    x_of = {node.kind: node.x for node in first.nodes}
    assert x_of["vehicle"] < x_of["person"] < x_of["child"] < x_of["place"] < x_of["phone"]
    shapes = {node.kind: node.shape for node in first.nodes}
    assert len(set(shapes.values())) == 5
    assert len(first.lines) == 6
    assert first.summary.startswith("Association map: 1 vehicle, 2 people, 3 children, 1 place, 1 phone, and 6 links")
    # Kyle sits beside Amy and Ben, Darren beside Cy: people near the children they are linked to.
    y = {node.key: node.y for node in first.nodes}
    assert y["person:k"] < y["person:d"]
