"""Things derived from a store's whole dataset (label index, governance graph), kept per dataset version.

The cache is keyed weakly by the store, so it goes when the store goes, and each entry remembers
the version it was built from: any load or update bumps the version and the next call rebuilds.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import TypeVar, cast

from govkg.store import Store

T = TypeVar("T")

_entries: weakref.WeakKeyDictionary[Store, dict[str, tuple[str, object]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def per_version(store: Store, name: str, build: Callable[[Store], T]) -> T:
    """``build(store)``, computed once per dataset version of ``store`` and kept under ``name``."""
    etag = store.version.etag
    with _lock:
        try:
            slot = _entries.setdefault(store, {})
        except TypeError:  # a store that cannot be weakly referenced is simply not cached
            return build(store)
        hit = slot.get(name)
    if hit is not None and hit[0] == etag:
        return cast(T, hit[1])
    value = build(store)
    with _lock:
        slot[name] = (etag, value)
    return value
