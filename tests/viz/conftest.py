"""Fixtures for the org-graph tests: a small made-up governance world, and one headless Chromium.

The browser is Debian's chromium driven by Playwright (never ``playwright install``). Every page a
test opens is guarded: requests go through only to the origins the test allows (the test server on
127.0.0.1, or the one file opened from disk); anything else is aborted, recorded, and fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from playwright.sync_api import Browser, ConsoleMessage, Page, Route

from govkg.config import Settings
from govkg.service import reload
from govkg.store import EmbeddedStore, Store
from tests.conftest import DATA
from tests.live import ROOT
from viz.projection import to_networkx

VIZ_DATA = DATA / "viz"
ARTIFACTS = ROOT / "test-artifacts"
READY = "body[data-ready]"


def fixture_settings(empty: Path) -> Settings:
    """The real ontology, the made-up data in tests/data/viz, no shapes."""
    return Settings(data_dir=VIZ_DATA, shapes_dir=empty, extra_paths=[])


@pytest.fixture(scope="session")
def viz_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The made-up world loaded the way the service loads data (read-only)."""
    store = EmbeddedStore()
    reload(store, fixture_settings(tmp_path_factory.mktemp("no-shapes")))
    return store


@pytest.fixture(scope="session")
def viz_rdf(viz_store: Store) -> rdflib.Graph:
    """Ontology + made-up data as the rdflib graph the projection reads."""
    return viz_store.rdflib_graph(frozenset({"ontology", "data"}))


@pytest.fixture(scope="session")
def viz_full(viz_rdf: rdflib.Graph) -> nx.MultiDiGraph:
    """The unfiltered projection of the made-up world (do not mutate)."""
    return to_networkx(viz_rdf)


@dataclass
class GuardedPage:
    """A page whose requests may only reach ``allowed`` URL prefixes; everything else is recorded."""

    page: Page
    allowed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        """Let a request through to an allowed prefix; abort and record any other."""
        url = route.request.url
        if any(url.startswith(prefix) for prefix in self.allowed):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, url: str) -> Page:
        """Go to ``url`` and wait until the graph is drawn and settled."""
        self.page.goto(url)
        self.page.wait_for_selector(READY, state="attached", timeout=20_000)
        return self.page

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture()
def guarded(browser: Browser) -> Iterator[GuardedPage]:
    """A fresh page; at the end, no request left 127.0.0.1 (or the opened file) and no script failed."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="da-DK")  # Accept-Language: da-DK
    guard = GuardedPage(context.new_page())

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            guard.errors.append(message.text)

    context.route("**/*", guard.route)
    guard.page.on("console", console)
    guard.page.on("pageerror", lambda error: guard.errors.append(str(error)))
    guard.page.on("dialog", lambda dialog: (guard.dialogs.append(dialog.message), dialog.dismiss()))
    try:
        yield guard
    finally:
        context.close()
    assert not guard.blocked, f"the page tried to reach beyond the allowed origins: {guard.blocked}"
    assert not guard.errors, f"the page reported errors: {guard.errors}"
    assert not guard.dialogs, f"the page opened dialogs: {guard.dialogs}"
