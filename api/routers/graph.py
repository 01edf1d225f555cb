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
from pydantic import BaseModel, Field

from api.caching import not_modified, version_etag
from api.deps import SettingsDep, StoreDep
from api.lang import LangDep
from govkg import compare as comparing
from govkg.answers.models import PAGE_PATH
from govkg.answers.scenario import scenario_state
from govkg.config import Settings
from govkg.errors import InvalidParameter
from govkg.namespaces import ORG
from govkg.store import Store
from viz.compare import compare_projection
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
Compare = Annotated[
    str | None,
    Query(
        max_length=620,
        description="Draw two states at once, FROM..TO (scenario slugs as in /api/scenarios, named graphs or "
        "data@REV): added in green, removed in red, changed with an amber border, unchanged in grey",
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
    change: Literal["added", "removed", "changed", "unchanged"] | None = Field(
        None, description="With compare=FROM..TO: what happens to the node"
    )


class GraphEdge(BaseModel):
    """A governance relation from source to target (``relation`` is its key, ``label`` its name)."""

    source: str
    target: str
    relation: str
    label: Text
    role: Text | None
    change: Literal["added", "removed", "unchanged"] | None = Field(
        None, description="With compare=FROM..TO: what happens to the line"
    )


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
    compare: Compare = None


FiltersDep = Annotated[GraphFilters, Depends()]


def projection(store: Store, filters: GraphFilters, settings: Settings) -> nx.MultiDiGraph:
    """The filtered projection of the loaded ontology and data, with audit findings where available.

    With ``compare``, the union of two states with what changes marked (:mod:`viz.compare`) instead.

    Raises:
        NotFound: the focus names nothing the graph draws, or a compared state does not exist (404).
        HTTPException: 400 for an unknown type, relation or document, or both ``compare`` and ``scenario``.
    """
    try:
        if filters.compare:
            full, docs = _compared(store, filters, settings)
        else:
            full, docs = _one_state(store, filters), _names(filters.docs)
        return select(
            full,
            types=_names(filters.types),
            relations=_names(filters.relations),
            docs=docs,
            focus=filters.focus or None,
            depth=filters.depth,
        )
    except (InvalidFilter, InvalidParameter) as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None


def _one_state(store: Store, filters: GraphFilters) -> nx.MultiDiGraph:
    graph = store.rdflib_graph(frozenset({"ontology", "data"}))
    severities, findings = audit_overlay(store)
    full = to_networkx(graph, severities, findings)
    return only_lines(full, _statements_of(store, filters.scenario)) if filters.scenario else full


def _compared(store: Store, filters: GraphFilters, settings: Settings) -> tuple[nx.MultiDiGraph, list[str] | None]:
    """Both states of ``compare=FROM..TO`` as one projection, and the documents to draw.

    Two scenarios draw their documents' part of the graph (and anything that changes) unless ``docs``
    says otherwise; other states draw everything.
    """
    assert filters.compare is not None
    before, sep, after = filters.compare.partition("..")
    if not sep or not before.strip() or not after.strip():
        raise InvalidParameter("compare", "compare two states as FROM..TO, e.g. rm-organisering-2016/as-is..proposed")
    if filters.scenario:
        raise InvalidParameter("compare", "give either compare=FROM..TO or scenario=, not both")
    after = _sibling(before.strip(), after.strip())
    states = [comparing.resolve_state(store, spec, settings.base_iri, settings.data_dir) for spec in (before, after)]
    full = compare_projection(states[0], states[1], comparing.vocabulary(store))
    if filters.docs is not None:
        return full, _names(filters.docs)
    documents = {s.graph: s.document for s in comparing.scenarios(store, settings.base_iri)}
    wanted = {documents.get(state.name) for state in states}
    if None in wanted:
        return full, None
    keep = {n for n, a in full.nodes(data=True) if a["change"] != "unchanged" or wanted.intersection(a["docs"])}
    return full.subgraph(keep).copy(), None


def _sibling(before: str, after: str) -> str:
    """``rm-organisering-2016/as-is..proposed``: a bare state name after ``..`` is the same document's."""
    if "/" in after or "@" in after or ":" in after or "/" not in before:
        return after
    return f"{before.rsplit('/', 1)[0]}/{after}"


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
    settings: SettingsDep,
    filters: FiltersDep,
    lang: LangDep,
    mode: Literal["org", "network"] = "org",
) -> Response:
    """The interactive org graph: org chart or network, search, filters, details, Danish or English.

    The page carries an ETag from the dataset version and the query, so a browser revalidates with a 304
    until the data changes (not when it compares a git revision, which the dataset version does not cover).
    ``compare=FROM..TO`` draws two states at once with what changes coloured.
    """
    etag = version_etag(store.version.etag, "graph", lang, str(request.query_params))
    headers = {"X-Content-Type-Options": "nosniff"}
    if "@" not in (filters.compare or ""):
        headers["ETag"] = etag
        if not_modified(request, etag):
            return Response(status_code=304, headers=headers)
    graph = projection(store, filters, settings)
    page = render_html(graph, mode=mode, lang=lang, page_base=PAGE_PATH, assets=ASSETS)
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
def read_graph(store: StoreDep, settings: SettingsDep, filters: FiltersDep) -> GraphProjection:
    """The org graph as JSON: nodes (with labels, type, passages, findings) and typed edges.

    With ``compare=FROM..TO`` each node and edge says what happens to it (``change``).
    """
    graph = projection(store, filters, settings)
    answer = as_dict(graph)
    if filters.compare:
        for node in answer["nodes"]:
            node["change"] = graph.nodes[node["id"]]["change"]
        for edge in answer["edges"]:
            edge["change"] = graph.edges[edge["source"], edge["target"], edge["relation"]]["change"]
    return GraphProjection.model_validate(answer)
