"""An audit against a baseline report: a planted new gap is new, a fixed one resolved, the rest unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from govkg.audit import AuditError, run_audit
from govkg.audit.baseline import against_baseline, read_baseline
from govkg.audit.render import render_json
from govkg.config import Settings
from tests.audit.conftest import AUDIT_DATA, store_with

CHANGE = """
PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX id: <https://w3id.org/govkg/id/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

id:obl-status gov:obligedParty id:region-lilleby .

id:nyt-udvalg a gov:Committee ;
    skos:prefLabel "Nyt udvalg"@da, "New committee"@en ;
    prov:wasDerivedFrom id:passage-region .
"""


@pytest.fixture()
def baseline_json(settings: Settings) -> str:
    return render_json(run_audit(store_with(settings, AUDIT_DATA / "small.ttl"), "en"))


def test_a_planted_gap_is_new_and_a_fixed_one_resolved(settings: Settings, baseline_json: str, tmp_path: Path) -> None:
    change = tmp_path / "change.ttl"
    change.write_text(CHANGE, encoding="utf-8")
    report = run_audit(store_with(settings, AUDIT_DATA / "small.ttl", change), "da")
    marked = against_baseline(report, read_baseline(baseline_json))
    new = {(f.focus.rsplit("/", 1)[1], f.rule.rsplit("#", 1)[1]) for f in marked.new(report)}
    assert ("nyt-udvalg", "BodyMandateShape") in new
    assert {focus for focus, _ in new} == {"nyt-udvalg"}
    resolved = {(f.focus.rsplit("/", 1)[1], f.rule.rsplit("#", 1)[1]) for f in marked.resolved}
    assert resolved == {("obl-status", "ObligationPartyShape")}
    assert marked.counts()["unchanged"] == len(report.findings) - len(new)
    assert marked.has_new_at_least(report, "violation")


def test_the_same_data_in_another_language_has_nothing_new(settings: Settings, baseline_json: str) -> None:
    report = run_audit(store_with(settings, AUDIT_DATA / "small.ttl"), "da")
    marked = against_baseline(report, read_baseline(baseline_json))
    assert marked.counts() == {"new": 0, "unchanged": len(report.findings), "resolved": 0}
    assert not marked.has_new_at_least(report, "info")


@pytest.mark.parametrize(
    ("text", "reason"),
    [("not json", ": Expecting value"), ('{"findings": []}', " at version: Field required")],
)
def test_a_file_that_is_no_report_is_refused_by_name(text: str, reason: str) -> None:
    with pytest.raises(AuditError, match=f"audit.json is not a govkg JSON audit report{reason}"):
        read_baseline(text, "audit.json")


def test_a_baseline_cut_to_violations_is_refused(settings: Settings) -> None:
    report = run_audit(store_with(settings, AUDIT_DATA / "small.ttl"), "en").filtered("violation")
    with pytest.raises(AuditError, match="save it with --severity info"):
        read_baseline(render_json(report, "violation"), "cut.json")
