"""The SPARQL workbench a browser gets at ``/sparql``: YASGUI, served from this service.

YASGUI (``@zazuko/yasgui``, MIT) is vendored under ``api/static/sparql/yasgui`` (``make yasgui``
refreshes it from the npm registry) and configured by ``api/static/sparql/workbench.js`` from
``/sparql/workbench.json``: this endpoint only, the ontology's prefixes, completion from the graph's
own vocabulary, the example questions in Danish and English, IRIs of this graph linked to their
pages with their labels. The page itself is a shell with no inline script or style, so it works
under a strict Content-Security-Policy; nothing is loaded from elsewhere.

YASGUI needs neither ``eval`` nor ``'unsafe-inline'``: the one inline block it makes is the
``<style>`` its results table's column resizer (column-resizer) injects, and that exact text is
registered with :mod:`api.security_headers` so the policy allows it by hash.
"""

from __future__ import annotations

import re
from functools import cache
from html import escape
from pathlib import Path

from api.security_headers import inline

STATIC = "/static/sparql"
STATIC_DIR = Path(__file__).resolve().parent / "static" / "sparql"
_GRIP_STYLE = re.compile(r"createStyle\(a,`( \.grip-resizable\{[^`\\]*)`\)")
DRAG_STYLE = "*{cursor:col-resize!important}"
"""What the column resizer injects while a column is dragged (its default drag cursor)."""


@inline
@cache
def yasgui_styles() -> list[str]:
    """The ``<style>`` texts YASGUI's column resizer injects, read from the vendored bundle."""
    bundle = (STATIC_DIR / "yasgui" / "yasgui.min.js").read_text(encoding="utf-8")
    found = _GRIP_STYLE.search(bundle)
    return [found.group(1), DRAG_STYLE] if found else [DRAG_STYLE]


DOWNLOADS = (("CSV", "text/csv", "csv"), ("TSV", "text/tab-separated-values", "tsv"),
             ("JSON", "application/sparql-results+json", "json"))  # fmt: skip


def render_page(endpoint_path: str, updates: bool) -> str:
    """The workbench page for the endpoint at ``endpoint_path``; the token field only when updates are on."""
    config = escape(f"{endpoint_path}/workbench.json")
    downloads = "".join(
        f'<button type="button" data-download="{accept}" data-extension="{ext}">{name}</button>'
        for name, accept, ext in DOWNLOADS
    )
    token = (
        '<label class="label" for="token">Update token</label><input id="token" type="password" '
        'autocomplete="off" placeholder="kept in this page only, sent with updates">'
        if updates
        else ""
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>govkg SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="{STATIC}/yasgui/yasgui.min.css">
<link rel="stylesheet" href="{STATIC}/workbench.css">
</head>
<body><header><p><a href="/">govkg</a></p><h1>SPARQL</h1>
<p class="lead">Ask the governance graph. The default graph is the union of the ontology, the documents and
the inferred graph (types from rdfs:subClassOf, lines from rdfs:subPropertyOf); the SHACL shapes are
reachable with GRAPH. Ctrl-Space completes, Ctrl-Enter runs. Declare the prefixes you use: typing one
the ontology knows adds its PREFIX line.</p>
<div class="bar"><span class="label">Examples</span><span id="examples"></span>
<button type="button" data-lang="da">da</button><button type="button" data-lang="en">en</button></div>
<div class="bar"><span class="label">Download</span>{downloads}{token}
<span id="workbench-status" role="status"></span></div>
</header>
<main id="workbench" data-config="{config}"><div id="yasgui"></div></main>
<noscript><p>The workbench needs JavaScript. Any SPARQL client can POST queries to this URL.</p></noscript>
<script src="{STATIC}/yasgui/yasgui.min.js"></script>
<script src="{STATIC}/workbench.js"></script>
</body></html>"""
