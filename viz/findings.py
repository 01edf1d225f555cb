"""Audit findings as the org graph shows them: the worst severity per node and each finding in da and en.

The audit itself runs in :mod:`govkg.audit`; this module only turns its reports into the small, plain
summaries the projection attaches to nodes (the red border and the side panel's list).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from govkg.audit import AuditReport, Finding, cached_audit, severities_by_focus
from govkg.store import Store
from viz.kinds import SEVERITY_RANK, severity_key

Overlay = tuple[dict[str, str], dict[str, list["NodeFinding"]]]


@dataclass(frozen=True)
class NodeFinding:
    """One audit finding on a node: severity (violation, warning, info), rule and message in both languages."""

    severity: str
    rule_da: str
    rule_en: str
    message_da: str
    message_en: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def worst(severities: Iterable[object]) -> str | None:
    """The most serious of some severities (``violation`` > ``warning`` > ``info``), or None."""
    keys = [severity_key(s) for s in severities if s is not None]
    return max(keys, key=lambda k: SEVERITY_RANK.get(k, 0)) if keys else None


def _key(finding: Finding) -> tuple[str, str, str, str | None, str | None]:
    """What identifies a finding whatever the language: entity, shape, constraint, path and value."""
    return finding.focus, finding.rule, finding.constraint, finding.path, finding.value


def overlay(report_da: AuditReport, report_en: AuditReport | None = None) -> Overlay:
    """Severities and findings per focus IRI from one audit run reported in Danish and in English.

    Without an English report (or where a finding has no English twin) the Danish text stands in.
    """
    english: dict[tuple[str, str, str, str | None, str | None], list[Finding]] = {}
    for finding in report_en.findings if report_en is not None else ():
        english.setdefault(_key(finding), []).append(finding)
    by_node: dict[str, list[NodeFinding]] = {}
    for finding in report_da.findings:
        twins = english.get(_key(finding))
        twin = twins.pop(0) if twins else finding
        by_node.setdefault(finding.focus, []).append(
            NodeFinding(
                severity=severity_key(finding.severity),
                rule_da=finding.rule_name,
                rule_en=twin.rule_name,
                message_da=finding.message,
                message_en=twin.message,
            )
        )
    return {focus: str(severity) for focus, severity in severities_by_focus(report_da).items()}, by_node


def audit_overlay(store: Store) -> Overlay:
    """The store's cached audit (one validation per dataset version) as an overlay for the graph."""
    return overlay(cached_audit(store, "da"), cached_audit(store, "en"))
