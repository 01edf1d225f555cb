"""A governance designer opens /sparql in a browser: YASGUI, served by this service, working offline.

Replaces the tests of the earlier plain query page (a text area, buttons and a table of its own):
the same promises are kept and checked here against YASGUI: a browser gets the page and clients the
service description, an example question fills the results table, text from the data is never
markup, a malformed query shows the parser's message. New: the editor takes typed queries, IRIs of
this graph link to their pages with their labels, the table sorts and pages, downloads, links that
carry a query, the update token, and the whole page under the service's strict CSP with every request
off 127.0.0.1 aborted and counted (the ``page`` fixture).
"""

from __future__ import annotations

import base64
import hashlib
import time
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import ConsoleMessage, Page, expect

from api.security_headers import hashes
from api.sparql_page import yasgui_styles
from api.sparql_workbench import LANGUAGES, examples
from govkg.store import Store
from tests.live import UPDATE_TOKEN, LiveServer

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ROWS = ".tabPanel.active .yasr .dataTable tbody tr"
PREFIX = "PREFIX id: <https://w3id.org/govkg/id/> PREFIX org: <http://www.w3.org/ns/org#> "


def test_a_browser_gets_the_workbench_and_clients_get_the_service_description(reader: TestClient) -> None:
    page = reader.get("/sparql", headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'src="http' not in page.text and 'href="http' not in page.text, "nothing is loaded from elsewhere"
    assert '<script src="/static/sparql/yasgui/yasgui.min.js">' in page.text
    assert "<script>" not in page.text and "<style" not in page.text and "style=" not in page.text, "no inline code"
    assert 'id="token"' not in page.text, "no token field where updates are off"
    for asset in ("yasgui/yasgui.min.js", "yasgui/yasgui.min.css", "yasgui/LICENSE", "workbench.js"):
        assert reader.get(f"/static/sparql/{asset}").status_code == 200, asset
    described = reader.get("/sparql", headers={"Accept": "*/*"})
    assert described.headers["content-type"] == "text/turtle; charset=utf-8"


def test_the_workbench_is_told_this_endpoint_the_ontologys_prefixes_and_examples_in_da_and_en(
    reader: TestClient,
) -> None:
    config = reader.get("/sparql/workbench.json").json()
    assert config["endpoint"] == "/sparql" and config["updates"] is False
    assert {"org", "gov", "id", "skos", "dct", "prov", "cv", "foaf", "xsd"} <= set(config["prefixes"])
    assert [e["name"]["en"] for e in config["examples"]] == [
        "Who reports to whom",
        "The chain up from a body",
        "Duties of a party",
        "Bodies without a mandate",
        "What a proposal changes",
    ]
    assert all(set(e["query"]) == {"da", "en"} and e["name"]["da"] for e in config["examples"])


def test_completion_offers_the_graphs_own_classes_and_properties(reader: TestClient) -> None:
    vocabulary = reader.get("/sparql/vocabulary.json").json()
    gov = "https://w3id.org/govkg/ontology#"
    assert {gov + "SteeringGroup", gov + "Network", "http://www.w3.org/ns/org#FormalOrganization"} <= set(
        vocabulary["classes"]
    )
    assert {gov + "preparesCasesFor", "http://www.w3.org/ns/org#reportsTo"} <= set(vocabulary["properties"])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("example", examples(), ids=lambda e: str(e["id"]))
def test_every_example_question_answers_on_the_seed_data(seed_store: Store, example: dict, lang: str) -> None:
    result = seed_store.query(example["query"][lang])
    assert result.rows, f"the example {example['id']!r} finds nothing in the documents ({lang})"


def open_workbench(tab: Page, server: LiveServer, fragment: str = "") -> list[str]:
    """Open the page in a fresh state; returns the list the CSP messages of the console land in."""
    violations: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    tab.on("console", record)
    tab.goto(f"{server.url}/sparql{fragment}")
    tab.wait_for_selector("#workbench[data-ready]", state="attached", timeout=30_000)
    return violations


def editor_run(tab: Page, query: str) -> None:
    """Put a query in the current tab's editor (no typing) and run it."""
    tab.evaluate("q => window.govkgWorkbench.yasgui.getTab().getYasqe().setValue(q)", query)
    tab.locator(".tabPanel.active .yasqe_queryButton").click()


@pytest.mark.browser
@pytest.mark.server
def test_a_typed_query_runs_and_its_rows_show_with_links_to_entity_pages(
    page: tuple[Page, list[str]], gov_server: LiveServer
) -> None:
    tab, left = page
    violations = open_workbench(tab, gov_server)
    expect(tab.locator(".tabPanel.active .CodeMirror")).to_be_visible()
    tab.locator(".tabPanel.active .CodeMirror").click()
    tab.keyboard.press("Control+A")
    tab.keyboard.press("Delete")
    tab.keyboard.type(PREFIX + "SELECT ?body WHERE { ?body org:reportsTo id:board }", delay=5)
    tab.keyboard.press("Escape")
    tab.locator(".tabPanel.active .yasqe_queryButton").click()
    expect(tab.locator(ROWS)).to_have_count(1, timeout=20_000)
    link = tab.locator(f"{ROWS} a.govkg-entity")
    expect(link).to_have_text("Steering group")
    assert link.get_attribute("href") == "/id/steering-group"
    assert link.get_attribute("title") == "https://w3id.org/govkg/id/steering-group"
    assert violations == [] and left == [], (violations, left)


@pytest.mark.browser
@pytest.mark.server
def test_an_example_in_danish_opens_in_a_tab_and_data_text_stays_text(
    page: tuple[Page, list[str]], gov_server: LiveServer
) -> None:
    tab, left = page
    violations = open_workbench(tab, gov_server)
    tab.locator("button[data-lang=da]").click()
    tab.get_by_role("button", name="Hvem rapporterer til hvem").click()
    expect(tab.locator(".tabPanel.active .yasr .dataTable")).to_be_visible(timeout=20_000)
    expect(tab.locator("#yasgui .tabsList .tab.active")).to_contain_text("Hvem rapporterer til hvem")
    expect(tab.locator(ROWS)).to_have_count(3)
    cells = tab.locator(f"{ROWS} td").all_text_contents()
    assert any("Netværket for <b>kræft</b>" in cell for cell in cells), cells
    assert tab.locator(".yasr .dataTable b").count() == 0, "text from the data never becomes markup"
    assert violations == [] and left == [], (violations, left)


@pytest.mark.browser
@pytest.mark.server
def test_a_malformed_query_shows_the_parsers_readable_message(
    page: tuple[Page, list[str]], gov_server: LiveServer
) -> None:
    tab, left = page
    open_workbench(tab, gov_server)
    editor_run(tab, "SELECT * WHERE {\n  ?s a nope:Thing }")
    message = tab.locator(".tabPanel.active .govkg-error-message")
    expect(message).to_contain_text("syntax error at 2:8: the prefix 'nope:' is not declared", timeout=20_000)
    expect(message).to_contain_text("PREFIX nope: is missing")
    assert left == []


@pytest.mark.browser
@pytest.mark.server
def test_the_table_sorts_and_pages_and_downloads_csv(page: tuple[Page, list[str]], gov_server: LiveServer) -> None:
    tab, left = page
    open_workbench(tab, gov_server)
    editor_run(
        tab, "SELECT ?n WHERE { VALUES ?a { 1 2 3 4 5 6 7 } VALUES ?b { 0 1 2 3 4 5 6 8 9 } BIND(?a * 10 + ?b AS ?n) }"
    )
    expect(tab.locator(ROWS)).to_have_count(50, timeout=20_000)
    expect(tab.locator(".tabPanel.active .yasr")).to_contain_text("of 63 entries")
    header = tab.locator(".tabPanel.active .dataTable thead th").nth(1)
    header.click()
    header.click()  # twice: descending
    expect(tab.locator(f"{ROWS} td").nth(1)).to_contain_text('"79"')
    tab.locator(".tabPanel.active .dt-paging-button.next").click()
    expect(tab.locator(ROWS)).to_have_count(13)
    expect(tab.locator(f"{ROWS} td").nth(1)).to_contain_text('"23"')
    with tab.expect_download() as download:
        tab.locator("button[data-download='text/csv']").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert text.splitlines()[0] == "n" and len(text.splitlines()) == 64
    assert left == []


@pytest.mark.browser
@pytest.mark.server
def test_a_link_carries_the_query_and_tab_and_opens_it_running(
    page: tuple[Page, list[str]], gov_server: LiveServer
) -> None:
    tab, left = page
    query = PREFIX + "SELECT ?o WHERE { ?o a org:FormalOrganization }"
    open_workbench(tab, gov_server, f"#query={quote(query)}&tabTitle={quote('Formal ones')}")
    expect(tab.locator("#yasgui .tabsList .tab.active")).to_contain_text("Formal ones")
    expect(tab.locator(f"{ROWS} a.govkg-entity")).to_have_text("The board", timeout=20_000)
    assert left == []


@pytest.mark.browser
@pytest.mark.server
def test_an_update_needs_the_token_which_the_page_keeps_to_itself(
    page: tuple[Page, list[str]], gov_server: LiveServer
) -> None:
    tab, left = page
    open_workbench(tab, gov_server)
    update = "INSERT DATA { GRAPH <https://w3id.org/govkg/id/graph/browser-test> { <urn:x:a> a <urn:x:B> } }"
    editor_run(tab, update)
    message = tab.locator(".tabPanel.active .govkg-error-message")
    expect(message).to_have_text("a bearer token is required", timeout=20_000)
    expect(tab.locator(".tabPanel.active .govkg-error")).to_contain_text("enter it in the field above the editor")
    tab.locator("#token").fill(UPDATE_TOKEN)
    editor_run(tab, update)
    deadline = time.monotonic() + 20
    while message.count() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert message.count() == 0, "the update with the token went through"
    stored = tab.evaluate("() => JSON.stringify(Object.assign({}, window.localStorage))")
    assert UPDATE_TOKEN not in stored, "the token is not stored"
    assert left == []


def test_the_one_style_block_yasgui_injects_is_allowed_by_hash_not_by_unsafe_inline() -> None:
    styles = yasgui_styles()
    assert styles[0].startswith(" .grip-resizable{table-layout:fixed;}"), "found in the vendored bundle"
    own = hashes()
    for text in styles:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in own


@pytest.mark.browser
@pytest.mark.server
def test_the_workbench_takes_lang_else_the_browsers_language(
    page: tuple[Page, list[str]], gov_server: LiveServer
) -> None:
    tab, left = page
    pressed = "() => document.querySelector('button[data-lang][aria-pressed=true]').dataset.lang"
    violations = open_workbench(tab, gov_server)
    assert tab.evaluate(pressed) == "en", "the test browser prefers English"
    open_workbench(tab, gov_server, "?lang=da")
    assert tab.evaluate(pressed) == "da", "lang= wins"
    assert violations == [] and left == [], (violations, left)
