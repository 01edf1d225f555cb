"""Accepted exceptions and scopes over a store in an Oxigraph server: the same answers as embedded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from govkg.audit import run_audit
from govkg.audit.scope import Scope
from govkg.audit.triage import scoped
from govkg.config import Settings
from govkg.service import reload
from govkg.store import Store
from govkg.store.remote import RemoteStore
from tests.audit.conftest import WAIVERS
from tests.remote.conftest import OxigraphServer, start_oxigraph

__all__ = ["start_oxigraph"]  # the fixture shared with tests/remote
TODAY = date(2026, 12, 5)


def test_exceptions_and_scopes_answer_the_same_on_oxigraph_server(
    start_oxigraph: Callable[[], OxigraphServer], settings: Settings, waived_store: Store
) -> None:
    waived = settings.model_copy(update={"accepted_paths": [WAIVERS]})
    with RemoteStore.from_settings(start_oxigraph().settings(waived)) as remote:
        reload(remote, waived)
        assert "accepted" in {info.kind for info in remote.catalog.values()}
        remote_audit, embedded_audit = run_audit(remote), run_audit(waived_store)
        for scope in (
            Scope(),
            Scope(under="rkkp"),
            Scope(document="002_290ce6b5839752f9.txt", rule="BodyMandateShape"),
        ):
            there = scoped(remote_audit, remote, scope, TODAY)
            assert there.findings == scoped(embedded_audit, waived_store, scope, TODAY).findings, scope
        assert sum(scoped(remote_audit, remote, Scope(), TODAY).counts_accepted().values()) == 1
