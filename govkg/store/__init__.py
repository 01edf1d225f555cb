"""RDF stores: the protocol every store provides, the embedded pyoxigraph store and a remote one.

The remote store (:mod:`govkg.store.remote`) is imported on demand, so the embedded path never
loads the HTTP client.
"""

from govkg.store.base import DatasetVersion, GraphInfo, Store
from govkg.store.embedded import EmbeddedStore

__all__ = ["DatasetVersion", "EmbeddedStore", "GraphInfo", "Store"]
