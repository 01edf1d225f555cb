"""Which pyoxigraph store a process reads and writes through, and how one write runs.

Three ways to hold a store:

- **alone** (in memory, or an on-disk folder this process owns): one read-write store for
  everything; checkpoints for forked query workers are made on demand (:mod:`govkg.store.readers`);
- **read-only** (a checkpoint a worker opened): reads only;
- **shared** (several server processes on one folder, ``govkg serve --workers N``): reads go to a
  read-only handle on the newest published checkpoint, reopened as soon as another process
  publishes a newer one (one ``stat`` per call of :meth:`Handle.refresh`). A write takes an
  exclusive lock on a file beside the store (one writer at a time across the processes), opens the
  folder for writing, and before letting go publishes a checkpoint of what it committed and closes
  the folder again. So every process reads a whole committed version and its matching catalog
  and version number; none ever reads the folder being written.
"""

from __future__ import annotations

import fcntl
import gc
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from govkg.errors import StoreError
from govkg.store.base import DatasetVersion
from govkg.store.readers import ReaderSnapshots, readers_folder


def open_folder(path: Path | None, *, read_only: bool = False) -> ox.Store:
    """A pyoxigraph store: in memory, on disk, or on disk read-only.

    Raises:
        StoreError: the folder cannot be opened (another process holds it, or it is no store).
    """
    try:
        return ox.Store.read_only(str(path)) if read_only and path else ox.Store(str(path) if path else None)
    except OSError as exc:
        raise StoreError(f"cannot open the store in {path}: {exc}") from None


class Handle:
    """The store behind an :class:`~govkg.store.embedded.EmbeddedStore`, held alone, read-only or shared."""

    def __init__(self, path: Path | None, *, read_only: bool, shared: bool, grace: float) -> None:
        self.path, self.read_only, self.shared = path, read_only, shared and path is not None
        self.readers = ReaderSnapshots(readers_folder(path), grace) if path and not read_only else None
        self._stamp: tuple[int, int] | None = None
        self._refresh_lock = threading.Lock()
        self._in_session = False
        self.reading: Path | None = None  # shared: the checkpoint open for reading
        if self.shared:
            self.ox = ox.Store()  # until the first refresh (the store makes the first checkpoint if there is none)
        else:
            self.ox = open_folder(path, read_only=read_only)

    def refresh(self, on_change: Callable[[], None]) -> None:
        """Shared: open the newest published checkpoint if it is not the one open, then call ``on_change()``
        (both under one lock, so no other thread sees the new handle with the old records)."""
        if not self.shared or self.readers is None or self._in_session:  # a session reads what it writes
            return
        stamp = self.readers.stamp()
        if stamp == self._stamp:
            return
        with self._refresh_lock:
            stamp = self.readers.stamp()
            if stamp == self._stamp:
                return
            path = self.readers.published()
            if path is None:
                raise StoreError(f"no published state of the store in {self.path}")
            self.ox, self.reading, self._stamp = open_folder(path, read_only=True), path, stamp
            on_change()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """A write session; shared, :attr:`ox` is the folder opened for writing while this process holds
        the writers' lock, and the newest checkpoint is open again afterwards. Alone or in memory this
        only runs the body (the caller holds its thread lock)."""
        if not self.shared:
            yield
            return
        assert self.readers is not None
        self.readers.folder.mkdir(parents=True, exist_ok=True)
        with open(self.readers.folder / "writer.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            reading, self.ox = self.ox, self._open_for_writing()
            self._in_session = True
            try:
                yield
            finally:
                self.ox, self._in_session = reading, False
                gc.collect()  # the folder's RocksDB lock goes with the last reference to its handle
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _open_for_writing(self) -> ox.Store:
        """The folder opened for writing; a reference another process dropped a moment ago may still hold it."""
        deadline = time.monotonic() + 10.0
        while True:
            try:
                return open_folder(self.path)
            except StoreError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def checkpoint(self, version: DatasetVersion) -> Path:
        """The published checkpoint of ``version`` (the caller holds the write lock, and the folder for writing).

        Raises:
            StoreError: the store is in memory or read-only, or the copy failed.
        """
        if self.readers is None:
            raise StoreError("only the process that writes an on-disk store makes snapshots of it")
        return self.readers.current(version, self.backup)

    def backup(self, target: Path) -> None:
        """A consistent copy of the open on-disk store in ``target`` (which must not exist).

        Raises:
            StoreError: the store is in memory, or the copy failed.
        """
        if self.path is None:
            raise StoreError("an in-memory store has no files to back up: dump it instead")
        try:
            published = self.readers.published() if self.shared and self.readers and not self._in_session else None
            if published is not None:  # shared, between writes: the folder is not open here; copy what readers read
                shutil.copytree(published, target)
                return
            self.ox.backup(str(target))
        except OSError as exc:
            raise StoreError(f"backup to {target} failed: {exc}") from None
