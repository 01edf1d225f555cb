"""A governance designer opens /sparql in a browser, picks an example question and reads the table."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Page, expect

from api.sparql_page import EXAMPLES, PREFIXES
from govkg.store import Store
from tests.live import LiveServer

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_a_browser_gets_the_page_and_clients_get_the_service_description(reader: TestClient) -> None:
    page = reader.get("/sparql", headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'src="http' not in page.text and 'href="http' not in page.text, "nothing is loaded from elsewhere"
    described = reader.get("/sparql", headers={"Accept": "*/*"})
    assert described.headers["content-type"] == "text/turtle; charset=utf-8"


@pytest.mark.browser
@pytest.mark.server
def test_an_example_question_fills_the_results_table(page: tuple[Page, list[str]], gov_server: LiveServer) -> None:
    tab, left = page
    tab.goto(f"{gov_server.url}/sparql")
    tab.get_by_role("button", name="Who reports to whom").click()
    table = tab.locator("#results table")
    expect(tab.locator("#status")).to_contain_text("3 rows")
    expect(table.locator("tbody tr")).to_have_count(3)
    cells = table.locator("tbody td").all_text_contents()
    assert ["Working group", "reportsTo", "Steering group"] == cells[cells.index("Working group") :][:3]
    assert 'Network for <b>cancer</b> & "quality"' in cells, "labels are shown as text"
    assert table.locator("b").count() == 0, "text from the data never becomes markup"
    assert left == [], f"the page reached outside the server: {left}"


@pytest.mark.browser
@pytest.mark.server
def test_a_malformed_query_shows_the_parsers_message(page: tuple[Page, list[str]], gov_server: LiveServer) -> None:
    tab, _ = page
    tab.goto(f"{gov_server.url}/sparql")
    tab.locator("#query").fill("SELECT * WHERE {")
    tab.get_by_role("button", name="Run query").click()
    expect(tab.locator("#status")).to_contain_text("400")
    expect(tab.locator("#status")).to_contain_text("error at 1:")


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_every_example_question_answers_on_the_seed_data(seed_store: Store, name: str) -> None:
    result = seed_store.query(PREFIXES + EXAMPLES[name])
    assert result.rows, f"the example {name!r} finds nothing in the documents"
