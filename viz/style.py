"""How the org graph looks and moves: colours and shapes per kind, the audit's red border, vis-network options.

Plain data and small functions for :mod:`viz.render`; no pyvis and no HTML here.
"""

from __future__ import annotations

from typing import Any, Literal

Mode = Literal["org", "network"]

# kind → (fill, border, font colour, vis shape); shapes with the label inside are boxes and ellipses.
STYLE: dict[str, tuple[str, str, str, str]] = {
    "organisation": ("#1f4e79", "#0f2a44", "#ffffff", "box"),
    "unit": ("#9cc3e6", "#3d6f99", "#0b2239", "box"),
    "collaboration": ("#0f7b6c", "#074a41", "#ffffff", "ellipse"),
    "body": ("#2e7d32", "#1b4d1e", "#ffffff", "ellipse"),
    "post": ("#ef8f00", "#8a5200", "#3b2600", "diamond"),
    "person": ("#7b1fa2", "#4a1262", "#ffffff", "dot"),
    "agreement": ("#8d6e63", "#4e342e", "#ffffff", "hexagon"),
    "obligation": ("#9e9e9e", "#616161", "#212121", "triangle"),
}
FINDING_BORDER = "#d50000"
FONT_PX = 14  # every label, node or edge: at the first view's zoom (≥ 12/14) it is drawn at 12 px or more
MIN_LABEL_PX = 12
TENTATIVE = frozenset({"proposed", "example"})  # standings drawn with a dashed border
FINDING_WIDTH = {"violation": 4, "warning": 3, "info": 2}
SEED_SCALE = 0.35  # a large network starts from the org chart, squeezed so physics spreads it quickly
LARGE = 400  # above this many nodes: no edge labels, straight edges, no Kamada-Kawai seeding
HIERARCHY_LINE = {"color": "#37474f", "highlight": "#000000", "hover": "#000000"}
OTHER_LINE = {"color": "#90a4ae", "highlight": "#000000", "hover": "#000000"}


def marked_look(kind: str, severity: str) -> dict[str, Any]:
    """A node with audit findings: its kind's look with a red border, and no vis group.

    vis-network resets a grouped node's colour to the group's on any later update (a label in the other
    language, a new position), which would wipe the red border; so marked nodes carry their whole look.
    """
    look = _group(kind)
    del look["shape"]
    fill = look["color"]["background"]
    look["color"] = {
        "background": fill,
        "border": FINDING_BORDER,
        "highlight": {"background": fill, "border": FINDING_BORDER},
        "hover": {"background": fill, "border": FINDING_BORDER},
    }
    look["borderWidth"] = FINDING_WIDTH.get(severity, 3)
    look["borderWidthSelected"] = look["borderWidth"] + 1
    return look


def _group(kind: str) -> dict[str, Any]:
    """How a kind of node looks: fill, border, label colour inside boxes and ellipses, size of the others."""
    fill, border, font, shape = STYLE[kind]
    inside = shape in ("box", "ellipse")
    look: dict[str, Any] = {
        "shape": shape,
        "color": {
            "background": fill,
            "border": border,
            "highlight": {"background": fill, "border": "#000000"},
            "hover": {"background": fill, "border": "#000000"},
        },
        "font": {"color": font if inside else "#1d2733"},
    }
    if not inside:
        look["size"] = 16
    return look


def options(mode: Mode, node_count: int, edge_count: int) -> dict[str, Any]:
    """vis-network options: a fixed top-down chart, or physics that settles once and is then switched off.

    Large graphs get straight edges, start from the org chart's positions instead of Kamada-Kawai or
    random ones, and take a bounded number of stabilisation steps, so that a couple of thousand nodes
    settle in seconds rather than minutes.
    """
    large = node_count > LARGE
    base: dict[str, Any] = {
        "autoResize": True,
        "nodes": {
            "font": {"size": FONT_PX, "face": "system-ui, sans-serif"},
            "margin": 8,
            "widthConstraint": {"maximum": 130 if mode == "org" else 200},
            "borderWidth": 1,
            "borderWidthSelected": 3,
        },
        "groups": {kind: _group(kind) for kind in STYLE},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": FONT_PX, "align": "horizontal", "strokeWidth": 3, "color": "#37474f"},
            "selectionWidth": 2,
            "color": OTHER_LINE,
            "width": 1,
            "dashes": True,
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 200,
            "navigationButtons": True,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
    }
    if mode == "org":  # positions come from viz.layout.org_positions; nothing moves by itself
        base["layout"] = {"hierarchical": {"enabled": False}, "improvedLayout": False}
        base["physics"] = {"enabled": False}
        base["edges"]["smooth"] = False
        return base
    base["layout"] = {"improvedLayout": node_count <= 150, "randomSeed": 7}
    base["edges"]["smooth"] = False if large else {"type": "continuous"}
    base["physics"] = {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -80,
            "centralGravity": 0.01,
            "springLength": 140,
            "springConstant": 0.06,
            "avoidOverlap": 0.3,
            "theta": 0.9 if large else 0.5,
        },
        "stabilization": {
            "enabled": True,
            "iterations": max(40, min(600, 80_000 // max(node_count, 1))),
            "updateInterval": 25,
            "fit": True,
        },
        "minVelocity": 1.0,
        "timestep": 0.5,
    }
    return base
