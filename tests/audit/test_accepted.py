"""Accepted exceptions: a known gap accepted with a reason stays visible but no longer fails the audit;
expired, stale and malformed exceptions are reported themselves, so the list does not rot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SH

from govkg.audit import GSH, audit_graphs, run_audit
from govkg.audit.accepted import EXPIRED_RULE, STALE_RULE, check_shapes, exceptions_for
from govkg.audit.model import AuditReport, Finding
from govkg.audit.scope import Scope
from govkg.audit.triage import scoped
from govkg.config import Settings
from govkg.namespaces import ID
from govkg.store import Store
from tests.audit.conftest import ACCEPTED, seed_with_exceptions

TODAY = date(2026, 12, 5)
ID_ = str(ID)


def waived(store: Store, lang: str = "en", today: date = TODAY) -> AuditReport:
    return scoped(run_audit(store, lang), store, Scope(), today)


def one(report: AuditReport, rule: str, focus: str) -> Finding:
    found = [f for f in report.findings if f.rule == rule and f.focus == focus]
    assert len(found) == 1, f"one {rule} finding on {focus}, found {len(found)}"
    return found[0]


def test_a_waived_finding_is_accepted_with_its_reason_acceptor_and_dates(waived_store: Store) -> None:
    report = waived(waived_store)
    finding = one(report, str(GSH.AgreementPartyShape), ID_ + "opsamling-aarhus-ccc-2025")
    assert finding.accepted is not None and finding.severity == "violation"
    assert finding.accepted.reason == "A meeting summary has no parties."
    assert finding.accepted.accepted_by_label == "Test auditor"
    assert (finding.accepted.accepted_on, finding.accepted.expires) == ("2026-01-15", "2999-12-31")
    danish = one(waived(waived_store, "da"), str(GSH.AgreementPartyShape), ID_ + "opsamling-aarhus-ccc-2025")
    assert danish.accepted is not None and danish.accepted.reason == "Et mødereferat har ingen parter."
    assert danish.accepted.accepted_by_label == "Testrevisor"
    assert sum(report.counts_accepted().values()) == 1


def test_an_expired_exception_covers_nothing_and_is_reported_as_a_warning(waived_store: Store) -> None:
    report = waived(waived_store)
    proposal = one(report, str(GSH.AgreementPartyShape), ID_ + "forslag-rm-organisering-2016")
    assert proposal.accepted is None, "expired on 2020-06-30: the finding counts again"
    notice = one(report, EXPIRED_RULE, ID_ + "accepted-expired")
    assert notice.severity == "warning" and notice.value == ID_ + "forslag-rm-organisering-2016"
    assert "2020-06-30" in notice.message and notice.rule_name == "Accepted exception that has expired"
    assert notice.focus_label.startswith("Proposal for a new organisation")


def test_an_exception_holds_through_its_last_day(settings: Settings, tmp_path: Path) -> None:
    text = (ACCEPTED / "waivers.ttl").read_text(encoding="utf-8").replace("2999-12-31", "2026-12-05")
    (tmp_path / "waivers.ttl").write_text(text, encoding="utf-8")
    store = seed_with_exceptions(settings, tmp_path / "waivers.ttl")
    focus = ID_ + "opsamling-aarhus-ccc-2025"
    assert one(waived(store, today=date(2026, 12, 5)), str(GSH.AgreementPartyShape), focus).accepted is not None
    later = waived(store, today=date(2026, 12, 6))
    assert one(later, str(GSH.AgreementPartyShape), focus).accepted is None
    assert one(later, EXPIRED_RULE, ID_ + "accepted-waived").severity == "warning"


def test_a_stale_exception_is_reported_as_info(waived_store: Store) -> None:
    report = waived(waived_store)
    notice = one(report, STALE_RULE, ID_ + "accepted-stale")
    assert notice.severity == "info" and notice.value == ID_ + "region-midtjylland"
    assert notice.message.startswith("No finding matches this exception")


def test_exceptions_change_nothing_else(seed_store: Store, waived_store: Store) -> None:
    before = run_audit(seed_store)
    after = waived(waived_store)
    plain = [f for f in after.findings if f.rule not in (EXPIRED_RULE, STALE_RULE)]
    assert [(f.focus, f.rule, f.path, f.value) for f in plain] == [
        (f.focus, f.rule, f.path, f.value) for f in before.findings
    ], "the exceptions are not data: the audit itself is the same"
    assert len(after.findings) == len(before.findings) + 2


def test_shapes_accepted_ttl_is_loaded_as_exceptions_not_as_shapes_or_data(
    seed_store: Store, settings: Settings
) -> None:
    kinds = {info.path.name: info.kind for info in seed_store.catalog.values() if info.path is not None}
    assert kinds["accepted.ttl"] == "accepted" and kinds["completeness.ttl"] == "shapes"
    assert settings.accepted_sources() == [settings.shapes_dir / "accepted.ttl"]
    assert exceptions_for(seed_store).items == (), "the documents name no one who accepted a gap"


@pytest.mark.parametrize(
    ("node", "shape"),
    [
        pytest.param("broken-no-reason", "AcceptedReasonShape", id="no-reason"),
        pytest.param("broken-french-reason", "AcceptedReasonShape", id="reason-not-da-or-en"),
        pytest.param("broken-expiry-first", "AcceptedDateShape", id="expires-before-accepted"),
        pytest.param("broken-date", "AcceptedDateShape", id="date-not-xsd-date"),
        pytest.param("broken-acceptor", "AcceptedByShape", id="acceptor-not-person-or-post"),
    ],
)
def test_a_malformed_exception_is_a_violation_and_covers_nothing(
    node: str, shape: str, broken_report: AuditReport
) -> None:
    problems = {f.rule for f in broken_report.findings if f.focus == ID_ + node}
    assert problems == {str(GSH[shape])}
    assert not any(f.accepted for f in broken_report.findings), "no broken exception applies"
    assert broken_report.fails_at("violation")


@pytest.fixture(scope="module")
def broken_report(settings: Settings) -> AuditReport:
    return waived(seed_with_exceptions(settings, ACCEPTED / "broken.ttl"))


def test_the_check_shapes_are_valid_shacl_and_worded_in_both_languages(waived_store: Store) -> None:
    shapes = check_shapes()
    audit_graphs(rdflib.Graph(), shapes, meta_shacl=True)  # raises when SHACL-SHACL rejects them
    for shape in shapes.subjects(SH.targetClass, None):
        for predicate in (SH.name, SH.message):
            langs = sorted(lit.language for lit in shapes.objects(shape, predicate) if isinstance(lit, rdflib.Literal))
            assert langs == ["da", "en"], f"{shape}: {predicate} in da and en"
    assert exceptions_for(waived_store).problems == {"en": [], "da": []}, "the waivers fixture is well-formed"
