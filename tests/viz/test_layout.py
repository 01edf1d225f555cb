"""The org chart's layout: superiors above subordinates, cycles survive, long rows of children wrap."""

from __future__ import annotations

import networkx as nx

from viz.collapse import descendants, fits, fold
from viz.layout import COLUMN, org_levels, org_positions, superior_first
from viz.projection import select


def graph_of(edges: list[tuple[str, str, str]], loose: tuple[str, ...] = ()) -> nx.MultiDiGraph:
    """A projection-shaped graph from (source, relation, target) triples."""
    graph = nx.MultiDiGraph()
    for node in {n for s, _, t in edges for n in (s, t)} | set(loose):
        graph.add_node(node, kind="body", label_da=node)
    for source, relation, target in edges:
        graph.add_edge(source, target, key=relation)
    return graph


def test_every_superior_is_drawn_above_its_subordinates(viz_full: nx.MultiDiGraph) -> None:
    graph = select(viz_full)
    positions = org_positions(graph)
    assert set(positions) == set(graph), "every node gets a place"
    pairs = superior_first(graph)
    assert pairs, "the made-up world has a hierarchy"
    for upper, lower in pairs:
        assert positions[upper][1] < positions[lower][1], f"{upper} should be above {lower}"
    assert len(set(positions.values())) == len(positions), "no two nodes share a spot"


def test_a_person_is_drawn_below_the_post_they_hold() -> None:
    positions = org_positions(graph_of([("chair", "post_in", "board"), ("chair", "held_by", "person")]))
    assert positions["board"][1] < positions["chair"][1] < positions["person"][1]


def test_a_reporting_cycle_shares_a_level_instead_of_breaking_the_chart() -> None:
    graph = graph_of([("a", "reports_to", "b"), ("b", "reports_to", "a"), ("c", "reports_to", "a")])
    levels, _ = org_levels(graph)
    assert levels["a"] == levels["b"] < levels["c"]
    assert set(org_positions(graph)) == {"a", "b", "c"}


def test_nodes_outside_the_hierarchy_hang_below_their_neighbour() -> None:
    graph = graph_of([("unit", "sub_organisation", "region"), ("region", "party_to", "agreement")], loose=("alone",))
    levels, parents = org_levels(graph)
    assert parents["agreement"] == "region" and levels["agreement"] == levels["region"] + 1
    assert levels["alone"] == 0 and "alone" not in parents


def test_many_leaf_children_wrap_into_rows() -> None:
    graph = graph_of([(f"group-{i:02}", "sub_organisation", "parent") for i in range(12)])
    positions = org_positions(graph)
    child_rows = {positions[f"group-{i:02}"][1] for i in range(12)}
    child_columns = {positions[f"group-{i:02}"][0] for i in range(12)}
    assert len(child_rows) > 1, "twelve children do not stand in one long row"
    assert len(child_columns) < 12
    assert max(child_columns) - min(child_columns) < 12 * COLUMN
    assert all(positions["parent"][1] < y for y in child_rows)


def _world(trees: int, loose: int) -> nx.MultiDiGraph:
    """``trees`` regions with 12 hospitals of 6 units each, and ``loose`` unconnected bodies over three documents."""
    g = nx.MultiDiGraph(documents={f"doc{i}": {"title": f"Document {i}"} for i in range(3)})
    for t in range(trees):
        g.add_node(f"r{t}", kind="organisation", label_da=f"Region {t}", docs=["doc0"])
        for h in range(12):
            g.add_node(f"r{t}h{h}", kind="organisation", label_da=f"Hospital {t}.{h}", docs=["doc0"])
            g.add_edge(f"r{t}h{h}", f"r{t}", key="sub_organisation")
            for u in range(6):
                g.add_node(f"r{t}h{h}u{u}", kind="unit", label_da=f"Afdeling {t}.{h}.{u}", docs=["doc0"])
                g.add_edge(f"r{t}h{h}u{u}", f"r{t}h{h}", key="unit_of")
    for i in range(loose):
        g.add_node(f"b{i}", kind="body", label_da=f"Udvalg {i}", docs=[f"doc{i % 3}"])
    return g


def test_the_first_view_fits_the_window_and_folds_the_rest() -> None:
    graph = _world(trees=6, loose=40)
    folding = fold(graph)
    assert fits(folding.positions)
    assert len(folding.positions) < 40
    members = [m for g in folding.groups.values() for m in g.members]
    assert len(members) == len(set(members)) and len(members) > 30
    assert {f"b{i}" for i in range(40)} <= set(members) | folding.shown, "each loose body is shown or in a group"
    assert {g.da for g in folding.groups.values()} <= {"Document 0", "Document 1", "Document 2", "Øvrige"}
    shown = folding.shown - set(folding.groups)
    for node, hidden in folding.clusters.items():  # a cluster counts what its node hides
        below = descendants(folding.children, node)
        assert hidden == sum(1 for d in below if d not in shown) or node in members
    for group, view in folding.group_views.items():
        assert set(folding.groups[group].members) <= set(view)
    for node, kids in folding.children.items():  # every node opens one level: its children, their clusters
        if not node.startswith("group:"):
            assert set(folding.views[node]) == {*kids, *(f"cluster:{k}" for k in kids if folding.children.get(k))}
            assert all(y > 0 for _, y in folding.views[node].values()), "below the node"
            assert node in folding.clusters


def test_a_focused_first_view_shows_the_focus_with_its_superiors_and_subordinates() -> None:
    graph = _world(trees=6, loose=40)
    folding = fold(graph, "r3h5")
    assert {"r3h5", "r3", *(f"r3h5u{u}" for u in range(6))} <= folding.shown
    assert fits(folding.positions)
