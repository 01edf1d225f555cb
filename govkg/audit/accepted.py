"""Accepted exceptions (``gov:AcceptedFinding``): known gaps that stay visible but no longer fail the audit.

The exceptions live in graphs of kind ``accepted`` (``shapes/accepted.ttl`` or ``govkg audit --accepted``),
never among the data the shapes validate. :func:`exceptions_for` reads and checks them once per dataset
version, against the shapes in ``accepted_shapes.ttl`` beside this module; :func:`apply_accepted` marks the
findings they cover and reports the exceptions that are broken, expired or stale. Both work on findings
alone, whichever engine produced them.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import rdflib
from rdflib.namespace import DCTERMS, RDF, SH, SKOS
from rdflib.term import Node

from govkg.audit.describe import GSH, compact, path_text, pick_text, slug
from govkg.audit.i18n import words
from govkg.audit.model import LANGUAGES, Acceptance, AuditReport, Finding, Severity, sort_key
from govkg.audit.validate import audit_graphs
from govkg.loading import parse_turtle
from govkg.namespaces import GOV
from govkg.store import Store
from govkg.store.rdflib_view import from_rdflib, to_rdflib, to_rdflib_graph

ACCEPTED_KINDS = frozenset({"accepted"})
CHECK_SHAPES = Path(__file__).with_name("accepted_shapes.ttl")
EXPIRED_RULE = str(GSH.AcceptedFindingExpired)
STALE_RULE = str(GSH.AcceptedFindingStale)


@dataclass(frozen=True)
class AcceptedException:
    """One ``gov:AcceptedFinding`` as read from its graph (any part may be missing until checked)."""

    node: str
    focus: str | None
    rule: str | None
    path: str | None
    value: str | None
    reasons: tuple[rdflib.Literal, ...]
    accepted_by: str | None
    accepted_on: date | None
    expires: date | None

    def covers(self, finding: Finding) -> bool:
        """True when the finding is the one this exception names (path and value only where given)."""
        return (
            self.focus == finding.focus
            and self.rule == finding.rule
            and (self.path is None or self.path == finding.path)
            and (self.value is None or self.value == finding.value)
        )

    def expired(self, today: date) -> bool:
        """True once ``today`` is after the last day the exception holds."""
        return self.expires is not None and today > self.expires


@dataclass(frozen=True)
class Exceptions:
    """The exceptions of one dataset version, what their check found (per language) and names for people."""

    items: tuple[AcceptedException, ...]
    problems: dict[str, list[Finding]]
    broken: frozenset[str]
    labels: dict[str, dict[str, str]]  # lang -> IRI -> name


def _date(value: Node | None) -> date | None:
    if isinstance(value, rdflib.Literal) and isinstance(value.value, date):
        return value.value
    return None


def _text(value: Node | None) -> str | None:
    return None if value is None else str(value)


def read_exceptions(graph: rdflib.Graph) -> list[AcceptedException]:
    """Every ``gov:AcceptedFinding`` in the graph, in a stable order."""
    found = []
    for node in sorted(set(graph.subjects(RDF.type, GOV.AcceptedFinding)), key=str):
        path = graph.value(node, SH.resultPath)
        found.append(
            AcceptedException(
                node=str(node),
                focus=_text(graph.value(node, SH.focusNode)),
                rule=_text(graph.value(node, GOV.rule)),
                path=path_text(graph, path) if path is not None else None,
                value=_text(graph.value(node, SH.value)),
                reasons=tuple(o for o in graph.objects(node, GOV.reason) if isinstance(o, rdflib.Literal)),
                accepted_by=_text(graph.value(node, GOV.acceptedBy)),
                accepted_on=_date(graph.value(node, DCTERMS.dateAccepted)),
                expires=_date(graph.value(node, GOV.expires)),
            )
        )
    return found


def check_shapes() -> rdflib.Graph:
    """The shapes an exceptions file must conform to."""
    return to_rdflib_graph(parse_turtle(CHECK_SHAPES))


def _values(iris: set[str]) -> str:
    return " ".join(from_rdflib(rdflib.URIRef(iri)).__str__() for iri in sorted(iris))


def _context(store: Store, iris: set[str]) -> tuple[list[tuple[Node, Node, Node]], dict[str, dict[str, str]]]:
    """The types (with superclasses) and names of the people, posts and entities the exceptions name."""
    if not iris:
        return [], {lang: {} for lang in LANGUAGES}
    values = _values(iris)
    types = store.query(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        f"SELECT DISTINCT ?x ?c WHERE {{ VALUES ?x {{ {values} }} ?x a/rdfs:subClassOf* ?c }}"
    )
    triples: list[tuple[Node, Node, Node]] = [(to_rdflib(r["x"]), RDF.type, to_rdflib(r["c"])) for r in types.records()]
    names: dict[str, list[Node]] = {}
    for r in store.query(f"SELECT ?x ?l WHERE {{ VALUES ?x {{ {values} }} ?x <{SKOS.prefLabel}> ?l }}").records():
        names.setdefault(str(to_rdflib(r["x"])), []).append(to_rdflib(r["l"]))
    labels = {lang: {iri: pick_text(ls, lang) or "" for iri, ls in names.items()} for lang in LANGUAGES}
    return triples, labels


def load_exceptions(store: Store) -> Exceptions:
    """Read and check the store's accepted exceptions (uncached).

    Raises:
        AuditError: the check shapes cannot be run.
    """
    graph = store.rdflib_graph(ACCEPTED_KINDS)
    items = read_exceptions(graph)
    named = {iri for e in items for iri in (e.focus, e.accepted_by) if iri is not None}
    types, labels = _context(store, named)
    data = rdflib.Graph()
    for triple in graph:
        data.add(triple)
    for triple in types:
        data.add(triple)
    shapes = check_shapes()
    problems = {lang: audit_graphs(data, shapes, lang, engine="pyshacl").findings for lang in LANGUAGES}
    broken = frozenset(f.focus for f in problems["en"] if f.severity == "violation")
    return Exceptions(tuple(items), problems, broken, labels)


_CACHE: weakref.WeakKeyDictionary[Store, tuple[str, Exceptions]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def exceptions_for(store: Store) -> Exceptions:
    """The store's accepted exceptions, read and checked once per dataset version.

    Raises:
        AuditError: the check shapes cannot be run.
    """
    with _LOCK:
        version = store.version.etag
        cached = _CACHE.get(store)
        if cached is None or cached[0] != version:
            cached = _CACHE[store] = (version, load_exceptions(store))
        return cached[1]


def _acceptance(exception: AcceptedException, lang: str, labels: dict[str, str]) -> Acceptance:
    by = exception.accepted_by or ""
    return Acceptance(
        exception=exception.node,
        reason=pick_text(exception.reasons, lang) or "",
        accepted_by=by,
        accepted_by_label=labels.get(by) or slug(by) or compact(by),
        accepted_on=exception.accepted_on.isoformat() if exception.accepted_on else "",
        expires=exception.expires.isoformat() if exception.expires else None,
    )


def _about(exception: AcceptedException, report: AuditReport, labels: dict[str, str]) -> str:
    """``<entity> · <rule>`` for a person, from the findings' own names where they have them."""
    focus, rule = exception.focus or "", exception.rule or ""
    entity = labels.get(focus) or next((f.focus_label for f in report.findings if f.focus == focus), "")
    rule_name = next((f.rule_name for f in report.findings if f.rule == rule), compact(rule))
    return f"{entity or slug(focus) or compact(focus)} · {rule_name}"


def _notice(
    exception: AcceptedException, rule: str, severity: Severity, report: AuditReport, labels: dict[str, str]
) -> Finding:
    w = words(report.lang)
    key = "expired" if rule == EXPIRED_RULE else "stale"
    expires = exception.expires.isoformat() if exception.expires else ""
    return Finding(
        focus=exception.node,
        focus_label=_about(exception, report, labels),
        rule=rule,
        rule_name=w[f"{key}_rule"],
        constraint="",
        severity=severity,
        message=w[f"{key}_message"].format(expires=expires),
        path=None,
        value=exception.focus,
    )


def apply_accepted(report: AuditReport, exceptions: Exceptions, today: date) -> AuditReport:
    """The report with covered findings marked accepted, plus a finding for each problem exception.

    A broken exception (one that fails the check shapes) covers nothing and its problems are reported;
    an expired one covers nothing and is reported as a warning; one that covers no finding is stale
    and reported as info.
    """
    labels = exceptions.labels.get(report.lang, {})
    usable = [e for e in exceptions.items if e.node not in exceptions.broken]
    live = [e for e in usable if not e.expired(today)]
    findings = []
    for finding in report.findings:
        cover = next((e for e in live if e.covers(finding)), None)
        findings.append(
            finding if cover is None else replace(finding, accepted=_acceptance(cover, report.lang, labels))
        )
    notices = [_notice(e, EXPIRED_RULE, "warning", report, labels) for e in usable if e.expired(today)]
    notices += [
        _notice(e, STALE_RULE, "info", report, labels) for e in live if not any(e.covers(f) for f in report.findings)
    ]
    extra = [*exceptions.problems.get(report.lang, []), *notices]
    if not extra and findings == report.findings:
        return report
    return replace(report, findings=sorted([*findings, *extra], key=sort_key))
