"""Entity pages and the vocabulary in headless Chromium: readable, linked, offline, no script errors."""

from __future__ import annotations

import pytest

from tests.live import LiveServer
from tests.viz.conftest import ARTIFACTS, GuardedPage, guarded  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


def test_an_entity_page_shows_its_chain_and_a_passage_and_links_onward(
    server: LiveServer,
    guarded: GuardedPage,  # noqa: F811
) -> None:
    guarded.allowed = [f"{server.url}/"]
    page = guarded.page
    page.goto(f"{server.url}/id/sundhedsstyregruppen?lang=en")
    assert page.locator("h1").inner_text() == "Health Steering Group"
    chain = page.locator("#chain ol.chain > li")
    assert chain.count() >= 3 and "Health Coordination Committee" in chain.nth(1).inner_text()
    quote = page.locator("#passages blockquote").first
    assert quote.is_visible() and "Document:" in quote.inner_text()
    assert page.evaluate("() => getComputedStyle(document.querySelector('header.site')).display") == "flex", "CSS"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "entity-page.png"))
    chain.nth(1).locator("a").first.click()
    page.wait_for_url("**/id/sundhedskoordinationsudvalget**")
    assert page.locator("h1").inner_text() == "Health Coordination Committee"
    page.locator(".lang-switch a", has_text="DA").click()
    page.wait_for_url("**lang=da")
    assert page.locator("h1").inner_text() == "Sundhedskoordinationsudvalget"


def test_the_vocabulary_page_and_a_missing_page_render_offline(
    server: LiveServer,
    guarded: GuardedPage,  # noqa: F811
) -> None:
    guarded.allowed = [f"{server.url}/"]
    page = guarded.page
    page.goto(f"{server.url}/ontology?lang=en")
    assert page.locator("#gov\\:Body h3").inner_text().startswith("Collegial body")
    response = page.goto(f"{server.url}/id/no-such-body")
    assert response is not None and response.status == 404
    guarded.errors.clear()  # Chromium logs the 404 status itself as a console error
    assert page.locator("h1").inner_text() == "Ikke fundet", "the test browser asks for Danish (Accept-Language)"
