"""The org chart's first view: the top levels, with each deeper subtree folded into one cluster box.

A first view is readable only if it fits the window at a zoom where every label is at least 12 px,
so it shows at most ``budget`` boxes: whole levels of the tree (the hierarchy of :mod:`viz.layout`)
from the top down while they fit, the focus with its superiors and subordinates always. Every shown
node whose subordinates are hidden gets a cluster ("Region Midtjylland: 14 more") that the page
expands with a click. Positions of this folded chart are laid out here too, with the same layout.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from viz.layout import org_levels, org_positions

BUDGET = 24  # boxes that fit 1400 × 900 at a zoom where 14 px labels stay ≥ 12 px
CLUSTER_PREFIX = "cluster:"


@dataclass(frozen=True)
class Folding:
    """What the first view shows: nodes, clusters (parent → hidden count), tree children, folded positions."""

    shown: frozenset[str]
    clusters: dict[str, int]
    children: dict[str, list[str]]
    positions: dict[str, tuple[float, float]]


def descendants(children: dict[str, list[str]], node: str) -> list[str]:
    """Every node below ``node`` in the tree, depth first."""
    out, stack = [], list(children.get(node, []))
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(children.get(current, []))
    return out


def fold(graph: nx.MultiDiGraph, focus: str | None = None, budget: int = BUDGET) -> Folding:
    """The folded first view of a projection (``focus``: a node that must be shown, with its family)."""
    _, parents = org_levels(graph)
    children: dict[str, list[str]] = defaultdict(list)
    for node, parent in sorted(parents.items()):
        children[parent].append(node)
    roots = sorted(n for n in graph if n not in parents)
    shown: set[str] = set(roots)
    if focus is not None and focus in graph:
        shown.add(focus)
        shown.update(children.get(focus, []))
        up = focus
        while up in parents:
            up = parents[up]
            shown.add(up)
    frontier = roots
    while frontier:
        below = [kid for node in frontier for kid in children.get(node, [])]
        wider = shown | set(below)
        if len(wider) + sum(1 for n in wider if any(k not in wider for k in children.get(n, []))) > budget:
            break
        shown = wider
        frontier = below
    clusters = {
        node: sum(1 for d in descendants(children, node) if d not in shown)
        for node in sorted(shown)
        if any(kid not in shown for kid in children.get(node, []))
    }
    folded = graph.subgraph(shown).copy()
    for node in clusters:
        cluster = CLUSTER_PREFIX + node
        folded.add_node(cluster, kind="cluster", label_da=graph.nodes[node]["label_da"])
        folded.add_edge(cluster, node, key="sub_organisation")
    return Folding(frozenset(shown), clusters, dict(children), org_positions(folded))
