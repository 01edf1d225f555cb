"""Dereferenceable IRIs: ``GET /id/{slug}`` (a page per entity, or its RDF) and ``GET /ontology``.

``https://w3id.org/govkg/id/{slug}`` (``Settings.base_iri``) is served at ``/id/{slug}`` here, so a
w3id redirect can point at a deployment. Content negotiation, overridden by ``?format=``: browsers
get HTML, RDF clients a concise bounded description (Turtle, JSON-LD, N-Triples), ``application/json``
the REST answer. An unknown slug is a 404 page with suggestions for browsers, a JSON error otherwise.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from api.deps import SettingsDep, StoreDep
from api.errors import error_body
from api.lang import LangParam, pick_lang
from api.negotiation import choose
from api.pages import render
from api.pages.entity import entity_view
from api.pages.ontology import ontology_turtle, vocabulary
from govkg import answers
from govkg.answers.rdf import entity_description
from govkg.answers.resolve import resolve_slug, suggest
from govkg.errors import NotFound
from govkg.namespaces import PREFIXES

router = APIRouter(tags=["pages"])

HTML, JSON = "text/html", "application/json"
RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
TURTLE, NTRIPLES = "text/turtle", "application/n-triples"
FORMATS = {"html": HTML, "json": JSON, "ttl": TURTLE, "jsonld": "application/ld+json", "nt": NTRIPLES}
OFFERS = (HTML, *RDF_TYPES, JSON)
Format = Annotated[
    Literal["html", "json", "ttl", "jsonld", "nt"] | None, Query(description="Overrides the Accept header")
]


def wants_html(request: Request) -> bool:
    """Whether the client is a browser that prefers HTML to JSON."""
    return choose(request.headers.get("accept"), (JSON, HTML)) == HTML and "html" in request.headers.get("accept", "")


def _lang_query(request: Request) -> object:
    def query(code: str) -> str:
        return urlencode({**request.query_params, "lang": code})

    return query


def not_found(
    request: Request, store: StoreDep, settings: SettingsDep, asked: str, lang: str, message: str
) -> Response:
    """404: a page with "did you mean" suggestions for browsers, the JSON error (with suggestions) for the rest."""
    lang_ = pick_lang(request, lang)
    suggestions = suggest(store, asked, lang_, settings.base_iri)
    if wants_html(request):
        body = render("not_found.html", lang_, asked=asked, suggestions=suggestions, lang_query=_lang_query(request))
        return HTMLResponse(body, status_code=404)
    payload = {**error_body("NOT_FOUND", message), "suggestions": [s.model_dump() for s in suggestions]}
    return JSONResponse(payload, status_code=404)


@router.get(
    "/id/{slug}",
    response_class=HTMLResponse,
    responses={
        200: {"content": {t: {} for t in (*RDF_TYPES, JSON)}, "description": "The page, or the entity's description"},
        404: {"description": "No such entity: a page for browsers, a JSON error otherwise"},
    },
)
def read_entity_page(
    request: Request, store: StoreDep, settings: SettingsDep, slug: str, lang: LangParam = None, format: Format = None
) -> Response:
    """The entity's page (HTML), or its concise bounded description in Turtle, JSON-LD or N-Triples.

    The slug may also be a name in any case (`Sundhedsstyregruppen`, `rkkp`): a name that picks one
    entity redirects to its slug.
    """
    media = FORMATS[format] if format else choose(request.headers.get("accept"), OFFERS)
    if media is None:
        raise HTTPException(406, detail=f"/id/ offers {', '.join(OFFERS)}")
    lang_ = pick_lang(request, lang)
    try:
        found = resolve_slug(store, slug, settings.base_iri)
    except NotFound as exc:
        return not_found(request, store, settings, slug, lang_, exc.message)
    if found != slug:
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/id/{found}{query}", status_code=303)
    headers = {"Vary": "Accept, Accept-Language"}
    if media in RDF_TYPES:
        triples = entity_description(store, slug, settings.base_iri, settings.result_limit)
        body = ox.serialize(triples, format=RDF_TYPES[media], prefixes=PREFIXES) or b""
        return Response(body, media_type=media if media == NTRIPLES else f"{media}; charset=utf-8", headers=headers)
    if media == JSON:
        entity = answers.describe_entity(store, slug, lang_, settings.base_iri)
        return Response(entity.model_dump_json(), media_type=JSON, headers=headers)
    view = entity_view(store, slug, lang_, settings.base_iri)
    return HTMLResponse(render("entity.html", lang_, view=view, lang_query=_lang_query(request)), headers=headers)


@router.get(
    "/ontology",
    response_class=HTMLResponse,
    responses={200: {"content": {"text/turtle": {}}, "description": "The vocabulary as a page or as Turtle"}},
)
def read_ontology(
    request: Request, settings: SettingsDep, lang: LangParam = None, format: Literal["html", "ttl"] | None = None
) -> Response:
    """The govkg vocabulary: classes, properties and concept schemes, da/en labels and comments; Turtle by conneg."""
    media = FORMATS[format] if format else choose(request.headers.get("accept"), (HTML, "text/turtle"))
    if media is None:
        raise HTTPException(406, detail="/ontology offers text/html and text/turtle")
    headers = {"Vary": "Accept, Accept-Language"}
    if media == "text/turtle":
        return Response(ontology_turtle(settings.ontology_dir), media_type=f"{TURTLE}; charset=utf-8", headers=headers)
    lang_ = pick_lang(request, lang)
    vocab = vocabulary(settings.ontology_dir, lang_)
    body = render("ontology.html", lang_, vocab=vocab, lang_query=_lang_query(request))
    return HTMLResponse(body, headers=headers)
