"""Where the embedded store's data is and how a change is committed.

:class:`EmbeddedCore` holds the pyoxigraph store (:mod:`govkg.store.handle`: alone, read-only or
shared by several server processes), the catalog and version recorded in it
(:mod:`govkg.store.catalog`), the write session (thread lock; shared, also the writers' lock
across processes), the commit of one change with its record and the inferred graph rebuilt, and
what readers in other processes open: checkpoints (:mod:`govkg.store.readers`) and forked workers'
handles. :class:`~govkg.store.embedded.EmbeddedStore` adds loading, queries and the Graph Store.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

import pyoxigraph as ox
import rdflib

from govkg.errors import QuerySyntaxError, StoreError
from govkg.inference import INFERRED, INFERRED_GRAPH, infer_into, sources
from govkg.store import catalog as records
from govkg.store.base import DatasetVersion, GraphInfo
from govkg.store.handle import Handle

Graph = ox.NamedNode | ox.BlankNode | ox.DefaultGraph
INFERRED_INFO = GraphInfo(INFERRED_GRAPH, INFERRED)


class EmbeddedCore:
    """The store's data, its records, its write session and its readers (see the module).

    Raises:
        StoreError: the folder cannot be opened (another process holds it, or it is no store).
    """

    def __init__(
        self, path: Path | None = None, *, read_only: bool = False, shared: bool = False, reader_grace: float = 600.0
    ) -> None:
        self.path, self.read_only = path, read_only
        self._handle = Handle(path, read_only=read_only, shared=shared, grace=reader_grace)
        self._write_lock = threading.RLock()
        self._views: dict[tuple[int, frozenset[str]], rdflib.Graph] = {}
        self._union: tuple[int, list[Graph]] | None = None
        self._inferred_fresh = path is None  # on disk: a crash may have come between a write and its inference
        self._reader_path: Path | None = None
        self._read_records()
        if self._handle.shared and self._handle.readers and self._handle.readers.published() is None:
            with self._writing():  # the first process publishes the folder's state
                pass
        self._sync()

    @property
    def _ox(self) -> ox.Store:
        return self._handle.ox

    def _read_records(self) -> None:
        """The catalog and version recorded in the store now open."""
        catalog, version, self._records = records.read_records(self._all_graph_names())
        self._catalog = {**catalog, INFERRED_GRAPH: INFERRED_INFO}
        self._version = version or records.first_version({})
        self._views.clear()

    def _sync(self) -> None:
        """Shared: catch up with what another process published (one ``stat`` when nothing changed)."""
        self._handle.refresh(self._read_records)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the write lock; shared, also the writers' lock across processes, with what others wrote
        read first, and the result published as a checkpoint before anyone else writes.

        Raises:
            StoreError: the store was opened read-only.
        """
        if self.read_only:
            raise StoreError("this store was opened read-only: write through the process that owns it")
        with self._write_lock:
            if not self._handle.shared or self._handle.readers is None:
                yield
                return
            with self._handle.writing():
                self._read_records()
                self._inferred_fresh = self._handle.readers.is_published(self._version)
                yield
                if not self._inferred_fresh:
                    self._infer(self._ox, self.catalog)
                self._handle.checkpoint(self._version)
            self._sync()

    @property
    def durable(self) -> bool:
        return self.path is not None

    @property
    def version(self) -> DatasetVersion:
        self._sync()
        return self._version

    @property
    def catalog(self) -> dict[str, GraphInfo]:
        """Loaded graphs with their kind; graphs made later by updates or the Graph Store count as data."""
        self._sync()
        return {name: self._catalog.get(name) or GraphInfo(name, "data") for name in self.graph_names()}

    def triple_count(self) -> int:
        self._sync()
        return len(self._ox)

    def _all_graph_names(self) -> Iterator[str]:
        return (g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_names(self) -> list[str]:
        self._sync()
        return sorted(name for name in self._all_graph_names() if not records.is_meta(name))

    def generation(self) -> object:
        """For evaluation workers (:mod:`govkg.workers`): changes with every change of the data."""
        self._sync()
        return self._version.number

    def fork_lock(self) -> threading.RLock:
        """Held by every write; a worker is forked only while no write is half done.

        On disk this also readies the checkpoint of the current version, for :meth:`in_child`.
        """
        if self._handle.readers is not None:
            self._reader_path = self.reader_snapshot()[0]
        return self._write_lock

    def in_child(self) -> Self:
        """What a forked worker reads: this very store in memory; on disk a read-only handle of its own
        (the child closed the inherited descriptors) on the checkpoint :meth:`fork_lock` readied.

        Raises:
            StoreError: no checkpoint was readied (or it cannot be opened).
        """
        if self.path is None:
            return self
        if self._reader_path is None:
            raise StoreError("no committed state was readied for this reader")
        return type(self)(self._reader_path, read_only=True)

    def backup(self, target: Path) -> None:
        """A consistent copy of the on-disk store in ``target`` (which must not exist), openable as a store.

        Raises:
            StoreError: the store is in memory, or the copy failed.
        """
        with self._write_lock:
            self._handle.backup(target)

    def reader_snapshot(self) -> tuple[Path, DatasetVersion]:
        """The checkpoint of the committed current version, for readers in other processes, and that version.

        Open it with ``EmbeddedStore(path, read_only=True)``; it never changes.

        Raises:
            StoreError: the store is in memory or read-only, or the copy failed.
        """
        with self._write_lock:
            self._sync()
            if self._handle.reading is not None:  # shared: every write published one
                return self._handle.reading, self._version
            return self._handle.checkpoint(self._version), self._version

    def _commit(self, ops: str, version: DatasetVersion, catalog: dict[str, GraphInfo] | None = None) -> None:
        """Run ``ops`` as one transaction, with the record of ``version`` and ``catalog`` on disk.

        Raises:
            QuerySyntaxError: the operations do not parse (nothing was written).
            StoreError: the store was opened read-only.
        """
        if self.read_only:
            raise StoreError("this store was opened read-only: write through the process that owns it")
        catalog = {**(self._catalog if catalog is None else catalog), INFERRED_GRAPH: INFERRED_INFO}
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

    @staticmethod
    def _syntax_error(ops: str) -> str | None:
        """The parser's message for ``ops`` alone (the caller's own positions)."""
        try:
            ox.Store().update(ops)
        except SyntaxError as exc:
            return str(exc)
        return None
