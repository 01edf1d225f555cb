"""What every store shares: the Store protocol, dataset versions and the graph catalog.

The embedded implementation lives in :mod:`govkg.store.embedded`, the remote one (SPARQL 1.1
Protocol to a server) in :mod:`govkg.store.remote`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

import pyoxigraph as ox
import rdflib

from govkg.loading import LoadedGraph
from govkg.results import QueryResult


@dataclass(frozen=True)
class DatasetVersion:
    """Changes whenever the dataset does; gives HTTP its ETag and Last-Modified.

    ``instance`` derives from the content (:mod:`govkg.store.catalog`), ``number`` counts changes.
    """

    instance: str
    number: int
    modified: datetime

    @property
    def etag(self) -> str:
        return f'"{self.instance}-{self.number}"'

    def bump(self) -> DatasetVersion:
        """The next version of the same instance (:func:`govkg.store.catalog.next_version` chains the id)."""
        return DatasetVersion(self.instance, self.number + 1, datetime.now(UTC).replace(microsecond=0))


@dataclass(frozen=True)
class GraphInfo:
    """Where a named graph came from: its kind (ontology, data, shapes) and file, if any, with its hash."""

    name: str
    kind: str
    path: Path | None = None
    sha256: str | None = None


@runtime_checkable
class Store(Protocol):
    """What govkg needs of an RDF store; the embedded and remote stores both provide it."""

    @property
    def version(self) -> DatasetVersion: ...

    @property
    def catalog(self) -> dict[str, GraphInfo]: ...

    @property
    def durable(self) -> bool:
        """Whether an acknowledged write survives the process (on disk, or on a remote server)."""

    def triple_count(self) -> int: ...

    def graph_names(self) -> list[str]: ...

    def load(self, graphs: Sequence[LoadedGraph]) -> None:
        """Replace the whole dataset with these graphs, all or nothing."""

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        """Run a SPARQL query; the default graph is the union of named graphs unless given."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL update, all or nothing."""

    def get_graph(self, name: str | None) -> list[ox.Triple]:
        """The triples of a named graph (``None``: the store's own default graph)."""

    def put_graph(self, name: str | None, triples: Sequence[ox.Triple]) -> bool:
        """Replace a graph's triples; True when the graph is new."""

    def add_to_graph(self, name: str | None, triples: Sequence[ox.Triple]) -> bool:
        """Add triples to a graph; True when the graph is new."""

    def delete_graph(self, name: str | None) -> None:
        """Remove a graph (clear the default graph)."""

    def rdflib_graph(self, kinds: frozenset[str]) -> rdflib.Graph:
        """An rdflib graph of the union of graphs of these kinds, cached per version."""


def all_quads(store: Store) -> list[ox.Quad]:
    """Every quad of a store: each named graph's, then the default graph's."""
    quads: list[ox.Quad] = []
    for name in [*store.graph_names(), None]:
        graph = ox.DefaultGraph() if name is None else ox.NamedNode(name)
        quads += (ox.Quad(t.subject, t.predicate, t.object, graph) for t in store.get_graph(name))
    return quads
