"""``/sparql`` and ``/update``: the SPARQL 1.1 Protocol over the project's store.

Queries by GET, form POST or direct POST, answered in the negotiated format with ETag and
Last-Modified from the dataset version; a GET without a query gets the service description, or
the query page in a browser. Updates (form ``update=`` or ``application/sparql-update``) are off
unless an update token is configured, and need it as a bearer token. Relative IRIs in a query
resolve against the endpoint URL; in an update against the dataset's base IRI, so stored data never
depends on the host name a request came through.
"""

from __future__ import annotations

from email.utils import format_datetime
from functools import lru_cache

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from api.auth import check_update_token
from api.deps import settings_of, store_of
from api.errors import HTTP_CODES, error_body
from api.negotiation import choose
from api.service_description import describe, graph_sizes, hidden_graphs
from api.sparql_formats import (
    GRAPH_FORMATS,
    GRAPH_OFFERS,
    SOLUTION_OFFERS,
    Format,
    acceptable,
    graph_format,
    serialize_triples,
    solution_format,
)
from api.sparql_page import render_page
from api.sparql_protocol import Operation, ProtocolError, from_post, from_query_string
from api.sparql_runner import Evaluation, QueryRunner, evaluate
from govkg.config import Settings
from govkg.errors import QuerySyntaxError
from govkg.sparql_errors import readable, shift_position
from govkg.sparql_safety import guard
from govkg.sparql_text import with_using
from govkg.store import DatasetVersion, Store

router = APIRouter(tags=["sparql"])

PAGE_OFFERS = (*GRAPH_OFFERS, "text/html", "application/xhtml+xml")
QUERY_PARAMETERS = [
    {"name": "query", "in": "query", "schema": {"type": "string"}, "description": "A SPARQL 1.1 query"},
    {"name": "default-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
    {"name": "named-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
]
SPARQL_BODY = {
    "requestBody": {
        "content": {
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/sparql-update": {"schema": {"type": "string"}},
            "application/x-www-form-urlencoded": {
                "schema": {"type": "object", "properties": {"query": {"type": "string"}, "update": {"type": "string"}}}
            },
        }
    }
}


def runner(request: Request, settings: Settings) -> QueryRunner:
    """The app's query runner, made on first use."""
    found: QueryRunner | None = getattr(request.app.state, "sparql_runner", None)
    if found is None:
        found = request.app.state.sparql_runner = QueryRunner.from_settings(settings)
    return found


def evaluation(request: Request, store: Store, settings: Settings) -> Evaluation:
    """Where the app evaluates ``/sparql`` queries (worker processes over the embedded store), made on first use."""
    found: Evaluation | None = getattr(request.app.state, "sparql_evaluation", None)
    if found is None or found.store is not store:
        found = request.app.state.sparql_evaluation = Evaluation(store, settings, runner(request, settings))
    return found


def protocol_error(status: int, message: str) -> JSONResponse:
    """A protocol violation as the service's JSON error body."""
    return JSONResponse(error_body(HTTP_CODES.get(status, "BAD_REQUEST"), message), status_code=status)


@lru_cache(maxsize=64)
def version_headers(version: DatasetVersion, fmt: Format | None = None) -> dict[str, str]:
    """ETag (per dataset version and format) and Last-Modified for a response (shared: do not change it)."""
    tag = version.etag if fmt is None else f'{version.etag[:-1]}-{fmt.key}"'
    headers = {"ETag": tag, "Last-Modified": format_datetime(version.modified, usegmt=True)}
    return headers if fmt is None else {**headers, "Vary": "Accept"}


class Answer(Response):
    """A query's answer (200), sent with headers made once per dataset version and format."""

    def __init__(self, body: bytes, version: DatasetVersion, fmt: Format) -> None:
        self.status_code = 200
        self.background = None
        self.body = body
        self.raw_headers = [(b"content-length", str(len(body)).encode()), *answer_headers(version, fmt)]


@lru_cache(maxsize=64)
def answer_headers(version: DatasetVersion, fmt: Format) -> tuple[tuple[bytes, bytes], ...]:
    """An answer's headers but its length, as :class:`Response` writes them (``charset`` for ``text/*``)."""
    made = Response(None, headers=version_headers(version, fmt), media_type=fmt.content_type).raw_headers
    return tuple(header for header in made if header[0] != b"content-length")


def not_modified(request: Request, tags: set[str]) -> bool:
    """Whether a GET's If-None-Match names one of the current ETags (weak comparison)."""
    header = request.headers.get("if-none-match")
    if not header or request.method not in ("GET", "HEAD"):
        return False
    given = {t.strip().removeprefix("W/") for t in header.split(",")}
    return "*" in given or not given.isdisjoint(tags)


def endpoint_iri(request: Request, settings: Settings) -> str:
    """The endpoint's own URL (the base for relative IRIs in a query), or the dataset base if it is no IRI."""
    scope = request.scope
    return _checked_iri(
        f"{scope['scheme']}://{request.headers.get('host', 'localhost')}{scope.get('root_path', '')}{scope['path']}",
        settings.base_iri,
    )


@lru_cache(maxsize=64)
def _checked_iri(url: str, fallback: str) -> str:
    try:
        return ox.NamedNode(url).value
    except ValueError:
        return fallback


def has_body(request: Request) -> bool:
    headers = request.headers
    return headers.get("content-length", "0") != "0" or "transfer-encoding" in headers


async def answer_query(request: Request, store: Store, settings: Settings, op: Operation) -> Response:
    """Evaluate a query off the event loop and write its answer in the negotiated format."""
    accept = request.headers.get("accept")
    solutions, graphs = solution_format(accept), graph_format(accept)
    if solutions is None and graphs is None:
        return protocol_error(406, acceptable((*SOLUTION_OFFERS, *GRAPH_OFFERS)))
    version = store.version
    if not_modified(request, {version_headers(version, f)["ETag"] for f in (solutions, graphs) if f}):
        fmt = solutions or graphs
        return Response(status_code=304, headers=version_headers(version, fmt))
    text = f"BASE <{endpoint_iri(request, settings)}>\n{op.text}"
    defaults, named = (op.default_graphs or [], op.named_graphs or []) if op.names_dataset else (None, None)

    job = (text, defaults, named, solutions and solutions.key, graphs and graphs.key)
    try:
        form, body = await evaluation(request, store, settings).run(
            evaluate, *job, settings.query_timeout, settings.result_limit, settings.max_nesting
        )
    except QuerySyntaxError as exc:
        raise QuerySyntaxError(shift_position(readable(exc.message, text), 1)) from None
    fmt = graphs if form == "GRAPH" else solutions
    if fmt is None:
        return protocol_error(406, acceptable(GRAPH_OFFERS if solutions else SOLUTION_OFFERS))
    return Answer(body, version, fmt)


async def apply_update(request: Request, store: Store, settings: Settings, op: Operation) -> Response:
    """Check the token, add the protocol's USING clauses, and run the update to its end."""
    check_update_token(settings, request.headers.get("authorization"))
    guard(op.text, settings.max_nesting)
    try:
        text = with_using(op.text, op.default_graphs or [], op.named_graphs or []) if op.names_dataset else op.text
    except ValueError as exc:
        return protocol_error(400, str(exc))
    text = f"BASE <{settings.base_iri}>\n{text}"
    try:
        await evaluation(request, store, settings).try_update(text, settings.update_timeout)
        await run_in_threadpool(store.update, text)  # not the query workers: runaway queries must not hold it up
    except QuerySyntaxError as exc:
        raise QuerySyntaxError(shift_position(readable(exc.message, text), 1)) from None
    return Response(status_code=204, headers=version_headers(store.version))


async def describe_service(request: Request, store: Store, settings: Settings) -> Response:
    """The service description for clients, the query page for browsers."""
    chosen = choose(request.headers.get("accept"), PAGE_OFFERS)
    if chosen is None:
        return protocol_error(406, acceptable(PAGE_OFFERS))
    updates = settings.update_token is not None
    if chosen in ("text/html", "application/xhtml+xml"):
        return HTMLResponse(render_page(request.url.path, updates), headers={"Vary": "Accept"})
    sizes, hidden = await runner(request, settings).run(lambda: (graph_sizes(store), hidden_graphs(store)))
    fmt = GRAPH_FORMATS[chosen]
    body = serialize_triples(describe(endpoint_iri(request, settings), sizes, updates, hidden), fmt)
    return Response(body, media_type=fmt.content_type, headers={"Vary": "Accept"})


@router.get("/sparql", openapi_extra={"parameters": QUERY_PARAMETERS}, response_class=Response)
async def query_by_get(request: Request) -> Response:
    """SPARQL query by GET (``?query=``); without a query, the service description or the query page."""
    store, settings = store_of(request), settings_of(request)
    try:
        if has_body(request):
            raise ProtocolError(400, "a GET request must not have a body; POST the query instead")
        op = from_query_string(request.scope["query_string"])
    except ProtocolError as exc:
        return protocol_error(exc.status, exc.message)
    if op is None:
        return await describe_service(request, store, settings)
    return await answer_query(request, store, settings, op)


async def read_post(request: Request) -> Operation:
    """The query or update a POST carries (form, ``application/sparql-query`` or ``-update``).

    Raises:
        ProtocolError: the request breaks the SPARQL Protocol (status and message for the client).
    """
    return from_post(request.query_params.multi_items(), request.headers.get("content-type"), await request.body())


@router.post("/sparql", openapi_extra=SPARQL_BODY, response_class=Response)
async def query_by_post(request: Request) -> Response:
    """SPARQL query or update by POST: a form, ``application/sparql-query`` or ``application/sparql-update``."""
    store, settings = store_of(request), settings_of(request)
    try:
        op = await read_post(request)
    except ProtocolError as exc:
        return protocol_error(exc.status, exc.message)
    if op.kind == "update":
        return await apply_update(request, store, settings, op)
    return await answer_query(request, store, settings, op)


@router.post("/update", openapi_extra=SPARQL_BODY, response_class=Response, status_code=204)
async def update_by_post(request: Request) -> Response:
    """SPARQL update by POST (form ``update=`` or ``application/sparql-update``); needs the update token."""
    store, settings = store_of(request), settings_of(request)
    try:
        op = await read_post(request)
    except ProtocolError as exc:
        return protocol_error(exc.status, exc.message)
    if op.kind != "update":
        return protocol_error(400, "this endpoint takes updates; send queries to /sparql")
    return await apply_update(request, store, settings, op)
