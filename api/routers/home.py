"""The home page: what is loaded and where to go next, in Danish or English (:mod:`api.lang`).

Rendered from ``api/pages/templates/home.html`` with the other server-rendered pages' header and style
sheet, so it works under the strict Content-Security-Policy (no inline style).
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.lang import LangDep
from api.pages.render import render
from govkg.overview import overview

router = APIRouter(tags=["pages"])


@router.get("/", response_class=HTMLResponse)
def read_home(request: Request, store: StoreDep, lang: LangDep) -> HTMLResponse:
    """What is loaded (documents, counts per kind) with links to the graph, audit, vocabulary, SPARQL and API docs."""

    def lang_query(code: str) -> str:
        return urlencode({**request.query_params, "lang": code})

    return HTMLResponse(render("home.html", lang, view=overview(store), lang_query=lang_query))
