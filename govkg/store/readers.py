"""Committed states of an on-disk store for readers in other processes: forked query workers, other server processes.

Only one process at a time may open a store folder for writing (RocksDB locks it), and pyoxigraph
0.5 has no secondary mode: a read-only handle on the *live* folder is undefined behaviour, and in
practice it fails when the writer deletes files the reader has not opened yet (a compaction, or
the purge after crash recovery): ``IO error: No such file or directory: While open a file for
random read``. A query right after a restart failed that way.

So readers open a **checkpoint** instead: one per dataset version, made by the writer while it
holds its write lock (RocksDB hard-links the immutable files, 0.02–0.2 s), never changed
afterwards, so a reader never sees half of a write. The newest one is *published*: its folder name
is written to ``CURRENT`` (replaced atomically), which readers in other processes watch. A
checkpoint is deleted once a newer one has existed for ``grace`` seconds: a reader opens files
lazily, so a folder must outlive every job started on it (a job runs at most the query time limit).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

from govkg.store.base import DatasetVersion

POINTER = "CURRENT"


def readers_folder(store_path: Path) -> Path:
    """Where the checkpoints of the store in ``store_path`` live: a hidden folder beside it (same file system)."""
    return store_path.parent / f".{store_path.name}.readers"


def version_key(version: DatasetVersion) -> str:
    """How a version starts the name of its checkpoint folder (numbers sort)."""
    return f"{version.number:012d}-{version.instance}"


class ReaderSnapshots:
    """The checkpoints of one store folder: the published one (made on demand) and superseded ones in their grace."""

    def __init__(self, folder: Path, grace: float) -> None:
        self.folder, self.grace = folder, grace
        self._lock = threading.Lock()

    def published(self) -> Path | None:
        """The newest published checkpoint, if any."""
        try:
            name = (self.folder / POINTER).read_text().strip()
        except OSError:
            return None
        return self.folder / name if name else None

    def stamp(self) -> tuple[int, int] | None:
        """Changes whenever another checkpoint is published (one ``stat``)."""
        try:
            info = os.stat(self.folder / POINTER)
        except OSError:
            return None
        return info.st_ino, info.st_mtime_ns

    def is_published(self, version: DatasetVersion) -> bool:
        """Whether the published checkpoint holds ``version`` (then the folder's inference is current too)."""
        path = self.published()
        return path is not None and path.name.startswith(version_key(version) + "-") and path.is_dir()

    def current(self, version: DatasetVersion, make: Callable[[Path], None]) -> Path:
        """The checkpoint of ``version``, made with ``make(target)`` and published when there is none yet.

        The caller holds the store's write lock, so ``version`` is committed and nothing changes meanwhile.
        """
        with self._lock:
            path = self.published()
            if path is not None and self.is_published(version):
                return path
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / f"{version_key(version)}-{time.time_ns()}"
            make(target)
            scratch = self.folder / f".{POINTER}.{os.getpid()}"
            scratch.write_text(target.name)
            scratch.replace(self.folder / POINTER)
            self._prune(target)
            return target

    def _prune(self, newest: Path) -> None:
        """Delete every checkpoint whose successor has existed for ``grace`` seconds."""
        now = time.time_ns()
        made = sorted(
            (int(parts[0]), int(parts[2]), path)
            for path in self.folder.iterdir()
            if path.is_dir() and len(parts := path.name.split("-")) == 3 and parts[0].isdigit() and parts[2].isdigit()
        )
        for (_, _, path), (_, successor, _) in zip(made, made[1:], strict=False):
            if path != newest and (now - successor) / 1e9 >= self.grace:
                shutil.rmtree(path, ignore_errors=True)
