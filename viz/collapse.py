"""The org chart's first view: what fits one window at readable size, the rest folded into boxes.

A first view is readable only if it fits the window at a zoom where every label is at least 12 px
(:data:`MIN_SCALE` × the 14 px font). So the view is laid out (with :mod:`viz.layout`) and measured
while it is built: the largest hierarchies' tops first; top-level entities that do not fit go into
group boxes by source document ("Opsamling CCC-samarbejdsmøder: 22 more"), else by kind, else into one
box; then, level by level, a node's subordinates are shown wherever they still fit. Every shown node
with hidden subordinates gets a cluster box ("Region Midtjylland: 14 more"). A click on a cluster or a
group opens one level (the children or members, each with its own cluster, laid out here so the page
only places them); a double-click or a second click folds it again. A focus (``?focus=``) is always
shown with its superiors and subordinates, centred when the fitted view allows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from viz.grouping import GROUP_PREFIX, GROUPINGS, MORE_GROUPS_COST, Group, grouped
from viz.layout import COLUMN, LEVEL_GAP, ROW, org_levels, org_positions
from viz.style import FONT_PX, MIN_LABEL_PX

__all__ = ["CLUSTER_PREFIX", "GROUP_PREFIX", "Folding", "Group", "descendants", "fits", "fold"]

CLUSTER_PREFIX = "cluster:"
MIN_SCALE = MIN_LABEL_PX / FONT_PX
VIEW_PX = (1104.0, 804.0 - 48)  # the graph's part of a 1400 × 900 window, less the zoom buttons at its foot
BOX = (166.0, 124.0)  # the largest box on the chart: a name wrapped over three lines, the kind under it
PAD = 16.0  # px the page keeps free around a fitted view
MAX_TRIES = 60  # layouts tried while growing the view (each one is a small graph)

Positions = dict[str, tuple[float, float]]


@dataclass(frozen=True)
class Folding:
    """The first view: shown nodes and group boxes, clusters (node → hidden count), the tree, positions.

    ``children`` is the tree of :func:`viz.layout.org_levels` plus each group's members under the group;
    ``group_views`` places each group's members (and their clusters) relative to the group box at 0, 0, and
    ``views`` each node's children (and theirs) relative to the node: a click opens one level at a time.
    """

    shown: frozenset[str]
    clusters: dict[str, int]
    children: dict[str, list[str]]
    positions: Positions
    groups: dict[str, Group] = field(default_factory=dict)
    group_views: dict[str, Positions] = field(default_factory=dict)
    views: dict[str, Positions] = field(default_factory=dict)


def descendants(children: dict[str, list[str]], node: str) -> list[str]:
    """Every node below ``node`` in the tree, depth first."""
    out, stack = [], list(children.get(node, []))
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(children.get(current, []))
    return out


def fits(positions: Positions, view: tuple[float, float] = VIEW_PX, centre: str | None = None) -> bool:
    """Whether boxes at these centres fit ``view`` px at a zoom that draws labels at 12 px or more.

    With ``centre``, they must fit with that node in the middle of the window.
    """
    if not positions:
        return True
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    width, height = max(xs) - min(xs) + BOX[0], max(ys) - min(ys) + BOX[1]
    if centre in positions:
        cx, cy = positions[centre]
        width = 2 * max(cx - min(xs), max(xs) - cx) + BOX[0]
        height = 2 * max(cy - min(ys), max(ys) - cy) + BOX[1]
    return width * MIN_SCALE <= view[0] - 2 * PAD and height * MIN_SCALE <= view[1] - 2 * PAD


class _Folder:
    """One projection's tree, and views of it built from a set of shown nodes and groups."""

    def __init__(self, graph: nx.MultiDiGraph, view: tuple[float, float]) -> None:
        self.graph, self.view = graph, view
        self.focus: str | None = None  # a node the view must fit around, centred
        self.levels, parents = org_levels(graph)
        self.parents = parents
        self.children: dict[str, list[str]] = defaultdict(list)
        for node, parent in sorted(parents.items()):
            self.children[parent].append(node)
        self.size = {n: 1 + len(descendants(self.children, n)) for n in graph}
        self.roots = sorted((n for n in graph if n not in parents), key=lambda n: (-self.size[n], self._name(n)))
        self.tries = 0
        self.width = (view[0] - 2 * PAD) / MIN_SCALE - BOX[0]  # room for box centres, in chart units
        self.height = (view[1] - 2 * PAD) / MIN_SCALE - BOX[1]
        self.capacity = int(self.width // COLUMN + 1) * int(self.height // (ROW + LEVEL_GAP) + 1)

    def _name(self, node: str) -> str:
        return str(self.graph.nodes[node]["label_da"])

    def hidden(self, shown: set[str], node: str) -> int:
        return sum(1 for d in descendants(self.children, node) if d not in shown)

    def folded(self, shown: set[str], groups: dict[str, Group]) -> nx.MultiDiGraph:
        """The view as a graph: shown nodes, a cluster box under each with hidden subordinates, group boxes."""
        folded = self.graph.subgraph(shown).copy()
        for node in sorted(shown):
            if any(kid not in shown for kid in self.children.get(node, [])):
                folded.add_node(CLUSTER_PREFIX + node, kind="cluster", label_da=self._name(node))
                folded.add_edge(CLUSTER_PREFIX + node, node, key="sub_organisation")
        for gid, group in groups.items():
            folded.add_node(gid, kind="group", label_da=group.da)
        return folded

    def layout(self, shown: set[str], groups: dict[str, Group]) -> Positions | None:
        """Positions of this view, or None when it has more boxes than any window holds."""
        folded = self.folded(shown, groups)
        if folded.number_of_nodes() > self.capacity:
            return None
        self.tries += 1
        return org_positions(folded, width=self.width + 1)

    def fitting(self, shown: set[str], groups: dict[str, Group]) -> Positions | None:
        positions = self.layout(shown, groups)
        return positions if positions is not None and fits(positions, self.view, self.focus) else None

    def hanging(self, kids: list[str] | tuple[str, ...]) -> Positions:
        """These nodes (each with its cluster, if it has subordinates) hanging under one box, relative to it."""
        view = self.graph.subgraph(kids).copy()
        view.remove_edges_from(list(view.edges))
        view.add_node("_top", kind="group", label_da="")
        for kid in kids:
            view.add_edge(kid, "_top", key="sub_organisation")
            if self.children.get(kid):
                view.add_node(CLUSTER_PREFIX + kid, kind="cluster", label_da=self._name(kid))
                view.add_edge(CLUSTER_PREFIX + kid, kid, key="sub_organisation")
        placed = org_positions(view)
        x0, y0 = placed.pop("_top")
        return {n: (round(x - x0, 1), round(y - y0, 1)) for n, (x, y) in placed.items()}


def fold(graph: nx.MultiDiGraph, focus: str | None = None, view: tuple[float, float] = VIEW_PX) -> Folding:
    """The folded first view of a projection (``focus``: a node that must be shown, with its family)."""
    shown: set[str] = set()
    groups: dict[str, Group] = {}
    positions: Positions = {}
    folder = _Folder(graph, view)
    for must, centred in _musts(folder, focus):
        folder.focus = focus if centred else None
        must_roots = [r for r in folder.roots if r in must]
        shown, groups, positions = _tops(folder, must, must_roots)
        if positions:
            break
    shown = _grow(folder, shown, groups, positions)
    positions = folder.layout(shown, groups) or org_positions(folder.folded(shown, groups))
    children = {n: list(kids) for n, kids in folder.children.items()}
    clusters = {n: folder.hidden(shown, n) for n in sorted(shown) if any(k not in shown for k in children.get(n, []))}
    for node in graph:  # every node with subordinates folds them into its cluster until it is opened
        if children.get(node):
            clusters.setdefault(node, folder.size[node] - 1)
    for gid, group in groups.items():
        children[gid] = list(group.members)
    return Folding(
        shown=frozenset(shown | set(groups)),
        clusters=clusters,
        children=children,
        positions=positions,
        groups=groups,
        group_views={gid: folder.hanging(group.members) for gid, group in groups.items()},
        views={node: folder.hanging(kids) for node, kids in folder.children.items()},
    )


def _musts(folder: _Folder, focus: str | None) -> list[tuple[set[str], bool]]:
    """What a focused view must show, most first, each centred on the focus and then not.

    The focus with its superiors and subordinates; else with its superiors; else the focus alone.
    """
    if focus is None or focus not in folder.graph:
        return [(set(), False)]
    chain, up = {focus}, focus
    while up in folder.parents:
        up = folder.parents[up]
        chain.add(up)
    family = chain | set(folder.children.get(focus, []))
    return [(must, centred) for must in (family, chain, {focus}) for centred in (True, False)]


def _tops(folder: _Folder, must: set[str], must_roots: list[str]) -> tuple[set[str], dict[str, Group], Positions]:
    """The largest hierarchies' tops that fit, the other top-level entities in group boxes that fit.

    Groups by document are preferred while they cost at most :data:`MORE_GROUPS_COST` top-level boxes
    over one "Others" box; then groups by kind; then one box.
    """
    first = [*must_roots, *(r for r in folder.roots if r not in must_roots)]
    found: list[tuple[int, set[str], dict[str, Group], Positions]] = []
    for grouping in GROUPINGS:
        for count in range(min(len(first), folder.capacity), len(must_roots) - 1, -1):
            kept, rest = first[:count], first[count:]
            groups = grouped(folder.graph, folder.children, rest, grouping) if rest else {}
            if groups is None:
                continue
            shown = set(kept) | must
            positions = folder.fitting(shown, groups)
            if positions is not None:
                found.append((count, shown, groups, positions))
                break
            if not rest:
                continue
    if not found:
        return set(first) | must, {}, {}
    most = max(count for count, *_ in found)
    _, shown, groups, positions = next(f for f in found if f[0] >= most - MORE_GROUPS_COST)
    return shown, groups, positions


def _grow(folder: _Folder, shown: set[str], groups: dict[str, Group], positions: Positions) -> set[str]:
    """Show subordinates, shallowest first, wherever the whole view still fits the window."""
    if not positions:
        return shown
    queue = sorted(
        (n for n in shown if any(k not in shown for k in folder.children.get(n, []))),
        key=lambda n: (folder.levels[n], -folder.size[n], folder._name(n)),
    )
    while queue and folder.tries < MAX_TRIES:
        node = queue.pop(0)
        wider = shown | set(folder.children[node])
        if folder.fitting(wider, groups) is None:
            continue
        shown = wider
        queue.extend(k for k in folder.children[node] if folder.children.get(k))
        queue.sort(key=lambda n: (folder.levels[n], -folder.size[n], folder._name(n)))
    return shown
