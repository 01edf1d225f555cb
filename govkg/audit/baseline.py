"""An audit against a baseline: which findings are new since a report signed off earlier, and which are resolved.

The baseline is a JSON report saved before (``govkg audit --format json -o audit.json``, or
``/api/audit``). A finding is the same finding when its entity, rule, constraint, path and value
are: its wording, language and severity may change without making it new. A pipeline can then
fail only on gaps introduced since sign-off.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from pydantic import ValidationError

from govkg.audit.model import AuditError, AuditReport, Finding, Severity, at_least
from govkg.audit.schema import AuditReportModel, FindingModel

Status = Literal["new", "unchanged"]
FindingKey = tuple[str, str, str, str | None, str | None]


def key_of(finding: Finding | FindingModel) -> FindingKey:
    """What makes two findings the same finding across runs."""
    return (finding.focus, finding.rule, finding.constraint, finding.path, finding.value)


@dataclass(frozen=True)
class Baseline:
    """The findings of a report signed off earlier, by key."""

    version: str
    findings: dict[FindingKey, FindingModel]


def read_baseline(text: str | bytes, source: str = "baseline") -> Baseline:
    """A baseline from a saved JSON report.

    Raises:
        AuditError: the text is not a govkg JSON audit report (the message names ``source``).
    """
    try:
        model = AuditReportModel.model_validate(json.loads(text))
    except (ValueError, ValidationError) as exc:
        first = exc.errors()[0] if isinstance(exc, ValidationError) else None
        where = f" at {'.'.join(str(p) for p in first['loc'])}: {first['msg']}" if first else f": {exc}"
        raise AuditError(f"{source} is not a govkg JSON audit report{where}") from None
    if model.min_severity != "info":
        raise AuditError(f"{source} holds only findings at {model.min_severity} or worse: save it with --severity info")
    return Baseline(model.version, {key_of(f): f for f in model.findings})


@dataclass(frozen=True)
class BaselineComparison:
    """Each current finding marked new or unchanged, and the baseline's findings that are gone."""

    since: str
    status: dict[FindingKey, Status]
    resolved: list[FindingModel]

    def of(self, finding: Finding) -> Status:
        return self.status.get(key_of(finding), "new")

    def new(self, report: AuditReport) -> list[Finding]:
        return [f for f in report.findings if self.of(f) == "new"]

    def counts(self) -> dict[str, int]:
        statuses = list(self.status.values())
        return {"new": statuses.count("new"), "unchanged": statuses.count("unchanged"), "resolved": len(self.resolved)}

    def has_new_at_least(self, report: AuditReport, minimum: Severity) -> bool:
        """True when a finding new since the baseline is as bad as ``minimum`` or worse."""
        return any(at_least(f.severity, minimum) for f in self.new(report))


def against_baseline(report: AuditReport, baseline: Baseline) -> BaselineComparison:
    """Mark the report's findings against the baseline (the report must hold every severity)."""
    current = {key_of(f) for f in report.findings}
    status: dict[FindingKey, Status] = {k: "unchanged" if k in baseline.findings else "new" for k in current}
    resolved = [f for k, f in baseline.findings.items() if k not in current]
    return BaselineComparison(baseline.version, status, resolved)
