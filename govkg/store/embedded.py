"""The Store protocol and its embedded implementation over pyoxigraph.

A store holds one RDF dataset: a named graph per loaded file, and the graph of inferred triples
(:mod:`govkg.inference`), rebuilt after every load and write. Queries see the union of the graphs
but the shapes as their default graph unless the request names graphs itself. Loading swaps the
whole dataset at once, so readers see the old data or the new, never a half-loaded mix. The remote
implementation (SPARQL 1.1 Protocol to a server) lives in :mod:`govkg.store.remote`.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime

import pyoxigraph as ox
import rdflib

from govkg.errors import NotFound, QuerySyntaxError
from govkg.inference import INFERRED, INFERRED_GRAPH, infer_into, sources, visible
from govkg.loading import LoadedGraph, load_into
from govkg.results import QueryResult, materialise
from govkg.sparql_safety import refuse_remote
from govkg.sparql_text import declares_dataset
from govkg.store.base import DatasetVersion, GraphInfo
from govkg.store.rdflib_view import to_rdflib_graph

_Graph = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


def _graph_node(name: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if name is None else ox.NamedNode(name)


class EmbeddedStore:
    """An in-process store over pyoxigraph; loading builds a new store and swaps it in."""

    def __init__(self) -> None:
        self._ox = ox.Store()
        self._inferred = INFERRED_GRAPH
        self._catalog: dict[str, GraphInfo] = {self._inferred: GraphInfo(self._inferred, INFERRED)}
        self._union: tuple[int, list[_Graph]] | None = None
        self._version = DatasetVersion(secrets.token_hex(4), 0, datetime.now(UTC).replace(microsecond=0))
        self._write_lock = threading.RLock()
        self._views: dict[tuple[int, frozenset[str]], rdflib.Graph] = {}

    @property
    def version(self) -> DatasetVersion:
        return self._version

    @property
    def catalog(self) -> dict[str, GraphInfo]:
        """Loaded graphs with their kind; graphs made later by updates or the Graph Store count as data."""
        return {name: self._catalog.get(name) or GraphInfo(name, "data") for name in self.graph_names()}

    def triple_count(self) -> int:
        return len(self._ox)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def generation(self) -> object:
        """For evaluation workers (:mod:`govkg.workers`): changes with every change of the data."""
        return self._version.number

    def fork_lock(self) -> threading.RLock:
        """Held by every write; a worker is forked only while no write is half done."""
        return self._write_lock

    def in_child(self) -> EmbeddedStore:
        """A forked worker reads its copy-on-write copy of this very store.

        An on-disk store must instead open its own read-only handle here: the child has closed every
        file descriptor it inherited (and the writer's background threads do not exist in it).
        """
        return self

    def _changed(self) -> None:
        """Rebuild the inferred graph (call with the write lock held), then move to a new version."""
        self._infer(self._ox, self.catalog)
        self._version = self._version.bump()
        self._views.clear()

    def _infer(self, store: ox.Store, catalog: dict[str, GraphInfo]) -> None:
        infer_into(store, self._inferred, [ox.DefaultGraph(), *(ox.NamedNode(n) for n in sources(catalog))])

    def _default_graph(self) -> list[_Graph]:
        """The graphs whose union is the default graph (all but the shapes), cached per version."""
        number, cached = self._version.number, self._union
        if cached is None or cached[0] != number:
            cached = self._union = (number, [ox.DefaultGraph(), *(ox.NamedNode(n) for n in visible(self.catalog))])
        return cached[1]

    def load(self, graphs: Sequence[LoadedGraph]) -> None:
        """Build a new dataset from the graphs and swap it in; on any error the old one stays.

        Raises:
            LoadError: a file not parsed yet turns out malformed (file, line and column).
        """
        fresh = ox.Store()
        for graph in graphs:
            load_into(fresh, graph)
        catalog = {g.name: GraphInfo(g.name, g.kind, g.path) for g in graphs}
        catalog[self._inferred] = GraphInfo(self._inferred, INFERRED)
        self._infer(fresh, catalog)
        with self._write_lock:
            self._ox = fresh
            self._catalog = catalog
            self._version = self._version.bump()
            self._views.clear()

    def _dataset_defaults(self, sparql: str, default_graphs: Sequence[str] | None) -> list[_Graph] | None:
        if default_graphs is not None:
            return [_graph_node(g) for g in default_graphs]
        return None if declares_dataset(sparql) else self._default_graph()

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        """Run a query against the current dataset.

        The default graph is the union of the graphs but the shapes (the store's own default graph
        included) unless ``default_graphs`` or the query's own ``FROM``/``FROM NAMED`` clauses say
        otherwise; ``GRAPH`` reaches every named graph.

        Raises:
            QuerySyntaxError: the query does not parse (the parser's message).
            QueryRefused: the query uses SERVICE.
            QueryTimeout: evaluation ran past ``timeout`` seconds.
            ResultTooLarge: more than ``limit`` results.
        """
        refuse_remote(sparql)
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            answer = self._ox.query(
                sparql,
                default_graph=self._dataset_defaults(sparql, default_graphs),
                named_graphs=None if named_graphs is None else [ox.NamedNode(g) for g in named_graphs],
            )
            return materialise(answer, limit=limit, deadline=deadline)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from None

    def update(self, sparql: str) -> None:
        """Run an update on the current dataset.

        Raises:
            QuerySyntaxError: the update does not parse.
            QueryRefused: the update uses LOAD or SERVICE.
        """
        refuse_remote(sparql)
        with self._write_lock:
            try:
                self._ox.update(sparql)
            except SyntaxError as exc:
                raise QuerySyntaxError(str(exc)) from None
            self._changed()

    def _has_graph(self, name: str) -> bool:
        return ox.NamedNode(name) in set(self._ox.named_graphs())

    def get_graph(self, name: str | None) -> list[ox.Triple]:
        if name is not None and not self._has_graph(name):
            raise NotFound(f"no graph <{name}>")
        return [q.triple for q in self._ox.quads_for_pattern(None, None, None, _graph_node(name))]

    def _write(self, name: str | None, triples: Sequence[ox.Triple], replace: bool) -> bool:
        """Replace or extend a graph in one SPARQL update: one transaction, so readers see the old graph or the new."""
        data = " .\n".join(map(str, triples))
        if name is None:
            operations = ["DROP SILENT DEFAULT" if replace else "", f"INSERT DATA {{ {data} }}"]
        else:
            drop = f"DROP SILENT GRAPH <{name}>" if replace else ""
            operations = [drop, f"CREATE SILENT GRAPH <{name}>", f"INSERT DATA {{ GRAPH <{name}> {{ {data} }} }}"]
        with self._write_lock:
            created = name is not None and not self._has_graph(name)
            self._ox.update(" ;\n".join(op for op in operations if op))
            self._changed()
        return created

    def put_graph(self, name: str | None, triples: Sequence[ox.Triple]) -> bool:
        return self._write(name, triples, replace=True)

    def add_to_graph(self, name: str | None, triples: Sequence[ox.Triple]) -> bool:
        return self._write(name, triples, replace=False)

    def delete_graph(self, name: str | None) -> None:
        with self._write_lock:
            if name is None:
                self._ox.clear_graph(ox.DefaultGraph())
            elif not self._has_graph(name):
                raise NotFound(f"no graph <{name}>")
            else:
                self._ox.remove_graph(ox.NamedNode(name))
            if name != self._inferred:
                self._catalog.pop(name or "", None)
            self._changed()

    def rdflib_graph(self, kinds: frozenset[str]) -> rdflib.Graph:
        key = (self._version.number, kinds)
        view = self._views.get(key)
        if view is None:
            names: list[ox.NamedNode | ox.DefaultGraph] = [
                ox.NamedNode(n) for n, info in self.catalog.items() if info.kind in kinds
            ]
            if "data" in kinds:
                names.append(ox.DefaultGraph())  # what updates without GRAPH wrote
            graph = rdflib.Graph()
            for name in names:
                to_rdflib_graph((q.triple for q in self._ox.quads_for_pattern(None, None, None, name)), graph)
            view = self._views[key] = graph
        return view
