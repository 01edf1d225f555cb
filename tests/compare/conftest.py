"""Fixtures for comparisons: an invented organisation in two scenario graphs, and an app over it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from govkg.config import Settings
from govkg.loading import read_sources
from govkg.namespaces import ID
from govkg.store import EmbeddedStore, Store
from tests.conftest import DATA
from tests.live import ROOT

FIXTURE = DATA / "compare" / "data"


@pytest.fixture(scope="session")
def compare_store() -> Store:
    """The real ontology (for property names) and the invented organisation's three files."""
    store = EmbeddedStore()
    store.load(read_sources([("ontology", ROOT / "ontology"), ("data", FIXTURE)], str(ID)))
    return store


@pytest.fixture(scope="session")
def compare_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"data_dir": FIXTURE})


@pytest.fixture(scope="session")
def compare_client(compare_settings: Settings, compare_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(compare_settings, store=compare_store)) as client:
        yield client
