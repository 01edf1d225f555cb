"""How compare mode looks: green added, red dashed removed, amber-bordered changed, grey unchanged.

The change colours replace the kinds' colours (the kind still shows in the shape and in the box's
second line), and each box starts with a sign (+, −, ~) so the chart still reads in grey print.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from viz.kinds import compact

# status → (fill, border, label colour, border width, sign)
NODE_LOOK: dict[str, tuple[str, str, str, int, str]] = {
    "added": ("#dcedc8", "#2e7d32", "#1b4d1e", 3, "+ "),
    "removed": ("#ffebee", "#c62828", "#7f0000", 3, "− "),
    "changed": ("#fff8e1", "#ff8f00", "#3e2723", 4, "~ "),
    "unchanged": ("#eceff1", "#90a4ae", "#455a64", 1, ""),
}
# status → (colour, width, dashes)
EDGE_LOOK: dict[str, tuple[str, int, bool | list[int]]] = {
    "added": ("#2e7d32", 3, False),
    "removed": ("#c62828", 2, [8, 5]),
    "unchanged": ("#b0bec5", 1, False),
}


def paint(graph: nx.MultiDiGraph, nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    """Give vis-network records of a compare projection their change colours, in place."""
    node_change = {compact(n): a["change"] for n, a in graph.nodes(data=True)}
    edge_change = {f"{compact(u)}|{k}|{compact(v)}": d["change"] for u, v, k, d in graph.edges(keys=True, data=True)}
    for record in nodes:
        status = node_change.get(record["id"], "unchanged")
        fill, border, font, width, sign = NODE_LOOK[status]
        record.pop("group", None)
        record.update(
            change=status,
            mark=sign,
            fontColor=font,
            color={
                "background": fill,
                "border": border,
                "highlight": {"background": fill, "border": "#000000"},
                "hover": {"background": fill, "border": "#000000"},
            },
            borderWidth=width,
            borderWidthSelected=width + 1,
            shapeProperties={"borderDashes": [6, 4] if status == "removed" else False},
        )
    for record in edges:
        status = edge_change.get(record["id"], "unchanged")
        colour, width, dashes = EDGE_LOOK[status]
        record.update(
            change=status,
            color={"color": colour, "highlight": "#000000", "hover": "#000000"},
            width=width,
            dashes=dashes,
        )


def legend_colours() -> dict[str, dict[str, str]]:
    """The legend's swatch colours per status (nodes; lines use the border colour)."""
    return {status: {"fill": look[0], "border": look[1]} for status, look in NODE_LOOK.items()}
