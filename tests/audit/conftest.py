"""Fixtures for the audit: shape fixtures audited through a real store, and the shapes graph itself."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import rdflib

from govkg.audit import AuditReport, run_audit
from govkg.config import Settings
from govkg.loading import read_sources
from govkg.namespaces import ID
from govkg.service import reload
from govkg.store import EmbeddedStore, Store
from tests.conftest import DATA
from tests.live import LiveServer, live_server

SHAPE_FIXTURES = Path(__file__).resolve().parents[1] / "shapes"
BASE = SHAPE_FIXTURES / "base.ttl"
VALID = sorted((SHAPE_FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((SHAPE_FIXTURES / "invalid").glob("*/*.ttl"))
AUDIT_DATA = DATA / "audit"


def store_with(settings: Settings, *data: Path) -> Store:
    """A fresh store with the real ontology and shapes and the given data files (fixtures, not data/)."""
    store = EmbeddedStore()
    sources = [("ontology", settings.ontology_dir), *(("data", path) for path in data), ("shapes", settings.shapes_dir)]
    store.load(read_sources(sources, str(ID)))
    return store


@pytest.fixture(scope="session")
def audit_fixture(settings: Settings) -> Callable[..., AuditReport]:
    """Audit one shape fixture, read together with ``tests/shapes/base.ttl``."""

    def audit(path: Path, lang: str = "en") -> AuditReport:
        return run_audit(store_with(settings, BASE, path), lang)

    return audit


@pytest.fixture(scope="session")
def shapes_graph(settings: Settings) -> rdflib.Graph:
    """The bundled shapes (``shapes/*.ttl``) as one rdflib graph."""
    return store_with(settings).rdflib_graph(frozenset({"shapes"}))


@pytest.fixture(scope="session")
def small_store(settings: Settings) -> Store:
    """A small invented world with one finding of each severity and a reporting cycle (read-only)."""
    return store_with(settings, AUDIT_DATA / "small.ttl")


ACCEPTED = AUDIT_DATA / "accepted"
WAIVERS = ACCEPTED / "waivers.ttl"


def seed_with_exceptions(settings: Settings, *accepted: Path) -> Store:
    """A fresh store of the seed data whose accepted exceptions are the given files (none: no exceptions)."""
    store = EmbeddedStore()
    reload(store, settings.model_copy(update={"accepted_paths": list(accepted)}))
    return store


@pytest.fixture(scope="session")
def waived_store(settings: Settings) -> Store:
    """The seed data with the waivers fixture: one waived, one expired and one stale exception (read-only)."""
    return seed_with_exceptions(settings, WAIVERS)


@pytest.fixture(scope="session")
def waived_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A real server on the seed data with the waivers fixture as its accepted exceptions."""
    tmp = tmp_path_factory.mktemp("waived-server")
    with live_server(tmp, {"GOVKG_ACCEPTED_PATHS": json.dumps([str(WAIVERS)]), "GOVKG_EXTRA_PATHS": "[]"}) as live:
        yield live
