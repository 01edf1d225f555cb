"""``/store``: the SPARQL 1.1 Graph Store HTTP Protocol, behind the update token.

``?graph=<iri>`` names a graph, ``?default`` the store's own default graph (which is not the union
that queries see). GET/HEAD read a graph in the negotiated RDF format, PUT replaces it, POST adds
to it, DELETE removes it. GET/HEAD without either read the whole dataset as N-Quads or TriG
(``govkg backup --url``). Like SPARQL Update, the whole protocol is off unless an update token is
configured, and then needs it as a bearer token. Every change bumps the dataset version.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.auth import check_update_token
from api.deps import settings_of, store_of
from api.negotiation import choose, media_type_of
from api.routers.sparql import not_modified, protocol_error, version_headers
from api.sparql_formats import (
    GRAPH_FORMATS,
    GRAPH_OFFERS,
    UPLOAD_FORMATS,
    acceptable,
    graph_format,
    serialize_triples,
)
from api.sparql_protocol import ProtocolError
from govkg.errors import NotFound
from govkg.store import Store
from govkg.store.base import all_quads

router = APIRouter(tags=["graph store"])

#: Where XML declares a document type or entities; the RDF/XML parser would expand them ("billion laughs").
DECLARATIONS = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)

TARGET = [
    {"name": "graph", "in": "query", "schema": {"type": "string"}, "description": "IRI of the graph"},
    {"name": "default", "in": "query", "schema": {"type": "string"}, "description": "present: the default graph"},
]


def target_graph(request: Request) -> str | None:
    """The graph a request names: an IRI, or None for ``?default``.

    Raises:
        ProtocolError: neither or both of ``graph`` and ``default``, or a graph name that is no IRI.
    """
    graphs = request.query_params.getlist("graph")
    default = "default" in request.query_params
    if len(graphs) + default != 1:
        raise ProtocolError(400, "name exactly one graph: ?graph=<IRI> or ?default")
    if default:
        return None
    try:
        return ox.NamedNode(graphs[0]).value
    except ValueError as exc:
        raise ProtocolError(400, f"graph must be an absolute IRI, not {graphs[0]!r}: {exc}") from None


def parse_body(content_type: str | None, body: bytes, base_iri: str) -> list[ox.Triple]:
    """The triples of an uploaded graph.

    Raises:
        ProtocolError: 415 for a media type that is not an RDF triple format, 400 for a body that does not
            parse or RDF/XML that declares a DOCTYPE or entities.
    """
    media, _ = media_type_of(content_type)
    fmt = UPLOAD_FORMATS.get(media)
    if fmt is None:
        raise ProtocolError(415, f"send the graph as one of: {', '.join(UPLOAD_FORMATS)}")
    if fmt == ox.RdfFormat.RDF_XML and b"\x00" in body[:1024]:
        raise ProtocolError(415, "send RDF/XML as UTF-8")  # UTF-16 would hide declarations from the check below
    if fmt == ox.RdfFormat.RDF_XML and DECLARATIONS.search(body):
        raise ProtocolError(400, "RDF/XML with a DOCTYPE or entity declarations is not accepted (entity expansion)")
    try:
        return [quad.triple for quad in ox.parse(body, format=fmt, base_iri=base_iri)]
    except SyntaxError as exc:
        raise ProtocolError(400, f"the {media} body does not parse: {exc}") from None


DATASET_OFFERS = ("application/n-quads", "application/trig")


def dataset_body(store: Store, media: str) -> bytes:
    """Every quad of the store in N-Quads or TriG."""
    fmt = ox.RdfFormat.N_QUADS if media == DATASET_OFFERS[0] else ox.RdfFormat.TRIG
    return ox.serialize(all_quads(store), format=fmt) or b""


async def read_graph(request: Request, store: Store, name: str | None) -> Response:
    dataset = not request.query_params
    fmt = GRAPH_FORMATS.get(choose(request.headers.get("accept"), DATASET_OFFERS) or "") if dataset else None
    fmt = fmt if dataset else graph_format(request.headers.get("accept"))
    if fmt is None:
        return protocol_error(406, acceptable(DATASET_OFFERS if dataset else GRAPH_OFFERS))
    version = store.version
    headers = version_headers(version, fmt)
    if not_modified(request, {headers["ETag"]}):
        return Response(status_code=304, headers=headers)
    if dataset:
        body = await run_in_threadpool(dataset_body, store, fmt.content_type.split(";")[0])
    else:
        triples = await run_in_threadpool(store.get_graph, name)
        body = await run_in_threadpool(serialize_triples, triples, fmt)
    if request.method == "HEAD":
        return Response(headers={**headers, "Content-Type": fmt.content_type, "Content-Length": str(len(body))})
    return Response(body, media_type=fmt.content_type, headers=headers)


async def write_graph(request: Request, store: Store, name: str | None) -> Response:
    body, base = await request.body(), name or str(request.base_url)
    triples = await run_in_threadpool(parse_body, request.headers.get("content-type"), body, base)
    change = store.put_graph if request.method == "PUT" else store.add_to_graph
    created = await run_in_threadpool(change, name, triples)
    return Response(status_code=201 if created else 204, headers=version_headers(store.version))


async def handle(request: Request, action: Callable[[Request, Store, str | None], Awaitable[Response]]) -> Response:
    """Check the token, find the graph, run the action; protocol errors and unknown graphs as JSON errors."""
    store, settings = store_of(request), settings_of(request)
    check_update_token(settings, request.headers.get("authorization"))
    try:
        whole = action is read_graph and not request.query_params
        return await action(request, store, None if whole else target_graph(request))
    except ProtocolError as exc:
        return protocol_error(exc.status, exc.message)
    except NotFound as exc:
        return protocol_error(404, exc.message)


async def remove_graph(request: Request, store: Store, name: str | None) -> Response:
    await run_in_threadpool(store.delete_graph, name)
    return Response(status_code=204, headers=version_headers(store.version))


EXTRA = {"parameters": TARGET}


@router.get("/store", openapi_extra=EXTRA, response_class=Response)
async def get_graph(request: Request) -> Response:
    """Read one graph in the negotiated RDF format; needs the update token."""
    return await handle(request, read_graph)


@router.head("/store", openapi_extra=EXTRA, response_class=Response)
async def head_graph(request: Request) -> Response:
    """The headers a GET of the graph would have (ETag, Content-Type, Content-Length)."""
    return await handle(request, read_graph)


@router.put("/store", openapi_extra=EXTRA, response_class=Response, status_code=201)
async def put_graph(request: Request) -> Response:
    """Replace one graph with the body's triples (201 when new, else 204); needs the update token."""
    return await handle(request, write_graph)


@router.post("/store", openapi_extra=EXTRA, response_class=Response, status_code=201)
async def post_graph(request: Request) -> Response:
    """Add the body's triples to one graph (201 when new, else 204); needs the update token."""
    return await handle(request, write_graph)


@router.delete("/store", openapi_extra=EXTRA, response_class=Response, status_code=204)
async def delete_graph(request: Request) -> Response:
    """Remove one graph (the default graph: empty it); needs the update token."""
    return await handle(request, remove_graph)
