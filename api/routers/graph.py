"""The org graph: ``GET /graph`` (the interactive page) and ``GET /api/graph`` (the same projection as JSON).

Both take the same filters. The page is self-contained: vis-network and every style are inlined, so it
works on a closed network. Audit findings, where the audit is installed, mark nodes with a red border.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Literal

import networkx as nx
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from api.caching import not_modified, version_etag
from api.deps import StoreDep
from govkg.answers.models import PAGE_PATH
from govkg.answers.scenario import scenario_state
from govkg.errors import InvalidParameter
from govkg.namespaces import ORG
from govkg.store import Store
from viz.findings import audit_overlay
from viz.projection import InvalidFilter, as_dict, only_lines, select, to_networkx
from viz.render import asset_text, render_html

router = APIRouter(tags=["graph"])
ASSETS = "/static/graph"

Focus = Annotated[str | None, Query(description="IRI, id:slug, slug or name (any case) of the entity to centre on")]
Depth = Annotated[int, Query(ge=0, le=10, description="Edges to follow from the focus, either way")]
Types = Annotated[
    str | None,
    Query(
        description="Comma-separated node types: organisation, unit, collaboration, body, post, person, "
        "agreement, obligation (default: all but obligation)"
    ),
]
Relations = Annotated[str | None, Query(description="Comma-separated relation keys, e.g. reports_to,sub_organisation")]
Docs = Annotated[str | None, Query(description="Comma-separated source documents (slug, id:doc-…, IRI or seed file)")]
Scenario = Annotated[
    str | None,
    Query(
        max_length=300,
        description="Show one state: a scenario's name (rm-organisering-2016/as-is, …/proposed, "
        "aarhus-ccc-opsamling-2025/as-is, rh-rs-visioner-2018/draft) or its graph IRI",
    ),
]


class Text(BaseModel):
    """A text in Danish and English."""

    da: str | None
    en: str | None


class Passage(BaseModel):
    """A quoted source passage (Danish) and the document it is part of."""

    quote: str
    doc: str | None


class Finding(BaseModel):
    """An audit finding on a node."""

    severity: str
    rule_da: str
    rule_en: str
    message_da: str
    message_en: str


class GraphNode(BaseModel):
    """An organisation, body, post, person, agreement or obligation."""

    id: str
    kind: str
    label: Text
    type: Text
    class_name: str
    alt_labels: list[str]
    description: Text
    docs: list[str]
    passages: list[Passage]
    severity: str | None
    findings: list[Finding]


class GraphEdge(BaseModel):
    """A governance relation from source to target (``relation`` is its key, ``label`` its name)."""

    source: str
    target: str
    relation: str
    label: Text
    role: Text | None


class SourceDocument(BaseModel):
    """A source document the graph quotes."""

    iri: str
    title: str
    identifier: str
    date: str | None


class GraphProjection(BaseModel):
    """The org graph as nodes and edges, for other front ends."""

    focus: str | None
    depth: int | None
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    documents: list[SourceDocument]


def _names(value: str | None) -> list[str] | None:
    return None if value is None or not value.strip() else [v for v in value.split(",") if v.strip()]


@dataclass(frozen=True)
class GraphFilters:
    """What part of the graph to draw; the same query parameters for the page and the JSON."""

    focus: Focus = None
    depth: Depth = 2
    types: Types = None
    relations: Relations = None
    docs: Docs = None
    scenario: Scenario = None


FiltersDep = Annotated[GraphFilters, Depends()]


def projection(store: Store, filters: GraphFilters) -> nx.MultiDiGraph:
    """The filtered projection of the loaded ontology and data, with audit findings where available.

    Raises:
        NotFound: the focus names nothing the graph draws (404).
        HTTPException: 400 for an unknown type, relation or document.
    """
    graph = store.rdflib_graph(frozenset({"ontology", "data"}))
    severities, findings = audit_overlay(store)
    try:
        full = to_networkx(graph, severities, findings)
        if filters.scenario:
            full = only_lines(full, _statements_of(store, filters.scenario))
        return select(
            full,
            types=_names(filters.types),
            relations=_names(filters.relations),
            docs=_names(filters.docs),
            focus=filters.focus or None,
            depth=filters.depth,
        )
    except (InvalidFilter, InvalidParameter) as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None


def _statements_of(store: Store, scenario: str) -> Callable[[str, str, str], bool]:
    """Whether one state (a scenario and its document's graph) states a line or a seat.

    Raises:
        InvalidParameter: no scenario by that name.
    """
    state = scenario_state(store, scenario)
    seats = state.seats()

    def states(subject: str, predicate: str, obj: str) -> bool:
        return (subject, obj) in seats if predicate == str(ORG.Membership) else state.says(subject, predicate, obj)

    return states


@router.get("/graph", response_class=HTMLResponse, responses={304: {"description": "Unchanged since the ETag"}})
def read_graph_page(
    request: Request,
    store: StoreDep,
    filters: FiltersDep,
    mode: Literal["org", "network"] = "org",
    lang: Literal["da", "en"] = "da",
) -> Response:
    """The interactive org graph: org chart or network, search, filters, details, Danish or English.

    The page (~0.7 MB with vis-network inlined) carries an ETag from the dataset version and the
    query, so a browser revalidates with a 304 until the data changes.
    """
    etag = version_etag(store.version.etag, "graph", str(request.query_params))
    headers = {"ETag": etag, "X-Content-Type-Options": "nosniff"}
    if not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    page = render_html(projection(store, filters), mode=mode, lang=lang, page_base=PAGE_PATH, assets=ASSETS)
    return HTMLResponse(page, headers=headers)


@router.get("/static/graph/{name}", include_in_schema=False)
def read_graph_asset(name: str) -> Response:
    """vis-network and the graph page's own script and style, as files (the page works under a strict CSP)."""
    text = asset_text(name)
    if text is None:
        raise HTTPException(status_code=404, detail=f"no graph asset {name!r}")
    media = "text/javascript" if name.endswith(".js") else "text/css"
    return Response(text, media_type=f"{media}; charset=utf-8", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/api/graph", response_model=GraphProjection)
def read_graph(store: StoreDep, filters: FiltersDep) -> GraphProjection:
    """The org graph as JSON: nodes (with labels, type, passages, findings) and typed edges."""
    return GraphProjection.model_validate(as_dict(projection(store, filters)))
