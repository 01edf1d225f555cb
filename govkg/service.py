"""Opening a store for the configured settings and (re)loading the bundled folders into it."""

from __future__ import annotations

from govkg.config import Settings
from govkg.loading import find_sources
from govkg.store import EmbeddedStore, Store
from govkg.store.remote import RemoteStore


def open_store(settings: Settings) -> Store:
    """The store the settings ask for: a SPARQL server when ``store_url`` is set, else the embedded one."""
    if settings.store_url:
        return RemoteStore.from_settings(settings)
    return EmbeddedStore()


def reload(store: Store, settings: Settings) -> int:
    """Parse every configured folder and swap the result into the store.

    Returns:
        The number of triples now served.

    Raises:
        LoadError: a file is missing or malformed; the store keeps what it had.
    """
    store.load(find_sources(settings.sources(), settings.base_iri))
    return store.triple_count()
