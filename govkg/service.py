"""Opening a store for the configured settings and (re)loading the bundled folders into it."""

from __future__ import annotations

from govkg.config import Settings
from govkg.loading import find_sources
from govkg.store import EmbeddedStore, Store
from govkg.store.remote import RemoteStore


def open_store(settings: Settings) -> Store:
    """The store the settings ask for: a SPARQL server when ``store_url`` is set, else the embedded one
    (on disk in ``store_dir`` when set, else in memory).

    Raises:
        StoreError: the store folder cannot be opened (e.g. another process holds it).
    """
    if settings.store_url:
        return RemoteStore.from_settings(settings)
    # readers (query workers) keep a retired checkpoint well past any job started on it
    grace = max(600.0, 4 * settings.query_timeout)
    return EmbeddedStore(settings.store_dir, shared=settings.store_shared, reader_grace=grace)


def describe_store(store: Store, settings: Settings) -> str:
    """One line for the start-up log: where the data lives and whether writes survive a restart."""
    if settings.store_url:
        return f"remote store at {settings.store_url}: the server keeps what it acknowledges"
    if store.durable:
        return f"on-disk store in {settings.store_dir}: acknowledged writes survive a crash or restart"
    return (
        "in-memory store: writes through the API are lost when the process stops "
        "(set GOVKG_STORE_DIR or --store-dir to keep them)"
    )


def reload(store: Store, settings: Settings) -> int:
    """Parse every configured folder and swap the result into the store.

    Returns:
        The number of triples now served.

    Raises:
        LoadError: a file is missing or malformed; the store keeps what it had.
    """
    store.load(find_sources(settings.sources(), settings.base_iri))
    return store.triple_count()
