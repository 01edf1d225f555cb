"""The audit's typed results: findings, their sources, and the report that holds them.

Plain data with no pyshacl in sight, so renderers, the API and the org graph can use it cheaply.
:mod:`govkg.audit` re-exports the public names; import from there.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args

import rdflib
from rdflib.namespace import RDF, SH

from govkg.errors import GovkgError

Severity = Literal["violation", "warning", "info"]
BaselineStatus = Literal["new", "unchanged"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
LANGUAGES: tuple[str, ...] = ("en", "da")

SEVERITY_OF_IRI: dict[rdflib.URIRef, Severity] = {
    SH.Violation: "violation",
    SH.Warning: "warning",
    SH.Info: "info",
}
IRI_OF_SEVERITY: dict[Severity, rdflib.URIRef] = {v: k for k, v in SEVERITY_OF_IRI.items()}


class AuditError(GovkgError):
    """The shapes cannot be run: not valid SHACL, or a rule pyshacl or the cycle check cannot evaluate."""

    code = "AUDIT_ERROR"


def severity_of(node: object) -> Severity:
    """The severity a ``sh:resultSeverity``/``sh:severity`` IRI stands for (SHACL's default: violation)."""
    return SEVERITY_OF_IRI.get(node, "violation") if isinstance(node, rdflib.URIRef) else "violation"


def parse_severity(text: str) -> Severity:
    """``violation``, ``warning`` or ``info`` as a :data:`Severity`.

    Raises:
        ValueError: any other text.
    """
    for severity in SEVERITIES:
        if severity == text:
            return severity
    raise ValueError(f"severity must be one of {', '.join(SEVERITIES)}, not {text!r}")


def severity_rank(severity: Severity) -> int:
    """0 for the worst severity (violation), counting up to the mildest (info)."""
    return SEVERITIES.index(severity)


def at_least(severity: Severity, minimum: Severity) -> bool:
    """True when ``severity`` is as bad as ``minimum`` or worse."""
    return severity_rank(severity) <= severity_rank(minimum)


@dataclass(frozen=True)
class SourceRef:
    """A passage a finding rests on, so an auditor can check it against the paper."""

    document: str  # dct:identifier of the source document (the seed file's name)
    title: str
    quote: str


@dataclass(frozen=True)
class Acceptance:
    """Why a finding is accepted as a known gap: the ``gov:AcceptedFinding`` that covers it."""

    exception: str  # IRI (or blank node id) of the gov:AcceptedFinding
    reason: str  # in the report's language where the exception has it
    accepted_by: str  # IRI of the person or post
    accepted_by_label: str
    accepted_on: str  # ISO date
    expires: str | None  # ISO date, the last day it holds


@dataclass(frozen=True)
class Finding:
    """One gap or defect: which entity, which rule, how bad, why, and where the documents say so."""

    focus: str
    focus_label: str
    rule: str  # shape IRI
    rule_name: str
    constraint: str  # e.g. sh:MinCountConstraintComponent
    severity: Severity
    message: str
    path: str | None
    value: str | None
    sources: tuple[SourceRef, ...] = field(default=())
    accepted: Acceptance | None = None  # set by govkg.audit.accepted when an exception covers the finding
    baseline: BaselineStatus | None = None  # set by govkg.audit.baseline: new or unchanged since a baseline


@dataclass(frozen=True)
class Since:
    """The baseline a report was compared with: its dataset version and its findings that are gone."""

    version: str
    resolved: tuple[Finding, ...] = ()


class DeferredGraph(rdflib.Graph):
    """An rdflib graph that ``build`` makes the first time anything uses it (then it is that graph).

    A report graph has about ten triples per finding, and rdflib's store spends ~5 µs on each: with
    hundreds of thousands of findings, building it cost more than the audit. Most readers of a
    report (JSON, HTML, CSV) never look at it; the Turtle report and the tests do, and get it whole.
    Building happens once, under a lock, so threads sharing a cached report see one graph.
    """

    def __init__(self, build: Callable[[], rdflib.Graph]) -> None:
        super().__init__()
        self.__dict__["_build"] = build
        self.__dict__["_build_lock"] = threading.Lock()

    def __getattribute__(self, name: str) -> Any:
        state = object.__getattribute__(self, "__dict__")
        if state.get("_build") is not None and name not in ("__dict__", "__class__"):
            with state["_build_lock"]:
                build = state["_build"]
                if build is not None:
                    built = build()
                    state.update(built.__dict__)  # its store, identifier and namespaces: this graph is it
                    state["_build"] = None
        return object.__getattribute__(self, name)


@dataclass
class AuditReport:
    """Every finding of one audit run over one dataset version, in one language.

    ``conforms`` follows SHACL: true only when there is no finding at all, whatever its severity.
    ``report_graph`` is the ``sh:ValidationReport`` (pyshacl's, plus the reporting-cycle results).
    """

    findings: list[Finding]
    conforms: bool
    version: str
    report_graph: rdflib.Graph
    lang: str
    engines: dict[str, str] = field(default_factory=dict)  # rule (shape IRI) -> engine that ran it
    since: Since | None = None  # the baseline the findings are marked against, if any

    def counts_by_severity(self) -> dict[Severity, int]:
        """How many findings of each severity (every severity present, worst first)."""
        counts = Counter(f.severity for f in self.findings)
        return {severity: counts.get(severity, 0) for severity in SEVERITIES}

    def counts_by_rule(self) -> dict[str, int]:
        """How many findings each rule (shape IRI) produced, most first."""
        return dict(Counter(f.rule for f in self.findings).most_common())

    def worst(self) -> Severity | None:
        """The worst severity among the findings, or None when there are none."""
        return min((f.severity for f in self.findings), key=severity_rank, default=None)

    def has_at_least(self, minimum: Severity) -> bool:
        """True when some finding is as bad as ``minimum`` or worse."""
        return any(at_least(f.severity, minimum) for f in self.findings)

    def counts_accepted(self) -> dict[Severity, int]:
        """How many findings of each severity are accepted exceptions (every severity present)."""
        counts = Counter(f.severity for f in self.findings if f.accepted is not None)
        return {severity: counts.get(severity, 0) for severity in SEVERITIES}

    def fails_on_new(self, minimum: Severity) -> bool:
        """True when an open finding that is new since the baseline is as bad as ``minimum`` or worse."""
        return any(f.accepted is None and f.baseline == "new" and at_least(f.severity, minimum) for f in self.findings)

    def fails_at(self, minimum: Severity) -> bool:
        """True when some finding not accepted as an exception is as bad as ``minimum`` or worse."""
        return any(f.accepted is None and at_least(f.severity, minimum) for f in self.findings)

    def filtered(self, min_severity: Severity) -> AuditReport:
        """The findings at ``min_severity`` or worse; the report graph is cut down to match."""
        if min_severity == "info":
            return self
        return replace(
            self,
            findings=[f for f in self.findings if at_least(f.severity, min_severity)],
            report_graph=DeferredGraph(lambda: _filtered_graph(self.report_graph, min_severity)),
        )


def _filtered_graph(graph: rdflib.Graph, min_severity: Severity) -> rdflib.Graph:
    """A copy of a validation report keeping only results at ``min_severity`` or worse."""
    dropped = {
        result
        for result, severity in graph.subject_objects(SH.resultSeverity)
        if not at_least(severity_of(severity), min_severity)
    }
    return report_without(graph, dropped)


def report_without(graph: rdflib.Graph, dropped: set[rdflib.term.Node]) -> rdflib.Graph:
    """A copy of a validation report (prefixes included) without the ``dropped`` results."""
    kept = rdflib.Graph()
    for prefix, namespace in graph.namespaces():
        kept.bind(prefix, namespace, override=True)
    for report in graph.subjects(RDF.type, SH.ValidationReport):
        for triple in graph.triples((report, None, None)):
            if triple[2] not in dropped:
                kept.add(triple)
                if isinstance(triple[2], rdflib.BNode):  # a result, or which engine ran a rule
                    _copy_description(graph, triple[2], kept)
    return kept


def _copy_description(source: rdflib.Graph, node: rdflib.term.Node, target: rdflib.Graph) -> None:
    """Copy a node's triples and, recursively, those of the blank nodes it points to."""
    stack = [node]
    seen: set[rdflib.term.Node] = set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for triple in source.triples((current, None, None)):
            target.add(triple)
            if isinstance(triple[2], rdflib.BNode):
                stack.append(triple[2])


def sort_key(finding: Finding) -> tuple[int, str, str, str, str, str, str, str]:
    """Worst first, then by rule name, entity name, IRI, path, value (the order the audit reports in)."""
    return (
        severity_rank(finding.severity),
        finding.rule_name.casefold(),
        finding.focus_label.casefold(),
        finding.focus,
        finding.path or "",
        finding.value or "",
        finding.constraint,
        finding.message,
    )


def severities_by_focus(report: AuditReport) -> dict[str, Severity]:
    """The worst severity found for each focus IRI (for marking nodes in the org graph)."""
    worst: dict[str, Severity] = {}
    for finding in report.findings:
        current = worst.get(finding.focus)
        if current is None or severity_rank(finding.severity) < severity_rank(current):
            worst[finding.focus] = finding.severity
    return worst
