"""The Store protocol over a SPARQL server (SPARQL 1.1 Protocol and Graph Store HTTP Protocol).

Any conformant server works (Oxigraph, Fuseki, Virtuoso, GraphDB). What :class:`RemoteStore` keeps:

- the **union default graph**: every known named graph but the shapes goes as ``default-graph-uri``
  and every one as ``named-graph-uri``, as the embedded store's default graph (the server's own
  unnamed default graph is not part of it: the protocol has no name for it);
- the **inferred graph** (:mod:`govkg.inference`), rebuilt on the server after this store's writes;
- the **catalog** (graph → kind and file) of what this store loaded; other graphs count as data;
- the **version**, bumped on this store's own writes. Outside writers are not noticed by it, the
  cached graph list, count or rdflib views until :meth:`RemoteStore.refresh`; queries always read
  the server's current data. ``SERVICE`` and ``LOAD`` are refused before anything is sent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import cast

import httpx
import pyoxigraph as ox
import rdflib

from govkg.config import Settings
from govkg.errors import QueryTimeout, StoreError
from govkg.inference import INFERRED, INFERRED_GRAPH, sources, visible
from govkg.namespaces import graph_iri
from govkg.results import QueryResult, materialise
from govkg.sparql_safety import refuse_remote
from govkg.sparql_text import declares_dataset
from govkg.store import catalog as records
from govkg.store import passthrough, quirks
from govkg.store.base import DatasetVersion, GraphInfo
from govkg.store.http_auth import auth_for
from govkg.store.passthrough import RawAnswer
from govkg.store.rdflib_view import to_rdflib_graph
from govkg.store.remote_load import DatasetLoading
from govkg.store.sparql_client import QUERY_ACCEPT, Endpoints, SparqlClient

_OxAnswer = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
_TRIPLE_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


class RemoteStore(DatasetLoading):
    """A :class:`govkg.store.Store` whose dataset lives on a SPARQL server.

    Args:
        query_url: the server's SPARQL query endpoint.
        update_url: its SPARQL Update endpoint; without it (and a Graph Store) the store is read-only.
        graph_store_url: its Graph Store endpoint; without it graphs go by CONSTRUCT and SPARQL Update.
        auth: ``user:password`` (HTTP basic) or a bearer token.
        graph_prefix: named graphs under this prefix are govkg's: a load removes those it does not
            replace. Others on the server are left alone.
        timeout: seconds for a request when the caller gives no time limit.
        bulk_load: try loading the whole dataset in one request (tests switch it off).
        transport: an httpx transport (tests).
    """

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        auth: str | None = None,
        graph_prefix: str | None = None,
        timeout: float = 30.0,
        bulk_load: bool = True,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        endpoints = Endpoints(query_url, update_url, graph_store_url)
        self._inferred = INFERRED_GRAPH
        self._client = SparqlClient(endpoints, auth=auth_for(auth), timeout=timeout, transport=transport)
        self._graph_prefix = graph_prefix
        self._bulk = bulk_load
        self._infer_here = False  # True once the server could not run the inference update itself
        self._catalog: dict[str, GraphInfo] = {self._inferred: GraphInfo(self._inferred, INFERRED)}
        self._version = records.first_version({})
        self._lock = threading.RLock()
        self._names: tuple[int, list[str]] | None = None
        self._count: tuple[int, int] | None = None
        self._views: dict[tuple[int, frozenset[str]], rdflib.Graph] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> RemoteStore:
        """The remote store the settings describe (``store_url`` must be set).

        Raises:
            StoreError: ``store_url`` is not set.
        """
        if not settings.store_url:
            raise StoreError("no remote store configured: set store_url (GOVKG_STORE_URL or --store-url)")
        return cls(
            settings.store_url,
            update_url=settings.update_url,
            graph_store_url=settings.graph_store_url,
            auth=settings.store_auth.get_secret_value() if settings.store_auth else None,
            graph_prefix=graph_iri("", settings.base_iri),
            timeout=max(settings.query_timeout, 30.0),
        )

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def durable(self) -> bool:
        return True  # the server keeps what it acknowledged

    @property
    def version(self) -> DatasetVersion:
        return self._version

    @property
    def catalog(self) -> dict[str, GraphInfo]:
        """Loaded graphs with their kind; other graphs on the server (as the cached list knows them) are data."""
        return {name: self._catalog.get(name) or GraphInfo(name, "data") for name in self.graph_names()}

    def refresh(self) -> None:
        """Forget what is cached about the server's data (after outside writers changed it)."""
        self._changed("refresh")

    def _changed(self, *change: str, version: DatasetVersion | None = None) -> None:
        """A new version, chained from the current one by what changed, and nothing cached."""
        with self._lock:
            self._version = version or records.next_version(self._version, *change)
            self._names = self._count = None
            self._views.clear()

    def _infer(self) -> None:
        """Rebuild the inferred graph from the server's graphs as they are now."""
        self._names = None
        self._infer_here = quirks.infer(self._client, self._inferred, sources(self.catalog), self._infer_here)

    def _written(self, *change: str) -> None:
        try:
            self._infer()
        finally:
            self._changed(*change)

    def graph_names(self) -> list[str]:
        """The server's named graphs, sorted (cached per version)."""
        number = self._version.number
        cached = self._names
        if cached is None or cached[0] != number:
            names = quirks.list_graphs(self._client)
            cached = self._names = (number, names)
        return list(cached[1])

    def triple_count(self) -> int:
        """Triples in all named graphs (cached per version)."""
        number = self._version.number
        cached = self._count
        if cached is None or cached[0] != number:
            rows = self.query(_TRIPLE_COUNT, default_graphs=[], named_graphs=quirks.dataset(self.graph_names())).rows
            value = rows[0][0] if rows else None
            cached = self._count = (number, int(value.value) if isinstance(value, ox.Literal) else 0)
        return cached[1]

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        """Run a query on the server.

        The default graph is the union of the named graphs but the shapes unless ``default_graphs``
        or the query's own ``FROM``/``FROM NAMED`` clauses say otherwise, as in the embedded store.

        Raises:
            QueryRefused: the query uses SERVICE (nothing is sent).
            QuerySyntaxError: the server rejected it as malformed (its message).
            QueryTimeout: no answer, or not all of it, within ``timeout`` seconds.
            ResultTooLarge: more than ``limit`` results (reading stops there).
            StoreError: the server failed, could not be reached or answered in an unknown format.
        """
        defaults, named = self._dataset(sparql, default_graphs, named_graphs)
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            with self._client.query(sparql, defaults, named, timeout) as answer:
                # A graph answer is a plain iterator of triples here; materialise only iterates it.
                return quirks.as_ask(materialise(cast(_OxAnswer, answer), limit=limit, deadline=deadline))
        except SyntaxError as exc:
            raise StoreError(f"the remote store sent an answer that does not parse: {exc}") from None

    def _dataset(
        self, sparql: str, default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None
    ) -> tuple[Sequence[str], Sequence[str]]:
        """The protocol dataset of a query (refused first if it reaches out): all but the shapes unless named."""
        refuse_remote(sparql)
        if default_graphs is None and named_graphs is None and declares_dataset(sparql):
            return [], []  # the query's own FROM / FROM NAMED name its dataset
        defaults = quirks.dataset(visible(self.catalog)) if default_graphs is None else default_graphs
        return defaults, quirks.dataset(self.graph_names()) if named_graphs is None else named_graphs

    def query_in(
        self,
        sparql: str,
        media_types: Sequence[str],
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> RawAnswer | QueryResult:
        """:meth:`query`, but the server's own bytes when it answered in one of ``media_types``.

        Those bytes are passed on unparsed once the result cap is checked (:mod:`govkg.store.passthrough`);
        any other answer is parsed into a :class:`QueryResult` as :meth:`query` does.
        """
        defaults, named = self._dataset(sparql, default_graphs, named_graphs)
        deadline = None if timeout is None else time.monotonic() + timeout
        wanted = [m for m in media_types if m in passthrough.PASSED]
        accept = ", ".join([*wanted, passthrough.FALLBACK] if wanted else [QUERY_ACCEPT])
        budget = None if limit is None else passthrough.BYTES_PER_RESULT * (limit + 1)
        media, body = self._client.query_bytes(sparql, defaults, named, accept, timeout, budget)
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTimeout("the query ran past its time limit on the remote store")
        raw = passthrough.check_size(media, body, limit) if media in wanted else None
        return raw or quirks.as_ask(passthrough.parse_body(media, body, limit=limit, deadline=deadline))

    def update(self, sparql: str) -> None:
        """Run an update on the server (the server applies it atomically).

        Raises:
            QueryRefused: the update uses LOAD or SERVICE (nothing is sent).
            QuerySyntaxError: the server rejected it as malformed.
            StoreError: no update endpoint, or the server failed (the version is bumped: the
                outcome is unknown).
        """
        refuse_remote(sparql)
        try:
            self._client.update(sparql)
        except StoreError:
            self._changed("failed update", sparql)
            raise
        self._written("update", sparql)

    def get_graph(self, name: str | None) -> list[ox.Triple]:
        """A graph's triples (``None``: the server's own default graph).

        Raises:
            NotFound: no such named graph.
        """
        return self._client.get_graph(name)

    def put_graph(self, name: str | None, triples: Sequence[ox.Triple]) -> bool:
        """Replace a graph's triples; True when the graph is new."""
        try:
            return self._client.write_graph(name, triples, replace=True)
        finally:
            self._written("put", name or "", records.graph_digest(triples))

    def add_to_graph(self, name: str | None, triples: Sequence[ox.Triple]) -> bool:
        """Add triples to a graph; True when the graph is new."""
        try:
            return self._client.write_graph(name, triples, replace=False)
        finally:
            self._written("post", name or "", records.graph_digest(triples))

    def delete_graph(self, name: str | None) -> None:
        """Remove a named graph (clear the default graph).

        Raises:
            NotFound: no such named graph.
        """
        self._client.delete_graph(name)
        if name != self._inferred:
            self._catalog.pop(name or "", None)
        self._written("delete", name or "")

    def rdflib_graph(self, kinds: frozenset[str]) -> rdflib.Graph:
        """An rdflib graph of the catalog's graphs of these kinds, fetched per graph, cached per version.

        ``data`` includes the server's own default graph (what updates without ``GRAPH`` wrote).
        """
        key = (self._version.number, kinds)
        view = self._views.get(key)
        if view is None:
            view = rdflib.Graph()
            names: list[str | None] = [name for name, info in sorted(self.catalog.items()) if info.kind in kinds]
            for name in [*names, None] if "data" in kinds else names:
                to_rdflib_graph(self._client.get_graph(name), view)
            self._views[key] = view
        return view
