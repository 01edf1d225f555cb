"""State kept per store (an audit cache, the reports served) that goes away with the store."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from govkg.store import Store

T = TypeVar("T")


class PerStore(Generic[T]):
    """One ``T`` per store, made on first use by ``factory``; thread-safe."""

    def __init__(self, factory: Callable[[], T]) -> None:
        self._factory = factory
        self._items: weakref.WeakKeyDictionary[Store, T] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, store: Store) -> T:
        with self._lock:
            item = self._items.get(store)
            if item is None:
                item = self._items[store] = self._factory()
            return item
