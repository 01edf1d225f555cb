"""Fixtures for the SPARQL endpoint: a small governance graph, apps over it, and real servers.

The graph (``tests/data/sparql``) is two files, so two named graphs: ``structure`` (a board, a
steering group, a working group and a network, with their lines) and ``obligations``. Apps that
take changes get a fresh store each; servers that take changes are their own processes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page, Route

from api.app import create_app
from govkg.config import Settings
from govkg.namespaces import graph_iri
from govkg.service import reload
from govkg.store import EmbeddedStore
from tests.conftest import DATA
from tests.live import UPDATE_TOKEN, LiveServer, live_server

FIXTURES = DATA / "sparql"
STRUCTURE = graph_iri("structure")
OBLIGATIONS = graph_iri("obligations")
AUTH = {"Authorization": f"Bearer {UPDATE_TOKEN}"}
ID = "https://w3id.org/govkg/id/"


def fixture_settings(empty: Path, **changes: object) -> Settings:
    """Settings that load only the fixture graph (no ontology, no shapes)."""
    settings = Settings(ontology_dir=empty, data_dir=FIXTURES, shapes_dir=empty, query_timeout=5.0)
    return Settings.model_validate({**settings.model_dump(), **changes})


def fixture_env(empty: Path, **extra: str) -> dict[str, str]:
    """The same settings for a server process."""
    return {
        "GOVKG_DATA_DIR": str(FIXTURES),
        "GOVKG_ONTOLOGY_DIR": str(empty),
        "GOVKG_SHAPES_DIR": str(empty),
        "GOVKG_UPDATE_TOKEN": UPDATE_TOKEN,
        **extra,
    }


@pytest.fixture(scope="session")
def empty_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("empty")


def app_client(settings: Settings) -> TestClient:
    store = EmbeddedStore()
    reload(store, settings)
    return TestClient(create_app(settings, store=store))


@pytest.fixture(scope="session")
def reader(empty_dir: Path) -> Iterator[TestClient]:
    """An in-process client over the fixture graph, updates disabled (read-only, shared)."""
    with app_client(fixture_settings(empty_dir)) as client:
        yield client


@pytest.fixture
def writer(empty_dir: Path) -> Iterator[TestClient]:
    """An in-process client over a fresh copy of the fixture graph, updates enabled with the test token."""
    with app_client(fixture_settings(empty_dir, update_token=UPDATE_TOKEN)) as client:
        yield client


@pytest.fixture(scope="session")
def gov_server(tmp_path_factory: pytest.TempPathFactory, empty_dir: Path) -> Iterator[LiveServer]:
    """A real server over the fixture graph, updates enabled (tests that write use their own graphs)."""
    with live_server(tmp_path_factory.mktemp("gov-server"), fixture_env(empty_dir)) as server:
        yield server


@pytest.fixture
def page(browser: Browser, gov_server: LiveServer) -> Iterator[tuple[Page, list[str]]]:
    """A page that may only talk to the test server; the list collects any request that tried to leave."""
    context = browser.new_context()
    left: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url.startswith(gov_server.url):
            route.continue_()
        else:
            left.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield context.new_page(), left
    context.close()
