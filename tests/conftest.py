"""Shared fixtures: the seed data loaded once, an app over it, and a real server over HTTP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, sync_playwright

from api.app import create_app
from govkg.config import Settings
from govkg.service import reload
from govkg.store import EmbeddedStore, Store
from tests.live import ROOT, UPDATE_TOKEN, LiveServer, live_server

SEEDS = ROOT.parent / "shared" / "seeds"
DATA = Path(__file__).resolve().parent / "data"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings for the bundled ontology, data and shapes, with small limits for tests."""
    return Settings(query_timeout=5.0, result_limit=5_000)


@pytest.fixture(scope="session")
def seed_store(settings: Settings) -> Store:
    """The seed data, loaded once (read-only: tests that change data build their own store)."""
    store = EmbeddedStore()
    reload(store, settings)
    return store


@pytest.fixture(scope="session")
def ask_seed(seed_store: Store) -> Callable[[str], list[dict[str, str]]]:
    """Run a SELECT over the seed data; each row maps variable names to IRI/literal strings."""

    def ask(sparql: str) -> list[dict[str, str]]:
        result = seed_store.query(sparql)
        return [
            {k: v.value if isinstance(v, ox.NamedNode | ox.Literal | ox.BlankNode) else str(v) for k, v in r.items()}
            for r in result.records()
        ]

    return ask


@pytest.fixture(scope="session")
def client(settings: Settings, seed_store: Store) -> Iterator[TestClient]:
    """An in-process client of an app over the session's seed store."""
    with TestClient(create_app(settings, store=seed_store)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A real uvicorn server on the seed data, updates enabled with the test token."""
    with live_server(tmp_path_factory.mktemp("server"), {"GOVKG_UPDATE_TOKEN": UPDATE_TOKEN}) as live:
        yield live


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Debian chromium for the whole session (never ``playwright install``); tests open pages."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make chromium`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
