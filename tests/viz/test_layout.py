"""The org chart's layout: superiors above subordinates, cycles survive, long rows of children wrap."""

from __future__ import annotations

import networkx as nx

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
