"""The audit of the seed data, checked against the documents themselves.

Each expected finding is written down here with the passage of the paper that justifies it, and the
test checks that passage against the seed text (line breaks and end-of-line hyphenation undone).
The second half lists findings the documents would contradict, and checks the audit does not make them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pytest
import rdflib

from govkg.audit import GSH, AuditReport, Finding, Severity, cached_audit
from govkg.config import Settings
from govkg.namespaces import GOV, ID
from govkg.store import Store
from tests.conftest import SEEDS

DMCG, KRAEFT, AARHUS, RM, RHRS = (
    "000_11c072360ca85c81.txt",
    "001_46e8b5131ab1d425.txt",
    "002_290ce6b5839752f9.txt",
    "003_f2e2ef14e37e1c26.txt",
    "004_f4a4dfacb4a3f334.txt",
)
REVISION = (
    "Der vil i løbet af efteråret 2025 pågå et inddragende arbejde med revidering og udarbejdelse af kommissorier "
    "for CCC-Styregruppen, CCC-Forskningsråd, CCC-Forum og CCC-Sekretariatet."
)
SIGNED = (
    "For Region Sjælland For Region Hovedstaden Heino Knudsen Sophie Hæstorp Andersen "
    "Regionsrådsformand Regionsrådsformand"
)
CONTACT_ASKED = "Rammer for etablering af kontaktlister opdelt efter kræftform og behandlingstype med kontaktoplysninger på primærindgangen i hver region"  # noqa: E501


@dataclass(frozen=True)
class Expected:
    """A finding the documents call for: on which entity, by which rule, how bad, and the passage why."""

    slug: str
    rule: str
    severity: Severity
    seed: str
    passage: str
    value: str | None = None
    cited: bool = True  # the passage is among the finding's own sources (not just in the paper)


EXPECTED = [
    *(
        Expected(body, "BodyMandateOpenShape", "warning", AARHUS, REVISION, str(GOV.MandateUnderRevision))
        for body in ("ccc-styregruppe", "ccc-forskningsraad", "ccc-forum", "ccc-sekretariat")
    ),
    Expected(
        "faellessekretariatet",
        "BodyMandateOpenShape",
        "warning",
        RM,
        "Modellen fordrer derfor, at fællessekretariatet sikres et tydeligt mandat og ressourcer.",
        str(GOV.MandateToBeSecured),
    ),
    Expected(
        "temagrupper",
        "BodyMandateOpenShape",
        "warning",
        RM,
        "samt at mandatet for de forskellige grupper kan være uklart",
        str(GOV.MandateUnclear),
    ),
    *(
        Expected(region, "RegionContactPointShape", "warning", KRAEFT, CONTACT_ASKED, cited=False)
        for region in ("region-hovedstaden", "region-sjaelland", "region-midtjylland")
    ),
    Expected(
        "obl-rm-loebende-prioritering",
        "ObligationPartyShape",
        "violation",
        RM,
        "at der løbende sker en prioritering af hvilke indsatser, der skal løftes på det centrale niveau",
    ),
    Expected(
        "obl-rm-psykiatri-hensyn",
        "ObligationPartyShape",
        "violation",
        RM,
        "hvilket der skal tages højde for i den endelige organisering",
    ),
    Expected(
        "sundhedsdirektoerkredsen",
        "BodyMandateShape",
        "violation",
        DMCG,
        "På møde d. 13. juni 2012 i sundhedsdirektørkredsen besluttede kredsen af sundhedsdirektører",
    ),
    Expected(
        "ccc-mdt-arbejdsgruppe",
        "BodyIslandShape",
        "warning",
        AARHUS,
        "Nedsætte en MDT-arbejdsgruppe, som skal:",
        cited=False,
    ),
    Expected(
        "aftale-styrket-samarbejde-kraeft",
        "AgreementDateShape",
        "warning",
        KRAEFT,
        "Regionerne har aftalt konkrete elementer, der indgår i samarbejdsaftalen",
    ),
    Expected(
        "formand-dmcg-dk",
        "PostHolderShape",
        "info",
        DMCG,
        "oftest ske via formanden for DMCG.dk, som repræsentant for DMCG miljøet",
    ),
]


def normalise(text: str) -> str:
    """Lines joined, end-of-line hyphenation undone, whitespace runs as one space."""
    return re.sub(r"\s+", " ", re.sub(r"-[ \t]*\r?\n\s*", "", text)).strip()


@cache
def paper(seed: str) -> str:
    return normalise((SEEDS / seed).read_text(encoding="utf-8"))


def findings_on(report: AuditReport, slug: str, rule: str | None = None) -> list[Finding]:
    return [f for f in report.findings if f.focus == str(ID[slug]) and (rule is None or f.rule == str(GSH[rule]))]


@pytest.fixture(scope="module")
def report(seed_store: Store) -> AuditReport:
    return cached_audit(seed_store, "en")


@pytest.mark.parametrize("expected", EXPECTED, ids=[f"{e.slug}-{e.rule}" for e in EXPECTED])
def test_the_audit_reports_what_the_documents_leave_open(report: AuditReport, expected: Expected) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS}")
    assert expected.passage in paper(expected.seed), "the justifying passage is in the paper"
    found = findings_on(report, expected.slug, expected.rule)
    assert found, f"no {expected.rule} finding on {expected.slug}"
    assert {f.severity for f in found} == {expected.severity}
    if expected.value is not None:
        assert expected.value in {f.value for f in found}
    if expected.cited:
        quotes = [s.quote for f in found for s in f.sources]
        assert any(expected.passage in q or q in expected.passage for q in quotes), quotes
        assert {s.document for f in found for s in f.sources} >= {expected.seed}


def test_the_danish_report_names_the_same_findings_in_danish(seed_store: Store, report: AuditReport) -> None:
    danish = cached_audit(seed_store, "da")
    key = [(f.focus, f.rule, f.path, f.value) for f in report.findings]
    assert sorted(key, key=str) == sorted(((f.focus, f.rule, f.path, f.value) for f in danish.findings), key=str)
    (secretariat,) = findings_on(danish, "faellessekretariatet", "BodyMandateOpenShape")
    assert secretariat.rule_name == "Organ med uklart mandat eller mandat under revision"
    assert secretariat.focus_label == "Fællessekretariatet"


def test_the_seed_data_is_well_formed(report: AuditReport, settings: Settings) -> None:
    integrity = rdflib.Graph().parse(settings.shapes_dir / "integrity.ttl", format="turtle")
    rules = {str(s) for s in integrity.subjects() if str(s).startswith(str(GSH))}
    broken = [(f.rule_name, f.focus_label) for f in report.findings if f.rule in rules]
    assert not broken, "types, labels, provenance, described IRIs and acyclic lines hold across data/"


CONTRADICTED = [
    pytest.param(
        "sundhedsstyregruppen",
        "BodyMandateShape",
        "Sundhedsstyregruppen er det øverste administrative organ i det tværsektorielle sundhedsaftalesamarbejde.",
        RM,
        id="steering-group-mandate-is-stated",
    ),
    pytest.param(
        "regionsraadet-region-hovedstaden",
        "BodyMandateShape",
        "Regionsrådene i Region Hovedstaden (RH) og Region Sjælland (RS) ønsker at styrke det strategiske samarbejde",
        RHRS,
        id="elected-council-mandate-is-law",
    ),
    pytest.param(
        "aftale-rh-rs-visioner-2018",
        "AgreementPartyShape",
        "For Region Sjælland For Region Hovedstaden",
        RHRS,
        id="rh-rs-agreement-names-its-parties",
    ),
    pytest.param("aftale-rh-rs-visioner-2018", "AgreementDateShape", "Den 6. august 2018", RHRS, id="rh-rs-is-dated"),
    pytest.param("aftale-rh-rs-visioner-2018", "AgreementStatusShape", "[UDKAST]", RHRS, id="rh-rs-is-a-draft"),
    pytest.param("opsamling-aarhus-ccc-2025", "AgreementDateShape", "Juni 2025", AARHUS, id="ccc-summary-is-dated"),
    pytest.param(
        "nationale-netvaerk-kraeft",
        "GroupMemberShape",
        "et nationalt netværk bestående af de relevante ledende overlæger",
        KRAEFT,
        id="national-networks-have-members",
    ),
    pytest.param(
        "regionsraadsformand-region-sjaelland",
        "PostHolderShape",
        SIGNED,
        RHRS,
        id="signatory-rs-is-named",
    ),
    pytest.param(
        "regionsraadsformand-region-hovedstaden",
        "PostHolderShape",
        SIGNED,
        RHRS,
        id="signatory-rh-is-named",
    ),
]


@pytest.mark.parametrize(("slug", "rule", "passage", "seed"), CONTRADICTED)
def test_no_finding_the_documents_contradict(
    report: AuditReport, slug: str, rule: str, passage: str, seed: str
) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS}")
    assert passage in paper(seed), "the contradicting passage is in the paper"
    assert any(f.focus == str(ID[slug]) for f in report.findings) or slug, "the entity exists"
    assert not findings_on(report, slug, rule), f"{rule} on {slug} contradicts: {passage}"


def test_no_reporting_cycle_in_the_seed_data(report: AuditReport) -> None:
    assert not [f for f in report.findings if f.rule == str(GSH.ReportingCycleShape)]
