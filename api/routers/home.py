"""The home page: what is loaded and where to go next. Self-contained HTML, no external assets."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from govkg.overview import Overview, overview

router = APIRouter(tags=["pages"])

STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2733}
h1{margin-bottom:.2rem} .lead{color:#4a5866;margin-top:0} table{border-collapse:collapse;margin:1rem 0}
td,th{padding:.3rem .8rem;border-bottom:1px solid #dde3ea;text-align:left} th{background:#f3f6f9}
nav a{display:inline-block;margin:.3rem .6rem .3rem 0;padding:.5rem .9rem;background:#0b5cad;color:#fff;
border-radius:4px;text-decoration:none} nav a:hover{background:#084a8c} .num{text-align:right}
"""

LINKS = [
    ("/graph", "Org graph / Organisationsgraf"),
    ("/audit", "Audit report / Revisionsrapport"),
    ("/sparql", "SPARQL query page"),
    ("/docs", "API docs (OpenAPI)"),
]


def render_home(view: Overview) -> str:
    """The home page for an overview; every data string escaped."""
    kinds = "".join(f"<tr><td>{escape(k)}</td><td class=num>{n}</td></tr>" for k, n in view.kinds.items())
    docs = "".join(
        f"<tr><td>{escape(d.title)}</td><td>{escape(d.date or '—')}</td><td><code>{escape(d.identifier)}</code></td>"
        f"<td class=num>{d.passages}</td></tr>"
        for d in view.documents
    )
    links = "".join(f'<a href="{href}">{escape(label)}</a>' for href, label in LINKS)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>govkg</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>
<body><h1>govkg</h1>
<p class="lead">Who sits where, reports to whom and must do what in Danish cancer and health collaboration.</p>
<nav>{links}</nav>
<h2>Source documents</h2>
<table><tr><th>Title</th><th>Date</th><th>File</th><th>Passages quoted</th></tr>{docs}</table>
<h2>What the graph holds</h2>
<p>{view.triples} triples in {view.graphs} named graphs.</p>
<table><tr><th>Kind</th><th>Count</th></tr>{kinds}</table>
</body></html>"""


@router.get("/", response_class=HTMLResponse)
def read_home(store: StoreDep) -> HTMLResponse:
    """What is loaded (documents, counts per kind) with links to the graph, audit, SPARQL and API docs."""
    return HTMLResponse(render_home(overview(store)))
