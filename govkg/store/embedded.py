"""The embedded store: pyoxigraph in this process, in memory or on disk (RocksDB).

One RDF dataset: a named graph per loaded file, what the API wrote, and the inferred graph
(:mod:`govkg.inference`). Queries see the union of all but the shapes unless the request names graphs.
Every change is one transaction (an update; a Graph Store write, drop and insert together; a
reload of the changed files, all at once), so readers never see half of one. On disk it also
records the catalog and version (:mod:`govkg.store.catalog`) and returns only once RocksDB has
committed: a process killed right after an acknowledged write loses nothing. A reload keeps graphs
made through the API and refreshes graphs whose file changed; in memory the first load runs at
bulk speed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
import rdflib

from govkg.errors import NotFound, QuerySyntaxError, StoreError
from govkg.inference import INFERRED, INFERRED_GRAPH, infer_into, sources, visible
from govkg.loading import LoadedGraph, load_into
from govkg.results import QueryResult, materialise
from govkg.sparql_safety import refuse_remote
from govkg.sparql_text import declares_dataset
from govkg.store import catalog as records
from govkg.store.base import DatasetVersion, GraphInfo
from govkg.store.catalog import ntriples, replace_ops
from govkg.store.rdflib_view import to_rdflib_graph
from govkg.store.readers import ReaderSnapshots, readers_folder

_Graph = ox.NamedNode | ox.BlankNode | ox.DefaultGraph
_INFERRED_INFO = GraphInfo(INFERRED_GRAPH, INFERRED)


def _graph_node(name: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if name is None else ox.NamedNode(name)


class EmbeddedStore:
    """An in-process store over pyoxigraph, in memory or (with ``path``) durable on disk.

    Only one process may open a folder for writing (RocksDB locks it). Other processes read a
    checkpoint of one version (:mod:`govkg.store.readers`, :meth:`reader_snapshot`) with
    ``read_only=True``, kept ``reader_grace`` seconds after the writer moved past it.

    Raises:
        StoreError: the folder cannot be opened (another process holds it, or it is no store).
    """

    def __init__(self, path: Path | None = None, *, read_only: bool = False, reader_grace: float = 600.0) -> None:
        self.path, self.read_only = path, read_only
        try:
            opened = ox.Store.read_only(str(path)) if read_only and path else ox.Store(str(path) if path else None)
            self._ox = opened
        except OSError as exc:
            raise StoreError(f"cannot open the store in {path}: {exc}") from None
        catalog, version, self._records = records.read_records(self._all_graph_names())
        self._catalog = {**catalog, INFERRED_GRAPH: _INFERRED_INFO}
        self._version = version or records.first_version({})
        self._write_lock = threading.RLock()
        self._views: dict[tuple[int, frozenset[str]], rdflib.Graph] = {}
        self._union: tuple[int, list[_Graph]] | None = None
        self._inferred_fresh = path is None  # on disk: a crash may have come between a write and its inference
        self._readers = ReaderSnapshots(readers_folder(path), reader_grace) if path and not read_only else None
        self._reader_path: Path | None = None

    @property
    def durable(self) -> bool:
        return self.path is not None

    @property
    def version(self) -> DatasetVersion:
        return self._version

    @property
    def catalog(self) -> dict[str, GraphInfo]:
        """Loaded graphs with their kind; graphs made later by updates or the Graph Store count as data."""
        return {name: self._catalog.get(name) or GraphInfo(name, "data") for name in self.graph_names()}

    def triple_count(self) -> int:
        return len(self._ox)

    def _all_graph_names(self) -> Iterator[str]:
        return (g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_names(self) -> list[str]:
        return sorted(name for name in self._all_graph_names() if not records.is_meta(name))

    def generation(self) -> object:
        """For evaluation workers (:mod:`govkg.workers`): changes with every change of the data."""
        return self._version.number

    def fork_lock(self) -> threading.RLock:
        """Held by every write; a worker is forked only while no write is half done.

        On disk this also makes sure the checkpoint of the current version exists, for :meth:`in_child`.
        """
        if self._readers is not None:
            self._reader_path = self.reader_snapshot()[0]
        return self._write_lock

    def in_child(self) -> EmbeddedStore:
        """What a forked worker reads: this very store in memory; on disk a read-only handle of its own
        (the child closed the inherited descriptors) on the checkpoint :meth:`fork_lock` readied.

        Raises:
            StoreError: no checkpoint was readied (or it cannot be opened).
        """
        if self.path is None:
            return self
        if self._reader_path is None:
            raise StoreError("no committed state was readied for this reader")
        return EmbeddedStore(self._reader_path, read_only=True)

    def backup(self, target: Path) -> None:
        """A consistent copy of the on-disk store in ``target`` (which must not exist), openable as a store.

        Raises:
            StoreError: the store is in memory, or the copy failed.
        """
        if self.path is None:
            raise StoreError("an in-memory store has no files to back up: dump it instead")
        try:
            self._ox.backup(str(target))
        except OSError as exc:
            raise StoreError(f"backup to {target} failed: {exc}") from None

    def reader_snapshot(self) -> tuple[Path, DatasetVersion]:
        """The checkpoint of the committed current version, for readers in other processes, and that version.

        Open it with ``EmbeddedStore(path, read_only=True)``; it never changes.

        Raises:
            StoreError: the store is in memory or read-only, or the copy failed.
        """
        if self._readers is None:
            raise StoreError("only the process that writes an on-disk store makes snapshots of it")
        with self._write_lock:
            version = self._version
            return self._readers.current(version, self.backup), version

    def _commit(self, ops: str, version: DatasetVersion, catalog: dict[str, GraphInfo] | None = None) -> None:
        """Run ``ops`` as one transaction, with the record of ``version`` and ``catalog`` on disk.

        Raises:
            QuerySyntaxError: the operations do not parse (nothing was written).
            StoreError: the store was opened read-only.
        """
        if self.read_only:
            raise StoreError("this store was opened read-only: write through the process that owns it")
        catalog = {**(self._catalog if catalog is None else catalog), INFERRED_GRAPH: _INFERRED_INFO}
        files = {name: info for name, info in catalog.items() if info.kind != INFERRED}
        names = records.record_names(files, version) if self.durable else []
        record = records.record_ops(self._records, names) if self.durable else ""
        texts = records.join_updates(ops, record) if ops else [record] if record else []
        for number, text in enumerate(texts):
            try:
                self._ox.update(text)
                break
            except SyntaxError as exc:
                if number == len(texts) - 1:
                    raise QuerySyntaxError(self._syntax_error(ops) or str(exc)) from None
        self._records, self._catalog = names, catalog
        self._infer(self._ox, self.catalog)
        self._version = version
        self._views.clear()

    def _infer(self, store: ox.Store, catalog: dict[str, GraphInfo]) -> None:
        """Rebuild the inferred graph from the graphs it reads (with the write lock held)."""
        infer_into(store, INFERRED_GRAPH, [ox.DefaultGraph(), *(ox.NamedNode(n) for n in sources(catalog))])
        self._inferred_fresh = True

    def _default_graph(self) -> list[_Graph]:
        """The graphs whose union is the default graph (all but the shapes), cached per version."""
        number, cached = self._version.number, self._union
        if cached is None or cached[0] != number:
            cached = self._union = (number, [ox.DefaultGraph(), *(ox.NamedNode(n) for n in visible(self.catalog))])
        return cached[1]

    @staticmethod
    def _syntax_error(ops: str) -> str | None:
        """The parser's message for ``ops`` alone (the caller's own positions)."""
        try:
            ox.Store().update(ops)
        except SyntaxError as exc:
            return str(exc)
        return None

    def load(self, graphs: Sequence[LoadedGraph]) -> None:
        """Load graphs from files, all or nothing; graphs not loaded from files (API writes) are kept.

        A graph whose file is unchanged (same content hash) is left as it is; graphs whose file is
        gone are dropped. On any error the old dataset stays.

        Raises:
            LoadError: a file not parsed yet turns out malformed (file, line and column).
        """
        wanted = records.catalog_of(graphs)
        if self.read_only:
            raise StoreError("this store was opened read-only: load files in the process that owns it")
        with self._write_lock:
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
        catalog = {**catalog, INFERRED_GRAPH: _INFERRED_INFO}
        self._infer(fresh, catalog)
        self._ox = fresh
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

    def _dataset_defaults(self, sparql: str, default_graphs: Sequence[str] | None) -> list[_Graph] | None:
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
        with self._write_lock:
            self._commit(sparql, records.next_version(self._version, "update", sparql))

    def _has_graph(self, name: str) -> bool:
        return self._ox.contains_named_graph(ox.NamedNode(name))

    def get_graph(self, name: str | None) -> list[ox.Triple]:
        if name is not None and (records.is_meta(name) or not self._has_graph(name)):
            raise NotFound(f"no graph <{name}>")
        return [q.triple for q in self._ox.quads_for_pattern(None, None, None, _graph_node(name))]

    def _write_graph(self, name: str | None, triples: Sequence[ox.Triple], *, replace: bool) -> bool:
        nt = ntriples(triples)
        change = ("put" if replace else "post", name or "", records.triples_digest(nt.encode()))
        with self._write_lock:
            created = name is not None and not self._has_graph(name)
            self._commit(replace_ops(name, nt, replace=replace), records.next_version(self._version, *change))
        return created

    def put_graph(self, name: str | None, triples: Sequence[ox.Triple]) -> bool:
        return self._write_graph(name, triples, replace=True)

    def add_to_graph(self, name: str | None, triples: Sequence[ox.Triple]) -> bool:
        return self._write_graph(name, triples, replace=False)

    def delete_graph(self, name: str | None) -> None:
        with self._write_lock:
            if name is not None and (records.is_meta(name) or not self._has_graph(name)):
                raise NotFound(f"no graph <{name}>")
            ops = "CLEAR SILENT DEFAULT" if name is None else f"DROP SILENT GRAPH <{ox.NamedNode(name).value}>"
            catalog = {k: v for k, v in self._catalog.items() if k != name}
            self._commit(ops, records.next_version(self._version, "delete", name or ""), catalog)

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
