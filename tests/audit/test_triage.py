"""Triage over HTTP: scopes and filters on ``/api/audit`` and ``/audit``, and the page in real Chromium under the
strict Content-Security-Policy issue 18 adds (scripts and styles only from the service's own files)."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Route

from govkg.audit.schema import AuditReportModel
from tests.live import LiveServer

TIMEOUT = 60.0
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'"
)


def api(server: LiveServer, **params: str) -> AuditReportModel:
    response = httpx.get(f"{server.url}/api/audit", params=params, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    return AuditReportModel.model_validate(response.json())


@pytest.mark.server
def test_the_api_takes_scope_and_accepted_filters(waived_server: LiveServer) -> None:
    rkkp = api(waived_server, under="rkkp")
    assert (rkkp.counts.violation, rkkp.counts.warning, rkkp.counts.info) == (1, 0, 2)  # see test_scope
    assert rkkp.scope.under == "rkkp" and rkkp.scope.findings == "all"
    accepted = api(waived_server, accepted="accepted")
    assert [f.slug for f in accepted.findings] == ["opsamling-aarhus-ccc-2025"]
    assert accepted.findings[0].accepted is not None and accepted.accepted.violation == 1
    open_only = api(waived_server, accepted="open", rule="gsh:AgreementPartyShape")
    # open: the 2016 proposal, and the agreement on a joint pregnancy team 003 refers to without naming parties
    assert sorted(f.slug for f in open_only.findings if f.severity == "violation") == [
        "forslag-rm-organisering-2016",
        "rm-aftale-faelles-gravidteam",
    ]


@pytest.mark.server
@pytest.mark.parametrize(
    "query", ["under=nobody", "document=nothing.txt", "scenario=nothing", "rule=Nothing"], ids=lambda q: q.split("=")[0]
)
def test_an_unknown_scope_is_404_in_the_api_and_on_the_page(waived_server: LiveServer, query: str) -> None:
    response = httpx.get(f"{waived_server.url}/api/audit?{query}", timeout=TIMEOUT)
    assert response.status_code == 404 and response.json()["error"] == "NOT_FOUND"
    assert query.split("=")[1] in response.json()["message"]
    page = httpx.get(f"{waived_server.url}/audit?{query}", timeout=TIMEOUT)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")


@pytest.mark.server
def test_the_page_links_each_finding_to_its_entity_graph_and_scopes(waived_server: LiveServer) -> None:
    page = httpx.get(
        f"{waived_server.url}/audit",
        params={"rule": "AgreementPartyShape"},
        headers={"Accept-Language": "en"},
        timeout=TIMEOUT,
    ).text
    assert 'href="/id/opsamling-aarhus-ccc-2025"' in page and 'href="/graph?focus=opsamling-aarhus-ccc-2025"' in page
    assert 'href="/audit?lang=en&amp;under=opsamling-aarhus-ccc-2025&amp;rule=AgreementPartyShape"' in page
    assert "document=002_290ce6b5839752f9.txt" in page, "a quote links to its document's scope"
    assert re.search(r'<li class="finding accepted">.*?A meeting summary has no parties\.', page, flags=re.S)
    assert 'href="/api/audit?lang=en&amp;rule=AgreementPartyShape&amp;format=xlsx"' in page
    for asset, media in (("audit.css", "text/css"), ("audit.js", "text/javascript")):
        response = httpx.get(f"{waived_server.url}/audit/{asset}", timeout=TIMEOUT)
        assert response.status_code == 200 and response.headers["content-type"].startswith(media)


@pytest.mark.browser
def test_the_triage_page_filters_under_a_strict_csp(waived_server: LiveServer, browser: Browser) -> None:
    blocked: list[str] = []
    problems: list[str] = []

    def route(r: Route) -> None:
        if not r.request.url.startswith(waived_server.url + "/"):
            blocked.append(r.request.url)
            r.abort()
        elif r.request.resource_type == "document":
            response = r.fetch()
            r.fulfill(response=response, headers={**response.headers, "content-security-policy": STRICT_CSP})
        else:
            r.continue_()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("**/*", route)
        page.on("console", console)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(f"{waived_server.url}/audit?lang=en")
        badge = page.locator(".badge.violation").first
        assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(179, 38, 30)", "CSS from its file"
        accepted = page.locator("li.finding.accepted")
        assert accepted.count() == 1 and "A meeting summary has no parties." in accepted.inner_text()
        assert accepted.evaluate("e => getComputedStyle(e).color") == "rgb(107, 117, 128)", "greyed"

        page.select_option("select[name=rule]", "gsh:AgreementPartyShape")  # the script submits the form
        page.wait_for_url(re.compile(r"rule=gsh%3AAgreementPartyShape"), timeout=20_000)
        assert page.locator("li.finding").count() == 4, "3 agreements without parties, 1 expired exception"

        page.fill("input[name=under]", "regionerne")
        page.click("form.filters button[type=submit]")
        page.wait_for_url(re.compile(r"under=regionerne"), timeout=20_000)
        assert page.locator("li.finding").count() == 0 and "Limited to" in page.inner_text("p.limits")

        page.goto(f"{waived_server.url}/audit?lang=da&under=rkkp")
        assert page.locator("li.finding").count() == 3
        assert page.locator("li.finding a.entity").first.get_attribute("href", timeout=5_000).startswith("/id/rkkp")
    finally:
        context.close()
    assert not blocked, f"requests off the server: {blocked}"
    assert not problems, f"console errors (CSP violations among them): {problems}"
