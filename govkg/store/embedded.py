"""The embedded store: pyoxigraph in this process, in memory or on disk (RocksDB).

One RDF dataset: a named graph per loaded file, what the API wrote, and the inferred graph
(:mod:`govkg.inference`). Queries see the union of all but the shapes unless the request names graphs.
Every change is one transaction (an update; a Graph Store write, drop and insert together; a
reload of the changed files, all at once), so readers never see half of one. On disk it also
records the catalog and version (:mod:`govkg.store.catalog`) and returns only once RocksDB has
committed: a process killed right after an acknowledged write loses nothing. A reload keeps graphs
made through the API and refreshes graphs whose file changed; in memory the first load runs at
bulk speed. Several server processes can share one folder (``shared=True``, :mod:`govkg.store.handle`).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import pyoxigraph as ox
import rdflib

from govkg.errors import NotFound, QuerySyntaxError
from govkg.inference import INFERRED, INFERRED_GRAPH, visible
from govkg.loading import LoadedGraph, load_into
from govkg.results import QueryResult, materialise
from govkg.sparql_safety import refuse_remote
from govkg.sparql_text import declares_dataset
from govkg.store import catalog as records
from govkg.store.base import DatasetVersion, GraphInfo
from govkg.store.catalog import ntriples, replace_ops
from govkg.store.embedded_core import INFERRED_INFO, EmbeddedCore, Graph
from govkg.store.rdflib_view import to_rdflib_graph


def _graph_node(name: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if name is None else ox.NamedNode(name)


class EmbeddedStore(EmbeddedCore):
    """An in-process store over pyoxigraph, in memory or (with ``path``) durable on disk.

    Only one process at a time opens a folder for writing (RocksDB locks it). Forked query workers
    read a checkpoint of one version (:mod:`govkg.store.readers`) with ``read_only=True``; several
    server processes on one folder each open it ``shared=True`` (:mod:`govkg.store.handle`): they
    read the newest published checkpoint and take turns to write. A superseded checkpoint is kept
    ``reader_grace`` seconds.

    Raises:
        StoreError: the folder cannot be opened (another process holds it, or it is no store).
    """

    def _default_graph(self) -> list[Graph]:
        """The graphs whose union is the default graph (all but the shapes), cached per version."""
        number, cached = self._version.number, self._union
        if cached is None or cached[0] != number:
            cached = self._union = (number, [ox.DefaultGraph(), *(ox.NamedNode(n) for n in visible(self.catalog))])
        return cached[1]

    def load(self, graphs: Sequence[LoadedGraph]) -> None:
        """Load graphs from files, all or nothing; graphs not loaded from files (API writes) are kept.

        A graph whose file is unchanged (same content hash) is left as it is; graphs whose file is
        gone are dropped. On any error the old dataset stays.

        Raises:
            LoadError: a file not parsed yet turns out malformed (file, line and column).
        """
        wanted = records.catalog_of(graphs)
        with self._writing():
            old = {name: info for name, info in self._catalog.items() if info.kind != INFERRED}
            changed = [g for g in graphs if old.get(g.name) != wanted[g.name]]
            gone = sorted(set(old) - set(wanted))
            if not changed and not gone and old:
                self._catalog = {**self._catalog, **wanted}  # same content; paths may have moved
                if not self._inferred_fresh:
                    self._infer(self._ox, self.catalog)
                return
            version = records.first_version(wanted) if not old and self._version.number == 0 else None
            version = version or records.next_version(self._version, "files", records.files_id(wanted))
            if not self.durable and not self.graph_names() and len(self._ox) == 0:
                self._swap_in(graphs, wanted, version)
                return
            ops = [replace_ops(g.name, ntriples(g.read())) for g in changed]
            ops += [f"DROP SILENT GRAPH <{ox.NamedNode(name).value}>" for name in gone]
            self._commit(" ;\n".join(ops), version, wanted)

    def _swap_in(self, graphs: Sequence[LoadedGraph], catalog: dict[str, GraphInfo], version: DatasetVersion) -> None:
        """Build an in-memory dataset from the files at bulk speed and make it the served one."""
        fresh = ox.Store()
        for graph in graphs:
            load_into(fresh, graph)
        catalog = {**catalog, INFERRED_GRAPH: INFERRED_INFO}
        self._infer(fresh, catalog)
        self._handle.ox = fresh
        self._catalog, self._version = catalog, version
        self._views.clear()

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
        deadline = None if timeout is None else time.monotonic() + timeout
        answer = self.answer(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        try:
            return materialise(answer, limit=limit, deadline=deadline)
        except SyntaxError as exc:  # raised while evaluating, too (a bad regular expression)
            raise QuerySyntaxError(str(exc)) from None

    def answer(
        self, sparql: str, *, default_graphs: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """The engine's own answer, parsed but not read yet (the dataset as for :meth:`query`).

        Raises:
            QuerySyntaxError: the query does not parse.
            QueryRefused: the query uses SERVICE.
        """
        refuse_remote(sparql)
        self._sync()
        try:
            return self._ox.query(
                sparql,
                default_graph=self._dataset_defaults(sparql, default_graphs),
                named_graphs=None if named_graphs is None else [ox.NamedNode(g) for g in named_graphs],
            )
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from None

    def _dataset_defaults(self, sparql: str, default_graphs: Sequence[str] | None) -> list[Graph] | None:
        if default_graphs is not None:
            return [_graph_node(g) for g in default_graphs]
        return None if declares_dataset(sparql) else self._default_graph()

    def update(self, sparql: str) -> None:
        """Run an update on the current dataset, as one transaction (committed when this returns).

        Raises:
            QuerySyntaxError: the update does not parse.
            QueryRefused: the update uses LOAD or SERVICE.
        """
        refuse_remote(sparql)
        if self.read_only:  # a worker's trial run (issue 18): parse and apply it to an empty copy only
            message = self._syntax_error(sparql)
            if message:
                raise QuerySyntaxError(message)
            return
        with self._writing():
            self._commit(sparql, records.next_version(self._version, "update", sparql))

    def _has_graph(self, name: str) -> bool:
        return self._ox.contains_named_graph(ox.NamedNode(name))

    def get_graph(self, name: str | None) -> list[ox.Triple]:
        self._sync()
        if name is not None and (records.is_meta(name) or not self._has_graph(name)):
            raise NotFound(f"no graph <{name}>")
        return [q.triple for q in self._ox.quads_for_pattern(None, None, None, _graph_node(name))]

    def _write_graph(self, name: str | None, triples: Sequence[ox.Triple], *, replace: bool) -> bool:
        nt = ntriples(triples)
        change = ("put" if replace else "post", name or "", records.triples_digest(nt.encode()))
        with self._writing():
            created = name is not None and not self._has_graph(name)
            self._commit(replace_ops(name, nt, replace=replace), records.next_version(self._version, *change))
        return created

    def put_graph(self, name: str | None, triples: Sequence[ox.Triple]) -> bool:
        return self._write_graph(name, triples, replace=True)

    def add_to_graph(self, name: str | None, triples: Sequence[ox.Triple]) -> bool:
        return self._write_graph(name, triples, replace=False)

    def delete_graph(self, name: str | None) -> None:
        with self._writing():
            if name is not None and (records.is_meta(name) or not self._has_graph(name)):
                raise NotFound(f"no graph <{name}>")
            ops = "CLEAR SILENT DEFAULT" if name is None else f"DROP SILENT GRAPH <{ox.NamedNode(name).value}>"
            catalog = {k: v for k, v in self._catalog.items() if k != name}
            self._commit(ops, records.next_version(self._version, "delete", name or ""), catalog)

    def rdflib_graph(self, kinds: frozenset[str]) -> rdflib.Graph:
        self._sync()
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
