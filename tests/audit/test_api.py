"""The audit over real HTTP: ``/api/audit`` (JSON per the published schema, or Turtle) and the ``/audit`` page."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.namespace import SH

from govkg.audit import GSH
from govkg.audit.schema import AuditReportModel
from tests.audit.conftest import AUDIT_DATA
from tests.live import UPDATE_TOKEN, LiveServer, live_server

TIMEOUT = 60.0
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, Path]]:
    """A server over the small invented world (its own data folder, so a test can add a file and reload)."""
    tmp = tmp_path_factory.mktemp("audit-server")
    data = tmp / "data"
    data.mkdir()
    shutil.copy(AUDIT_DATA / "small.ttl", data / "small.ttl")
    env = {"GOVKG_DATA_DIR": str(data), "GOVKG_UPDATE_TOKEN": UPDATE_TOKEN, "GOVKG_EXTRA_PATHS": "[]"}
    with live_server(tmp, env) as live:
        yield live, data


def get(url: str, **headers: str) -> httpx.Response:
    return httpx.get(url, headers=headers, timeout=TIMEOUT)


def test_the_seed_audit_is_json_in_the_published_schema(server: LiveServer) -> None:
    response = get(f"{server.url}/api/audit")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    body = AuditReportModel.model_validate(response.json())
    assert body.total == len(body.findings) > 0 and body.lang == "da" and not body.conforms, "Danish by default"
    assert body.counts.violation + body.counts.warning + body.counts.info == body.total
    assert sum(rule.count for rule in body.rules) == body.total
    assert response.headers["etag"].startswith(f'"{body.version}')
    spec = get(f"{server.url}/openapi.json").json()
    schema = spec["paths"]["/api/audit"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/AuditReportModel") and "AuditReportModel" in spec["components"]["schemas"]


def test_the_audit_answers_in_danish_and_filters_by_severity(server: LiveServer) -> None:
    body = AuditReportModel.model_validate(get(f"{server.url}/api/audit?lang=da&severity=warning").json())
    assert body.lang == "da" and body.min_severity == "warning" and body.counts.info == 0
    assert {f.severity for f in body.findings} == {"violation", "warning"}
    names = {f.rule_name for f in body.findings}
    assert "Organ uden mandat" in names and "Region uden kontaktpunkt" in names


def test_turtle_gives_the_shacl_report_with_the_same_results(server: LiveServer) -> None:
    body = AuditReportModel.model_validate(get(f"{server.url}/api/audit?severity=warning").json())
    response = get(f"{server.url}/api/audit?severity=warning", accept="text/turtle")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    results = list(graph.objects(None, SH.result))
    assert len(results) == body.total
    assert {str(graph.value(r, SH.focusNode)) for r in results} == {f.focus for f in body.findings}


def test_the_engine_is_chosen_per_request_and_the_report_names_it_per_rule(
    small_server: tuple[LiveServer, Path],
) -> None:
    live, _ = small_server
    bodies, etags = {}, set()
    for engine in ("sparql", "pyshacl"):
        response = get(f"{live.url}/api/audit?engine={engine}")
        assert response.status_code == 200
        bodies[engine] = AuditReportModel.model_validate(response.json())
        etags.add(response.headers["etag"])
    assert len(etags) == 2, "each engine's answer has its own ETag"
    assert bodies["sparql"].findings == bodies["pyshacl"].findings and bodies["sparql"].total > 0
    assert bodies["sparql"].engines.keys() == bodies["pyshacl"].engines.keys()
    assert set(bodies["sparql"].engines.values()) == {"sparql", "networkx"}
    assert set(bodies["pyshacl"].engines.values()) == {"pyshacl", "sparql", "networkx"}
    assert AuditReportModel.model_validate(get(f"{live.url}/api/audit").json()).engines == bodies["sparql"].engines
    for engine in ("sparql", "pyshacl"):
        turtle = get(f"{live.url}/api/audit?engine={engine}&severity=warning", accept="text/turtle")
        graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
        runs = list(graph.objects(None, GSH.ruleRun))
        named = {str(graph.value(run, GSH.rule)): str(graph.value(run, GSH.engine)) for run in runs}
        assert named == bodies[engine].engines
    refused = get(f"{live.url}/api/audit?engine=rdf4j")
    assert refused.status_code == 422 and refused.json()["error"] == "INVALID_PARAMETER"
    spec = get(f"{live.url}/openapi.json").json()
    (parameter,) = [p for p in spec["paths"]["/api/audit"]["get"]["parameters"] if p["name"] == "engine"]
    assert parameter["schema"]["enum"] == ["sparql", "pyshacl"] and parameter["schema"]["default"] == "sparql"


def test_unacceptable_media_and_bad_parameters_are_json_errors(server: LiveServer) -> None:
    refused = get(f"{server.url}/api/audit", accept="image/png")
    assert refused.status_code == 406 and refused.json()["error"] == "NOT_ACCEPTABLE"
    for query in ("severity=fatal", "lang=sv"):
        bad = get(f"{server.url}/api/audit?{query}")
        assert bad.status_code == 422 and bad.json()["error"] == "INVALID_PARAMETER"


def test_a_client_revalidates_with_the_etag(server: LiveServer) -> None:
    first = get(f"{server.url}/api/audit?lang=da")
    again = get(f"{server.url}/api/audit?lang=da", **{"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.headers["etag"] == first.headers["etag"]
    other = get(f"{server.url}/api/audit?lang=en", **{"if-none-match": first.headers["etag"]})
    assert other.status_code == 200, "another language is another representation"


def test_the_page_summarises_then_links_each_finding_to_its_entity_and_graph(server: LiveServer) -> None:
    response = get(f"{server.url}/audit?lang=da")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    body = AuditReportModel.model_validate(get(f"{server.url}/api/audit?lang=da").json())
    assert f"{body.total} fund: {body.counts.violation} overtrædelser" in page
    first = body.findings[0]
    assert first.slug is not None
    assert f'href="/id/{first.slug}"' in page and f'href="/graph?focus={first.slug}"' in page
    assert get(f"{server.url}/api/entities/{first.slug}").status_code == 200, "the entity link resolves"
    assert_strict_csp_ready(page)


def assert_strict_csp_ready(page: str) -> None:
    """Scripts and styles only from the service's own files: nothing a strict CSP would block."""
    assert "<style" not in page and " style=" not in page, "no inline styles"
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
    assert scripts == [(' src="/audit/audit.js" defer', "")], "one script, from a file"
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == ["/audit/audit.css"]
    assert " on" + "click=" not in page and "javascript:" not in page


def test_the_page_escapes_every_data_string(small_server: tuple[LiveServer, Path]) -> None:
    live, _ = small_server
    for lang in ("da", "en"):
        page = get(f"{live.url}/audit?lang={lang}").text
        assert "<script>" not in page and 'alert("' not in page
        assert f"&lt;script&gt;alert(&quot;{lang}&quot;)&lt;/script&gt; &amp; co" in page


def test_the_audit_follows_the_data_after_a_reload(small_server: tuple[LiveServer, Path]) -> None:
    live, data = small_server
    before = AuditReportModel.model_validate(get(f"{live.url}/api/audit").json())
    assert before.total == 5 and before.counts.violation == 3
    (data / "second.ttl").write_text(
        (AUDIT_DATA / "small.ttl")
        .read_text(encoding="utf-8")
        .replace("region-lilleby", "region-storeby")
        .replace("id:doc-small", "id:doc-second")
        .replace("passage-", "passage-second-")
        .replace("chef-", "second-chef-")
        .replace("post-markup", "second-post")
        .replace("obl-status", "second-obl")
        .replace("aftale-lille", "second-aftale"),
        encoding="utf-8",
    )
    reloaded = httpx.post(
        f"{live.url}/api/reload", headers={"authorization": f"Bearer {UPDATE_TOKEN}"}, timeout=TIMEOUT
    )
    assert reloaded.status_code == 200, reloaded.text
    after = AuditReportModel.model_validate(get(f"{live.url}/api/audit").json())
    assert after.version != before.version and after.total == 2 * before.total
