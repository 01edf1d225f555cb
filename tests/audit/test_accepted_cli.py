"""``govkg audit`` in a pipeline with accepted exceptions and scopes: accept every known violation and the
run passes; one new violation fails it again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from govkg.audit.schema import AuditReportModel
from govkg.cli import main
from tests.audit.conftest import AUDIT_DATA, WAIVERS

PERSON = "https://w3id.org/govkg/id/test-auditor"


def audit(*args: str) -> Result:
    return CliRunner().invoke(
        main, ["audit", "--lang", "en", *args], env={"GOVKG_EXTRA_PATHS": "[]", "GOVKG_ACCEPTED_PATHS": None}
    )


def report(result: Result) -> AuditReportModel:
    return AuditReportModel.model_validate(json.loads(result.stdout))


def accept_every_violation(findings: AuditReportModel, path: Path) -> None:
    """An exceptions file covering each violation (by entity, rule, path and value), accepted by a test person."""
    blocks = [f"<{PERSON}> a <http://xmlns.com/foaf/0.1/Person> ."]
    for n, f in enumerate(x for x in findings.findings if x.severity == "violation"):
        value = f"; sh:value <{f.value}> " if f.value else ""
        blocks.append(
            f"<{PERSON}-exception-{n}> a gov:AcceptedFinding ; sh:focusNode <{f.focus}> ; gov:rule <{f.rule}> {value}; "
            f'gov:reason "Known gap, test."@en ; gov:acceptedBy <{PERSON}> ; '
            'dct:dateAccepted "2026-01-01"^^xsd:date .'
        )
    prefixes = (
        "PREFIX dct: <http://purl.org/dc/terms/>\nPREFIX gov: <https://w3id.org/govkg/ontology#>\n"
        "PREFIX sh: <http://www.w3.org/ns/shacl#>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    )
    path.write_text(prefixes + "\n".join(blocks) + "\n", encoding="utf-8")


def test_fail_on_violation_passes_once_every_violation_is_accepted_and_fails_on_a_new_one(tmp_path: Path) -> None:
    plain = audit("--format", "json")
    assert plain.exit_code == 1 and report(plain).counts.violation > 0
    accepted = tmp_path / "accepted.ttl"
    accept_every_violation(report(plain), accepted)

    passing = audit("--format", "json", "--accepted", str(accepted), "--fail-on", "violation")
    body = report(passing)
    assert passing.exit_code == 0, passing.stderr
    assert body.counts.violation == body.accepted.violation == report(plain).counts.violation, "still shown"
    assert all(f.accepted is not None for f in body.findings if f.severity == "violation")

    new = AUDIT_DATA / "new_violation.ttl"
    failing = audit("--format", "json", "--accepted", str(accepted), "--data", str(new), "--findings", "open")
    opened = [f for f in report(failing).findings if f.severity == "violation"]
    assert failing.exit_code == 1
    assert [(f.slug, f.rule_name) for f in opened] == [("test-new-steering-group", "Body without a mandate")]


def test_the_text_report_marks_accepted_findings_and_counts_them() -> None:
    result = audit("--accepted", str(WAIVERS), "--rule", "AgreementPartyShape", "--as-of", "2026-12-05")
    assert result.exit_code == 1, "the expired exception no longer covers the 2016 proposal"
    # 3 agreements without parties (the 2016 proposal, the meeting summary, and the agreement on a joint
    # pregnancy team that 003 refers to without naming parties) and 1 expired exception
    assert "4 findings: 3 violations, 1 warning, 0 info · 1 accepted" in result.stdout
    assert "[accepted] A meeting summary has no parties. — accepted by Test auditor, 2026-01-15 until 2999-12-31" in (
        result.stdout
    )
    assert "rule=AgreementPartyShape" in result.stdout.splitlines()[0]


def test_as_of_judges_expiry_on_that_day() -> None:
    before = audit("--accepted", str(WAIVERS), "--format", "json", "--as-of", "2020-06-30", "--fail-on", "never")
    expired = [f for f in report(before).findings if f.rule.endswith("AcceptedFindingExpired")]
    assert before.exit_code == 0 and expired == []
    accepted = {f.slug for f in report(before).findings if f.accepted is not None}
    assert accepted == {"forslag-rm-organisering-2016", "opsamling-aarhus-ccc-2025"}


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        pytest.param("--under", "no-such-body", "no entity 'no-such-body'", id="under"),
        pytest.param("--document", "no-such-file.txt", "no document 'no-such-file.txt'", id="document"),
        pytest.param("--scenario", "no-such-scenario", "no scenario 'no-such-scenario'", id="scenario"),
        pytest.param("--rule", "NoSuchShape", "no rule 'NoSuchShape'", id="rule"),
    ],
)
def test_a_scope_that_names_nothing_is_a_usage_error(option: str, value: str, message: str) -> None:
    result = audit(option, value)
    assert result.exit_code == 2 and message in result.stderr
