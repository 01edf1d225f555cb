"""The org chart's layout: superiors above subordinates, computed here rather than by vis-network.

vis-network's own hierarchical layout packs trees along *every* edge, so children drift far from their
parents once other lines (informs, party to …) cross the chart. Here levels come from the hierarchical
relations only (longest path, so every superior sits above every subordinate; a reporting cycle shares
a level), each node hangs under one tree parent, long rows of leaf children wrap into a grid, and
hierarchies are packed onto shelves so the whole chart keeps a screen-like shape. Pure networkx.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

from viz.kinds import HIERARCHICAL, POINTS_DOWN

COLUMN = 170  # horizontal room per node (labels wrap at 130 px)
ROW = 95  # vertical distance between wrapped rows of one level
LEVEL_GAP = 70  # extra space between levels
WRAP = 4  # more leaf children than this wrap into a grid
SHELF_GAP = 60  # between shelves, beyond the level gap
BLOCK_GAP = COLUMN / 4  # between hierarchies side by side on a shelf
ASPECT = 3.0  # width / height the shelves aim for (a landscape screen)


def superior_first(graph: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """The hierarchical edges as (upper, lower) pairs, whichever way the relation itself points."""
    pairs = [(u, v, key) for u, v, key in graph.edges(keys=True) if key in HIERARCHICAL and u != v]
    return [(u, v) if key in POINTS_DOWN else (v, u) for u, v, key in pairs]


def org_levels(graph: nx.MultiDiGraph) -> tuple[dict[str, int], dict[str, str]]:
    """Level (0 = top) of every node, and the tree parent each non-root node hangs under.

    Nodes outside the hierarchy (agreements, loose bodies) hang one level below their highest placed
    neighbour, ring by ring; what stays unconnected sits at the top.
    """
    tree = nx.DiGraph(superior_first(graph))
    tree.add_nodes_from(graph)
    condensed = nx.condensation(tree)
    mapping: dict[str, int] = condensed.graph["mapping"]
    component_level: dict[int, int] = {}
    for component in nx.topological_sort(condensed):
        component_level[component] = max((component_level[p] + 1 for p in condensed.predecessors(component)), default=0)
    levels = {node: component_level[mapping[node]] for node in graph}
    parents = {}
    for node in sorted(graph):
        above = sorted((levels[s], s) for s in tree.predecessors(node) if levels[s] < levels[node])
        if above:
            parents[node] = above[-1][1]
    loose = [node for node in sorted(graph) if tree.degree(node) == 0]
    placed = set(graph) - set(loose)
    while loose:
        ring = {}
        for node in loose:
            near = sorted((levels[n], n) for n in (*graph.successors(node), *graph.predecessors(node)) if n in placed)
            if near:
                ring[node] = near[0][1]
        if not ring:
            break
        for node, parent in ring.items():
            levels[node], parents[node] = levels[parent] + 1, parent
        placed.update(ring)
        loose = [node for node in loose if node not in ring]
    return levels, parents


def org_positions(graph: nx.MultiDiGraph, width: float | None = None) -> dict[str, tuple[float, float]]:
    """x, y of every node for a top-down org chart (y grows downwards, as on screen).

    Hierarchies are packed onto shelves ``width`` wide, or else as wide as a landscape screen-shaped chart needs.
    """
    levels, parents = org_levels(graph)
    children: dict[str, list[str]] = defaultdict(list)
    for node, parent in parents.items():
        children[parent].append(node)
    for kids in children.values():
        kids.sort(key=lambda n: (graph.nodes[n]["kind"], graph.nodes[n]["label_da"]))
    roots = sorted((n for n in graph if n not in parents), key=lambda n: (levels[n], graph.nodes[n]["label_da"]))
    groups = _groups(graph, roots, parents)
    blocks = [_Block(children, levels, group) for group in groups]
    return _shelves(blocks, width)


def _groups(graph: nx.MultiDiGraph, roots: list[str], parents: dict[str, str]) -> list[list[str]]:
    """Roots grouped by the hierarchy they belong to (trees sharing a subordinate stay side by side)."""
    joined = nx.Graph()
    joined.add_nodes_from(graph)
    joined.add_edges_from(superior_first(graph))
    joined.add_edges_from(parents.items())
    order = {root: i for i, root in enumerate(roots)}
    parts = [
        (len(part), sorted((n for n in part if n in order), key=order.__getitem__))
        for part in nx.connected_components(joined)
    ]
    return [group for _, group in sorted((p for p in parts if p[1]), key=lambda p: (-p[0], order[p[1][0]]))]


class _Block:
    """One hierarchy laid out in its own frame: x from 0, y as (level, wrapped row)."""

    def __init__(self, children: dict[str, list[str]], levels: dict[str, int], roots: list[str]) -> None:
        self.children, self.levels = children, levels
        self.slots: dict[str, tuple[float, int, int]] = {}  # node → (x, level, row within level)
        self.rows: dict[int, int] = defaultdict(lambda: 1)
        x = 0.0
        for root in roots:
            x += self._place(root, x)
        self.width = max(x, COLUMN)
        self.height = sum(self.rows[level] * ROW + LEVEL_GAP for level in {lvl for _, lvl, _ in self.slots.values()})

    def _place(self, node: str, left: float) -> float:
        """Lay out the subtree of ``node`` starting at ``left``; return its width."""
        kids = self.children.get(node, [])
        branches = [k for k in kids if self.children.get(k)]
        leaves = [k for k in kids if not self.children.get(k)]
        x = left
        for kid in branches:
            x += self._place(kid, x)
        if leaves:
            columns = len(leaves) if len(leaves) <= WRAP else max(WRAP, math.ceil(math.sqrt(len(leaves) * 2)))
            for i, leaf in enumerate(leaves):
                row, column = divmod(i, columns)
                self.slots[leaf] = (x + column * COLUMN + COLUMN / 2, self.levels[leaf], row)
                self.rows[self.levels[leaf]] = max(self.rows[self.levels[leaf]], row + 1)
            x += min(len(leaves), columns) * COLUMN
        width = max(x - left, COLUMN)
        self.slots[node] = (left + width / 2, self.levels[node], 0)
        return width


def _shelves(blocks: list[_Block], width: float | None) -> dict[str, tuple[float, float]]:
    """Pack hierarchies left to right onto shelves about as wide as a screen-shaped chart needs."""
    total = sum(b.width * b.height for b in blocks)
    limit = max([width or math.sqrt(total * ASPECT)] + [b.width for b in blocks])
    shelves: list[list[_Block]] = []
    used = limit + 1
    for block in blocks:
        if used + block.width > limit:
            shelves.append([])
            used = 0.0
        shelves[-1].append(block)
        used += block.width + BLOCK_GAP
    positions: dict[str, tuple[float, float]] = {}
    top = 0.0
    for shelf in shelves:
        rows: dict[int, int] = defaultdict(lambda: 1)
        for block in shelf:
            for level, count in block.rows.items():
                rows[level] = max(rows[level], count)
        deepest = max(level for block in shelf for _, level, _ in block.slots.values())
        tops, y = {}, top
        for level in range(deepest + 1):
            tops[level] = y
            y += rows[level] * ROW + LEVEL_GAP
        left = 0.0
        for block in shelf:
            for node, (x, level, row) in block.slots.items():
                positions[node] = (round(left + x, 1), round(tops[level] + row * ROW, 1))
            left += block.width + BLOCK_GAP
        top = y + SHELF_GAP
    return positions
