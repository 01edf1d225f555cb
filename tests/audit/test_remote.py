"""The audit over a store that lives in an Oxigraph server: the same findings as over the embedded store."""

from __future__ import annotations

import pytest
import rdflib

from govkg.audit import SHAPES_KINDS, run_audit
from govkg.store import Store
from tests.remote.conftest import remote_seed_store, seed_server, start_oxigraph

__all__ = ["remote_seed_store", "seed_server", "start_oxigraph"]  # fixtures shared with tests/remote


def test_the_seed_audit_is_the_same_on_oxigraph_server(seed_store: Store, remote_seed_store: Store) -> None:
    embedded, remote = run_audit(seed_store, "da"), run_audit(remote_seed_store, "da")
    assert remote.findings == embedded.findings and len(remote.findings) > 0
    assert remote.counts_by_rule() == embedded.counts_by_rule()


def test_the_sparql_engine_fetches_no_data_graph_from_the_server(
    remote_seed_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[frozenset[str]] = []
    view = remote_seed_store.rdflib_graph

    def spy(kinds: frozenset[str]) -> rdflib.Graph:
        asked.append(kinds)
        return view(kinds)

    monkeypatch.setattr(remote_seed_store, "rdflib_graph", spy)
    report = run_audit(remote_seed_store, "en", "sparql")
    assert report.findings and set(report.engines.values()) == {"sparql", "networkx"}
    assert asked == [SHAPES_KINDS], "only the shapes are read as a graph; the data stays on the server"
