"""An audit against a baseline report: a planted new gap is new, a fixed one resolved, the rest unchanged.

The same story three ways: the core, ``govkg audit --baseline`` gating a pipeline, and ``/api/audit``
(``since=`` a version the service audited before, or POST a saved report).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from govkg.audit import run_audit
from govkg.audit.baseline import BaselineError, against_baseline, read_baseline
from govkg.audit.render import render_json
from govkg.cli import main
from govkg.config import Settings
from govkg.store import Store
from tests.audit.conftest import AUDIT_DATA, store_with

SMALL = AUDIT_DATA / "small.ttl"
PREFIXES = """
PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX id: <https://w3id.org/govkg/id/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
FIX = "id:obl-status gov:obligedParty id:region-lilleby ."  # the obligation gets its responsible party
GAP = """id:nyt-udvalg a gov:Committee ; gov:standing gov:Established ;
    skos:prefLabel "Nyt udvalg"@da, "New committee"@en ; prov:wasDerivedFrom id:passage-region ."""


def _write(tmp_path: Path, name: str, *statements: str) -> Path:
    path = tmp_path / name
    path.write_text(PREFIXES + "\n".join(statements) + "\n", encoding="utf-8")
    return path


def _names(findings: object) -> set[tuple[str, str]]:
    return {(f.focus.rsplit("/", 1)[1], f.rule.rsplit("#", 1)[1]) for f in findings}  # type: ignore[attr-defined]


@pytest.fixture()
def baseline_json(settings: Settings) -> str:
    return render_json(run_audit(store_with(settings, SMALL), "en"))


def test_a_planted_gap_is_new_and_a_fixed_one_resolved(settings: Settings, baseline_json: str, tmp_path: Path) -> None:
    change = _write(tmp_path, "change.ttl", FIX, GAP)
    report = against_baseline(run_audit(store_with(settings, SMALL, change), "da"), read_baseline(baseline_json))
    new = [f for f in report.findings if f.baseline == "new"]
    assert ("nyt-udvalg", "BodyMandateShape") in _names(new)
    assert {focus for focus, _ in _names(new)} == {"nyt-udvalg"}
    assert report.since is not None
    assert _names(report.since.resolved) == {("obl-status", "ObligationPartyShape")}
    assert all(f.baseline == "unchanged" for f in report.findings if f not in new)
    assert report.fails_on_new("violation")


def test_the_same_data_in_another_language_has_nothing_new(settings: Settings, baseline_json: str) -> None:
    report = against_baseline(run_audit(store_with(settings, SMALL), "da"), read_baseline(baseline_json))
    assert {f.baseline for f in report.findings} == {"unchanged"}
    assert report.since is not None and report.since.resolved == ()
    assert not report.fails_on_new("info")


@pytest.mark.parametrize(
    ("text", "reason"),
    [("not json", ": Expecting value"), ('{"findings": []}', " at version: Field required")],
)
def test_a_file_that_is_no_report_is_refused_by_name(text: str, reason: str) -> None:
    with pytest.raises(BaselineError, match=f"audit.json is not a govkg JSON audit report{reason}"):
        read_baseline(text, "audit.json")


def test_a_baseline_cut_to_violations_is_refused(settings: Settings) -> None:
    report = run_audit(store_with(settings, SMALL), "en").filtered("violation")
    with pytest.raises(BaselineError, match="save it with --severity info"):
        read_baseline(render_json(report, "violation"), "cut.json")


def _audit(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["audit", "--lang", "en", "--data", str(SMALL), *args])
    return result.exit_code, result.output


def test_a_pipeline_fails_only_on_gaps_new_since_sign_off(tmp_path: Path) -> None:
    saved = tmp_path / "audit.json"
    assert _audit("--format", "json", "-o", str(saved), "--fail-on", "never")[0] == 0
    fixed = _write(tmp_path, "fixed.ttl", FIX)
    code, text = _audit("--data", str(fixed), "--baseline", str(saved), "--fail-on-new", "violation")
    assert code == 0, text  # violations remain, but none is new
    assert "0 new" in text and "1 resolved" in text
    assert "Resolved since the baseline:\n- Ongoing status (id:obl-status): Obligation without an obliged party" in text
    gap = _write(tmp_path, "gap.ttl", GAP)
    code, text = _audit("--data", str(gap), "--baseline", str(saved), "--fail-on-new", "violation")
    assert code == 1
    assert "- [new] New committee (id:nyt-udvalg)" in text
    marked = json.loads(_audit("--data", str(gap), "--baseline", str(saved), "--format", "json")[1])
    assert marked["since"]["new"] == len([f for f in marked["findings"] if f["baseline"] == "new"]) > 0


def test_the_command_says_what_is_wrong_with_a_baseline(tmp_path: Path) -> None:
    assert _audit("--fail-on-new", "violation") == (
        2,
        "error: --fail-on-new needs --baseline (a JSON report saved earlier)\n",
    )
    code, text = _audit("--baseline", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read" in text
    saved = tmp_path / "audit.json"
    _audit("--format", "json", "-o", str(saved), "--fail-on", "never")
    code, text = _audit("--baseline", str(saved), "--rule", "BodyMandateShape")
    assert code == 2 and "the baseline covers another part of the audit (all of it): use the same scope" in text


@pytest.fixture()
def changing(settings: Settings) -> tuple[Store, TestClient]:
    store = store_with(settings, SMALL)
    return store, TestClient(create_app(settings, store=store))


def _insert(store: Store, *statements: str) -> None:
    store.update(
        PREFIXES + "INSERT DATA { GRAPH <https://w3id.org/govkg/id/graph/small> { " + " ".join(statements) + " } }"
    )


def test_the_service_compares_with_a_version_it_audited_before(changing: tuple[Store, TestClient]) -> None:
    store, client = changing
    before = client.get("/api/audit").json()
    _insert(store, FIX, GAP)
    after = client.get("/api/audit", params={"since": before["version"], "lang": "da"})
    assert after.status_code == 200
    body = after.json()
    assert body["version"] != before["version"] and body["since"]["version"] == before["version"]
    assert {f["slug"] for f in body["findings"] if f["baseline"] == "new"} == {"nyt-udvalg"}
    assert [(f["slug"], f["rule"].rsplit("#", 1)[1]) for f in body["since"]["resolved"]] == [
        ("obl-status", "ObligationPartyShape")
    ]
    unknown = client.get("/api/audit", params={"since": "nope-1"})
    assert unknown.status_code == 404 and "POST a saved JSON report" in unknown.json()["message"]
    other_scope = client.get("/api/audit", params={"since": before["version"], "rule": "BodyMandateShape"})
    assert other_scope.status_code == 404


def test_a_saved_report_can_be_posted_as_the_baseline(changing: tuple[Store, TestClient]) -> None:
    store, client = changing
    saved = client.get("/api/audit").json()
    _insert(store, GAP)
    marked = client.post("/api/audit", json=saved, params={"severity": "violation"})
    assert marked.status_code == 200
    assert [f["slug"] for f in marked.json()["findings"] if f["baseline"] == "new"] == ["nyt-udvalg"]
    assert marked.json()["since"]["resolved"] == []
    scoped = client.post("/api/audit", json=saved, params={"rule": "BodyMandateShape"})
    assert scoped.status_code == 422 and scoped.json()["error"] == "INVALID_BASELINE"
    cut = client.get("/api/audit", params={"severity": "warning"}).json()
    assert client.post("/api/audit", json=cut).status_code == 422
    assert client.post("/api/audit", json={"findings": []}).status_code == 422
