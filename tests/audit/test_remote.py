"""The audit over a store that lives in an Oxigraph server: the same findings as over the embedded store."""

from __future__ import annotations

from govkg.audit import run_audit
from govkg.store import Store
from tests.remote.conftest import remote_seed_store, seed_server, start_oxigraph

__all__ = ["remote_seed_store", "seed_server", "start_oxigraph"]  # fixtures shared with tests/remote


def test_the_seed_audit_is_the_same_on_oxigraph_server(seed_store: Store, remote_seed_store: Store) -> None:
    embedded, remote = run_audit(seed_store, "da"), run_audit(remote_seed_store, "da")
    assert remote.findings == embedded.findings and len(remote.findings) > 0
    assert remote.counts_by_rule() == embedded.counts_by_rule()
