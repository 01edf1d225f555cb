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

import secrets
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import cast

import httpx
import pyoxigraph as ox
import rdflib

from govkg.config import Settings
from govkg.errors import GovkgError, NotFound, StoreError
from govkg.inference import INFERRED, INFERRED_GRAPH, infer_remote, sources, visible
from govkg.loading import LoadedGraph
from govkg.namespaces import graph_iri
from govkg.results import QueryResult, materialise
from govkg.sparql_safety import refuse_remote
from govkg.sparql_text import declares_dataset
from govkg.store.base import DatasetVersion, GraphInfo
from govkg.store.rdflib_view import to_rdflib_graph
from govkg.store.sparql_client import Endpoints, SparqlClient, auth_for

_OxAnswer = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
_GRAPH_NAMES = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
_TRIPLE_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


class RemoteStore:
    """A :class:`govkg.store.Store` whose dataset lives on a SPARQL server.

    Args:
        query_url: the server's SPARQL query endpoint.
        update_url: its SPARQL Update endpoint; without it (and a Graph Store) the store is read-only.
        graph_store_url: its Graph Store endpoint; without it graphs go by CONSTRUCT and SPARQL Update.
        auth: ``user:password`` (HTTP basic) or a bearer token.
        graph_prefix: named graphs under this prefix are govkg's: a load removes those it does not
            replace. Others on the server are left alone.
        timeout: seconds for a request when the caller gives no time limit.
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
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        endpoints = Endpoints(query_url, update_url, graph_store_url)
        self._inferred = INFERRED_GRAPH
        self._client = SparqlClient(endpoints, auth=auth_for(auth), timeout=timeout, transport=transport)
        self._graph_prefix = graph_prefix
        self._catalog: dict[str, GraphInfo] = {self._inferred: GraphInfo(self._inferred, INFERRED)}
        self._version = DatasetVersion(secrets.token_hex(4), 0, datetime.now(UTC).replace(microsecond=0))
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
        self._changed()

    def _changed(self) -> None:
        with self._lock:
            self._version = self._version.bump()
            self._names = self._count = None
            self._views.clear()

    def _infer(self) -> None:
        """Rebuild the inferred graph from the server's graphs as they are now."""
        self._names = None
        infer_remote(self._client, self._inferred, sources(self.catalog))

    def _written(self) -> None:
        try:
            self._infer()
        finally:
            self._changed()

    def graph_names(self) -> list[str]:
        """The server's named graphs, sorted (cached per version)."""
        number = self._version.number
        cached = self._names
        if cached is None or cached[0] != number:
            with self._client.query(_GRAPH_NAMES, [], []) as answer:
                names = sorted(
                    {s["g"].value for s in cast(ox.QuerySolutions, answer) if isinstance(s["g"], ox.NamedNode)}
                )
            cached = self._names = (number, names)
        return list(cached[1])

    def triple_count(self) -> int:
        """Triples in all named graphs (cached per version)."""
        number = self._version.number
        cached = self._count
        if cached is None or cached[0] != number:
            rows = self.query(_TRIPLE_COUNT, default_graphs=[], named_graphs=self.graph_names()).rows
            value = rows[0][0] if rows else None
            cached = self._count = (number, int(value.value) if isinstance(value, ox.Literal) else 0)
        return cached[1]

    def load(self, graphs: Sequence[LoadedGraph]) -> None:
        """Replace govkg's graphs on the server with these, all or nothing per named graph.

        Each graph is replaced by one Graph Store PUT, which the server applies atomically. Across
        graphs it is not atomic: while a load runs, readers may see some graphs new and others old,
        and if one PUT fails the graphs before it stay replaced and the graphs after it stay as they
        were. The error names both; loading the same files again converges. Graphs under the
        govkg graph prefix (or loaded earlier by this store) that the new set lacks are removed last.

        Raises:
            LoadError: a file is malformed; nothing was written.
            StoreError: the server refused or failed a write; names what was and was not written.
        """
        parsed = [(graph, graph.read()) for graph in graphs]  # every file parses before anything is written
        wanted = {g.name for g in graphs} | {self._inferred}
        owned = set(self._catalog) | {n for n in self.graph_names() if self._owns(n)}
        written: list[str] = []
        try:
            for graph, triples in parsed:
                self._client.write_graph(graph.name, triples, replace=True)
                self._catalog[graph.name] = GraphInfo(graph.name, graph.kind, graph.path)
                written.append(graph.name)
            for name in sorted(owned - wanted):
                self._drop(name)
            self._infer()
        except GovkgError as exc:
            pending = [g.name for g in graphs if g.name not in written]
            raise StoreError(
                f"loading into the remote store stopped: {exc.message}. Replaced: {len(written)} graph(s)"
                f"{' (' + ', '.join(written) + ')' if written else ''}; not replaced: {', '.join(pending) or 'none'}."
                " Load again to finish."
            ) from None
        finally:
            self._changed()

    def _owns(self, name: str) -> bool:
        return self._graph_prefix is not None and name.startswith(self._graph_prefix)

    def _drop(self, name: str) -> None:
        try:
            self._client.delete_graph(name)
        except NotFound:
            pass
        self._catalog.pop(name, None)

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
        refuse_remote(sparql)
        if default_graphs is None and named_graphs is None and declares_dataset(sparql):
            default_graphs = named_graphs = []  # the query's own FROM / FROM NAMED name its dataset
        defaults = visible(self.catalog) if default_graphs is None else default_graphs
        named = self.graph_names() if named_graphs is None else named_graphs
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            with self._client.query(sparql, defaults, named, timeout) as answer:
                # A graph answer is a plain iterator of triples here; materialise only iterates it.
                return materialise(cast(_OxAnswer, answer), limit=limit, deadline=deadline)
        except SyntaxError as exc:
            raise StoreError(f"the remote store sent an answer that does not parse: {exc}") from None

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
            self._changed()
            raise
        self._written()

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
            self._written()

    def add_to_graph(self, name: str | None, triples: Sequence[ox.Triple]) -> bool:
        """Add triples to a graph; True when the graph is new."""
        try:
            return self._client.write_graph(name, triples, replace=False)
        finally:
            self._written()

    def delete_graph(self, name: str | None) -> None:
        """Remove a named graph (clear the default graph).

        Raises:
            NotFound: no such named graph.
        """
        self._client.delete_graph(name)
        if name != self._inferred:
            self._catalog.pop(name or "", None)
        self._written()

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
