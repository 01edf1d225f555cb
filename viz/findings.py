"""Audit findings as the org graph shows them: the worst severity per node and each finding in da and en.

The audit itself (``govkg.audit``) runs elsewhere; this module only turns its report into the small,
plain summaries the projection attaches to nodes. :func:`audit_overlay` runs the cached audit of a store
when the audit module is installed, and draws no gap markers when it is not.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from viz.kinds import SEVERITY_RANK, severity_key


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


class _Finding(Protocol):
    focus: Any
    rule_name: Any
    severity: Any
    message: Any


def worst(severities: Iterable[object]) -> str | None:
    """The most serious of some severities (``violation`` > ``warning`` > ``info``), or None."""
    keys = [severity_key(s) for s in severities if s is not None]
    return max(keys, key=lambda k: SEVERITY_RANK.get(k, 0)) if keys else None


def overlay(report_da: Any, report_en: Any | None = None) -> tuple[dict[str, str], dict[str, list[NodeFinding]]]:
    """Severities and findings per focus IRI from an audit report in Danish (and one in English).

    The two reports come from the same run in two languages, so findings on a node pair up in order;
    without an English report the Danish text stands in for both.
    """
    english: dict[str, list[_Finding]] = {}
    for finding in getattr(report_en, "findings", None) or ():
        english.setdefault(str(finding.focus), []).append(finding)
    by_node: dict[str, list[NodeFinding]] = {}
    for finding in report_da.findings:
        twins = english.get(str(finding.focus))
        twin = twins.pop(0) if twins else finding
        by_node.setdefault(str(finding.focus), []).append(
            NodeFinding(
                severity=severity_key(finding.severity),
                rule_da=str(finding.rule_name),
                rule_en=str(twin.rule_name),
                message_da=str(finding.message),
                message_en=str(twin.message),
            )
        )
    severities = {node: worst(f.severity for f in found) or "info" for node, found in by_node.items()}
    return severities, by_node


def audit_overlay(store: Any) -> tuple[Mapping[str, str], Mapping[str, list[NodeFinding]]]:
    """Run (or reuse) the store's cached audit in both languages; nothing when the audit is not installed."""
    try:
        audit = importlib.import_module("govkg.audit")
    except ModuleNotFoundError:
        return {}, {}
    return overlay(audit.cached_audit(store, "da"), audit.cached_audit(store, "en"))
