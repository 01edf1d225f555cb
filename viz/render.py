"""networkx → one self-contained HTML page (pyvis + vis-network) that works with no network at all.

The only module that imports pyvis. pyvis turns the projection into vis-network node and edge records;
the page around them is our own template: vis-network's JS and CSS are inlined from the installed pyvis
package (its own templates still pull Bootstrap from a CDN, pyvis #228/#229), and a Content-Security-Policy
allows nothing but the page's own hashed scripts. Every string from the data travels as JSON inside a
non-executable script tag and reaches the page through ``textContent``, never ``innerHTML``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from importlib import resources
from typing import Any, Literal

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from viz.collapse import CLUSTER_PREFIX, Folding, fold
from viz.compare_look import legend_colours, paint
from viz.compare_panel import for_view
from viz.i18n import UI
from viz.kinds import HIERARCHICAL, KINDS, RELATIONS, compact
from viz.layout import COLUMN, org_positions
from viz.style import HIERARCHY_LINE, LARGE, MIN_LABEL_PX, SEED_SCALE, STYLE, TENTATIVE, Mode, marked_look, options

Lang = Literal["da", "en"]
VIS_DIR = "templates/lib/vis-9.1.2"


def render_html(
    graph: nx.MultiDiGraph,
    *,
    mode: Mode = "network",
    lang: Lang = "da",
    title: str | None = None,
    page_base: str | None = None,
    assets: str | None = None,
) -> str:
    """The page for a projection: graph, legend and filters, search, side panel and language switch.

    Args:
        graph: a projection from :mod:`viz.projection` (nodes are IRIs with kind, labels, passages, findings).
        mode: ``org`` lays the graph out top-down along reporting and sub-organisation lines; ``network``
            lets physics settle it once and then stops.
        lang: the language the page opens in (both are embedded; the page switches without reloading).
        title: the page title; the UI's own title when omitted.
        page_base: where entity pages live (``/id/``) when the page is served; the side panel links there.
        assets: where the service serves vis-network and the page's script and style (:data:`ASSET_FILES`);
            when omitted they are inlined and a hash-based CSP is embedded, so the file opens from disk.
    """
    nodes, edges = vis_records(graph)
    focus = graph.graph.get("focus")
    compare = graph.graph.get("compare")  # compare mode (viz.compare): change colours, nothing folded
    folding = Folding(frozenset(graph), {}, {}, {}) if compare else fold(graph, focus)
    if compare:
        paint(graph, nodes, edges)
    data = {
        "nodes": nodes,
        "positions": {compact(n): xy for n, xy in org_positions(graph).items()},
        "edges": edges,
        "details": {compact(n): _details(a) for n, a in graph.nodes(data=True)},
        "documents": {compact(iri): doc for iri, doc in graph.graph.get("documents", {}).items()},
        "kinds": [_legend_kind(k.key, k.da, k.en) for k in KINDS if any(n["kind"] == k.key for n in nodes)],
        "relations": [
            {"key": r.key, "da": r.da, "en": r.en, "hierarchical": r.hierarchical}
            for r in RELATIONS
            if any(e["relation"] == r.key for e in edges)
        ],
        "folding": {
            "shown": sorted(compact(n) for n in folding.shown),
            "clusters": {compact(n): count for n, count in folding.clusters.items()},
            "children": {compact(n): [compact(k) for k in kids] for n, kids in folding.children.items()},
            "view": {_folded_id(n): xy for n, xy in folding.positions.items()},
            "groups": {g: {"da": x.da, "en": x.en, "count": len(x.members)} for g, x in folding.groups.items()},
            "groupViews": {g: {_folded_id(n): xy for n, xy in v.items()} for g, v in folding.group_views.items()},
            "views": {compact(p): {_folded_id(n): xy for n, xy in v.items()} for p, v in folding.views.items()},
            "column": COLUMN,
        },
        "options": {mode_: options(mode_, len(nodes), len(edges)) for mode_ in ("org", "network")},
        "config": {
            "mode": mode,
            "lang": lang,
            "focus": compact(graph.graph["focus"]) if graph.graph.get("focus") else None,
            "depth": graph.graph.get("depth"),
            "edgeLabels": len(nodes) <= LARGE,
            "seedNetwork": len(nodes) > LARGE,
            "seedScale": SEED_SCALE,
            "pageBase": page_base,
            "minLabel": MIN_LABEL_PX,
            "maxScale": 1.6,
        },
        "i18n": UI,
    }
    if compare:
        data["compare"] = {**for_view(compare, graph), "colours": legend_colours()}
    if assets is not None:
        linked: str = _template().render(
            lang=lang,
            title=title or UI[lang]["title"],
            assets=assets,
            compare=bool(compare),
            data=Markup(json_for_html(data)),
        )
        return linked
    page_js, vis_js = _asset("static/graph.js"), _vis_asset("vis-network.min.js")
    compare_js = _asset("static/graph-compare.js") if compare else ""
    html: str = _template().render(
        lang=lang,
        title=title or UI[lang]["title"],
        csp=csp([vis_js, page_js] + ([compare_js] if compare else [])),
        vis_css=Markup(_vis_asset("vis-network.css")),
        page_css=Markup(_asset("static/graph.css") + (_asset("static/graph-compare.css") if compare else "")),
        vis_js=Markup(vis_js),
        page_js=Markup(page_js),
        compare=bool(compare),
        compare_js=Markup(compare_js),
        data=Markup(json_for_html(data)),
    )
    return html


def asset_text(name: str) -> str | None:
    """The text of one of the page's assets by file name (what a server sends for ``{assets}/{name}``)."""
    if name in ("graph.js", "graph.css", "graph-compare.js", "graph-compare.css"):
        return _asset(f"static/{name}")
    if name in ("vis-network.min.js", "vis-network.css"):
        return _vis_asset(name)
    return None


def _folded_id(node: str) -> str:
    if node.startswith(CLUSTER_PREFIX):
        return CLUSTER_PREFIX + compact(node[len(CLUSTER_PREFIX) :])
    return compact(node)


def vis_records(graph: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network node and edge records for a projection, built through pyvis (ids are compact names)."""
    net = Network(directed=True, cdn_resources="in_line")
    for node, attrs in sorted(graph.nodes(data=True)):
        severity = attrs.get("severity")
        look = marked_look(attrs["kind"], severity) if severity else {"group": attrs["kind"]}
        net.add_node(
            compact(node),
            label=attrs["label_da"],
            shape=STYLE[attrs["kind"]][3],
            **look,
            kind=attrs["kind"],
            label_da=attrs["label_da"],
            label_en=attrs["label_en"],
            alt=attrs["alt_labels"],
            docs=[compact(d) for d in attrs["docs"]],
            severity=severity,
            standing=attrs.get("standing"),
            **({"shapeProperties": {"borderDashes": [6, 4]}} if attrs.get("standing") in TENTATIVE else {}),
        )
    known = set(net.node_ids)
    parallel: dict[frozenset[str], int] = {}
    for source, target, key, attrs in sorted(graph.edges(keys=True, data=True)):
        if compact(source) not in known or compact(target) not in known:
            continue
        hierarchical = key in HIERARCHICAL
        pair = frozenset((source, target))
        rank = parallel[pair] = parallel.get(pair, -1) + 1  # parallel lines bend apart, so labels do not overlap
        net.add_edge(
            compact(source),
            compact(target),
            id=f"{compact(source)}|{key}|{compact(target)}",
            relation=key,
            label_da=_edge_label(attrs, "da"),
            label_en=_edge_label(attrs, "en"),
            hierarchical=hierarchical,
            **(
                {"color": HIERARCHY_LINE, "width": 2, "dashes": False, "smooth": False}
                if hierarchical
                else {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.12 + 0.18 * rank}}
            ),
        )
    return [_drop_none(n) for n in net.nodes], list(net.edges)


def _edge_label(attrs: dict[str, Any], lang: str) -> str:
    role = attrs.get(f"role_{lang}")
    return f"{attrs[f'label_{lang}']} ({role})" if role else str(attrs[f"label_{lang}"])


def _drop_none(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None}


def _details(attrs: dict[str, Any]) -> dict[str, Any]:
    """What the side panel shows for a node, beyond its relations (which the page reads from the edges)."""
    return {
        "type": {"da": attrs["type_da"], "en": attrs["type_en"]},
        "class": attrs["class"],
        "description": {"da": attrs["description_da"], "en": attrs["description_en"]},
        "passages": [{"quote": p["quote"], "doc": compact(p["doc"]) if p["doc"] else None} for p in attrs["passages"]],
        "findings": attrs["findings"],
    }


def _legend_kind(key: str, da: str, en: str) -> dict[str, str]:
    fill, border, font, shape = STYLE[key]
    return {"key": key, "da": da, "en": en, "fill": fill, "border": border, "font": font, "shape": shape}


def json_for_html(data: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` survive raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def csp(scripts: list[str]) -> str:
    """A Content-Security-Policy allowing only these inline scripts, inline styles and data: images."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


@cache
def _template() -> Any:
    env = Environment(loader=PackageLoader("viz", "templates"), autoescape=select_autoescape(default=True))
    return env.get_template("graph.html")


@cache
def _asset(path: str) -> str:
    return _checked(resources.files("viz").joinpath(path).read_text(encoding="utf-8"), path)


@cache
def _vis_asset(name: str) -> str:
    """vis-network as bundled with pyvis (the same file its ``in_line`` mode inlines)."""
    return _checked(resources.files("pyvis").joinpath(f"{VIS_DIR}/{name}").read_text(encoding="utf-8"), name)


def _checked(text: str, name: str) -> str:
    """Refuse an asset that would end its own ``<script>``/``<style>`` element early."""
    lowered = text.lower()
    if "</script" in lowered or "</style" in lowered or "<!--" in lowered:
        raise RuntimeError(f"{name} cannot be inlined: it contains a closing tag or comment opener")
    return text
