"""The audit report as JSON: one documented schema for ``GET /api/audit`` and ``govkg audit --format json``.

Pydantic models, so the API can publish the schema in OpenAPI and clients can validate against it.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from govkg.audit.describe import slug
from govkg.audit.model import AuditReport, BaselineStatus, Finding, Severity, severity_rank

if TYPE_CHECKING:
    from govkg.audit.triage import Filters


class SourceModel(BaseModel):
    """A passage the finding rests on."""

    document: str = Field(description="The source document's identifier: the seed file's name")
    title: str = Field(description="The source document's title")
    quote: str = Field(description="The passage, verbatim, in Danish")


class AcceptanceModel(BaseModel):
    """The accepted exception (``gov:AcceptedFinding``) that covers a finding."""

    exception: str = Field(description="IRI of the gov:AcceptedFinding")
    reason: str = Field(description="Why it is accepted, in the report's language where given")
    accepted_by: str = Field(description="IRI of the person or post who accepted it")
    accepted_by_label: str = Field(description="Their name in the report's language")
    accepted_on: str = Field(description="Date of acceptance (ISO 8601)")
    expires: str | None = Field(description="Last day the acceptance holds (ISO 8601), if it expires")


class FindingModel(BaseModel):
    """One gap or defect in the graph."""

    focus: str = Field(description="IRI of the entity the finding is about")
    focus_label: str = Field(description="The entity's name in the report's language")
    slug: str | None = Field(description="The entity's slug (IRI after …/id/), for /api/entities/{slug}")
    rule: str = Field(description="IRI of the rule (SHACL shape) that produced the finding")
    rule_name: str = Field(description="The rule's name in the report's language")
    constraint: str = Field(description="The SHACL constraint component, e.g. sh:MinCountConstraintComponent")
    severity: Severity
    message: str = Field(description="What is wrong, in the report's language")
    path: str | None = Field(description="The property path checked, in SPARQL syntax, where there is one")
    value: str | None = Field(description="The offending value (IRI or literal), where there is one")
    sources: list[SourceModel] = Field(description="The entity's passages in the source documents")
    accepted: AcceptanceModel | None = Field(
        default=None, description="The accepted exception covering it; accepted findings never fail the audit"
    )
    baseline: BaselineStatus | None = Field(
        default=None, description="Against a baseline report: new since it, or unchanged (null without a baseline)"
    )


class SeverityCounts(BaseModel):
    """How many findings of each severity."""

    violation: int
    warning: int
    info: int


class RuleSummary(BaseModel):
    """How many findings one rule produced."""

    rule: str
    rule_name: str
    severity: Severity
    count: int


class ScopeModel(BaseModel):
    """The part of the audit included (null: no limit on that side)."""

    under: str | None = Field(default=None, description="Slug of the entity whose subtree is included")
    document: str | None = Field(default=None, description="The document whose entities are included")
    scenario: str | None = Field(default=None, description="The scenario whose entities are included")
    rule: str | None = Field(default=None, description="The rule included")
    findings: Literal["all", "open", "accepted"] = Field(default="all", description="Open, accepted or all")


class SinceModel(BaseModel):
    """The baseline the findings are marked against, and its findings that are gone now."""

    version: str = Field(description="The dataset version of the baseline report")
    new: int = Field(description="Findings included that the baseline did not have")
    unchanged: int = Field(description="Findings included that the baseline had too")
    resolved: list[FindingModel] = Field(description="The baseline's findings that this audit no longer finds")


class AuditReportModel(BaseModel):
    """An audit of one dataset version: counts, then every finding, worst first.

    Counts and findings cover the findings at ``min_severity`` or worse; ``conforms`` is about the
    whole dataset (true only when there is no finding of any severity).
    """

    version: str = Field(description="The dataset version audited (the ETag without quotes)")
    lang: Literal["da", "en"]
    min_severity: Severity = Field(description="The mildest severity included")
    conforms: bool
    total: int = Field(description="Number of findings included")
    counts: SeverityCounts
    accepted: SeverityCounts = Field(description="Of the findings counted, those covered by an accepted exception")
    scope: ScopeModel = Field(default_factory=ScopeModel, description="The part of the audit included")
    rules: list[RuleSummary] = Field(description="Findings per rule, worst severity first, then most findings")
    findings: list[FindingModel]
    since: SinceModel | None = Field(default=None, description="Against a baseline report (--baseline, ?since=)")
    engines: dict[str, str] = Field(
        default_factory=dict,
        description="Which engine ran each rule (rule IRI: sparql, pyshacl or networkx), findings or not",
    )


def finding_model(finding: Finding) -> FindingModel:
    """One finding in its JSON form."""
    return FindingModel(
        focus=finding.focus,
        focus_label=finding.focus_label,
        slug=slug(finding.focus),
        rule=finding.rule,
        rule_name=finding.rule_name,
        constraint=finding.constraint,
        severity=finding.severity,
        message=finding.message,
        path=finding.path,
        value=finding.value,
        sources=[SourceModel(document=s.document, title=s.title, quote=s.quote) for s in finding.sources],
        accepted=AcceptanceModel(**asdict(finding.accepted)) if finding.accepted is not None else None,
        baseline=finding.baseline,
    )


def rule_summaries(report: AuditReport) -> list[RuleSummary]:
    """One line per rule: its name, severity and count, worst severity first, then most findings."""
    first: dict[str, Finding] = {}
    for finding in report.findings:
        first.setdefault(finding.rule, finding)
    counts = report.counts_by_rule()
    summaries = [
        RuleSummary(rule=rule, rule_name=f.rule_name, severity=f.severity, count=counts[rule])
        for rule, f in first.items()
    ]
    return sorted(summaries, key=lambda s: (severity_rank(s.severity), -s.count, s.rule_name))


def report_model(
    report: AuditReport, min_severity: Severity = "info", filters: Filters | None = None
) -> AuditReportModel:
    """The report (already filtered to ``min_severity``, or to ``filters``) in its JSON form."""
    lang: Literal["da", "en"] = "da" if report.lang == "da" else "en"
    if filters is not None:
        min_severity = filters.severity
    scope = ScopeModel(**asdict(filters.scope), findings=filters.accepted) if filters else ScopeModel()
    return AuditReportModel(
        version=report.version.strip('"'),
        lang=lang,
        min_severity=min_severity,
        conforms=report.conforms,
        total=len(report.findings),
        counts=SeverityCounts(**report.counts_by_severity()),
        accepted=SeverityCounts(**report.counts_accepted()),
        scope=scope,
        rules=rule_summaries(report),
        findings=[finding_model(f) for f in report.findings],
        since=_since(report),
        engines=dict(sorted(report.engines.items())),
    )


def _since(report: AuditReport) -> SinceModel | None:
    if report.since is None:
        return None
    statuses = [f.baseline for f in report.findings]
    return SinceModel(
        version=report.since.version,
        new=statuses.count("new"),
        unchanged=statuses.count("unchanged"),
        resolved=[finding_model(f) for f in report.since.resolved],
    )
