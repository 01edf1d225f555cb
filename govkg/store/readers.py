"""Committed states of an on-disk store for readers in other processes (forked query workers).

Only the process that owns a store folder may open it for writing (RocksDB locks it), and
pyoxigraph 0.5 has no secondary mode: a read-only handle on the *live* folder is undefined
behaviour, and in practice it fails when the writer deletes files the reader has not opened yet
(a compaction, or the purge after crash recovery): ``IO error: No such file or directory: While
open a file for random read``. A query right after a restart failed that way.

So readers open a **checkpoint** instead: one per dataset version, made by the writer under its
write lock (RocksDB hard-links the immutable files, ~0.02–0.2 s), never changed afterwards. A
reader therefore never sees half of a write. A checkpoint the writer has moved past is deleted
``grace`` seconds later: a reader opens files lazily, so its folder must outlive every job
started while it was current (a job runs at most the query time limit).
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

from govkg.store.base import DatasetVersion


def readers_folder(store_path: Path) -> Path:
    """Where the checkpoints of the store in ``store_path`` live: a hidden folder beside it (same file system)."""
    return store_path.parent / f".{store_path.name}.readers"


class ReaderSnapshots:
    """The checkpoint of the current version, made on demand, and the retired ones until their grace ends.

    The folder is emptied on creation: no reader of an earlier run of the writer survives it.
    """

    def __init__(self, folder: Path, grace: float) -> None:
        self.folder, self.grace = folder, grace
        shutil.rmtree(folder, ignore_errors=True)
        self._current: tuple[DatasetVersion, Path] | None = None
        self._retired: list[tuple[float, Path]] = []
        self._lock = threading.Lock()

    def current(self, version: DatasetVersion, make: Callable[[Path], None]) -> Path:
        """The checkpoint of ``version``; ``make(target)`` creates it when there is none yet.

        The caller holds the store's write lock, so ``version`` is committed and nothing changes meanwhile.
        """
        with self._lock:
            if self._current is not None and self._current[0] == version:
                return self._current[1]
            target = self.folder / f"{version.instance}-{version.number}"
            if not target.exists():
                self.folder.mkdir(parents=True, exist_ok=True)
                make(target)
            if self._current is not None:
                self._retired.append((time.monotonic(), self._current[1]))
            self._current = (version, target)
            self._prune()
            return target

    def _prune(self) -> None:
        now = time.monotonic()
        keep = []
        for since, path in self._retired:
            if now - since >= self.grace:
                shutil.rmtree(path, ignore_errors=True)
            else:
                keep.append((since, path))
        self._retired = keep
