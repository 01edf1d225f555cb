"""Scopes of an audit: one organisation's part of the graph, one document, one scenario, one rule.

A scope is resolved on the store, by SPARQL, into the set of entities (focus nodes) it covers; the
findings are then cut to it afterwards, so a scope works whatever engine produced the findings.
Exceptions are in scope when the entity they name is. Unknown names raise :class:`NotFound`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import PurePath

import rdflib
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from govkg.audit.accepted import EXPIRED_RULE, STALE_RULE, Exceptions, check_shapes
from govkg.audit.describe import COMPACT_PREFIXES, pick_text
from govkg.audit.model import AuditReport, DeferredGraph, Finding, report_without
from govkg.audit.validate import DATA_KINDS, SHAPES_KINDS
from govkg.errors import NotFound
from govkg.namespaces import ID, PREFIXES
from govkg.store import Store
from govkg.store.rdflib_view import from_rdflib, to_rdflib

_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(PREFIXES.items()))

# Everything below an entity: sub-organisations, units and posts, followed downwards (x … root).
DOWN = "(org:subOrganizationOf|org:unitOf|^org:hasSubOrganization|^org:hasUnit|org:postIn|^org:hasPost)*"
# What hangs off each of them: its duties, mandate, contact point, memberships, and the people in its posts.
HANGING = "gov:obligedParty|^gov:hasMandate|^cv:contactPoint|org:organization"
UNDER = (
    _PREFIXES
    + "SELECT DISTINCT ?x WHERE {\n"
    + f"  {{ ?x {DOWN} $root }}\n"
    + f"  UNION {{ ?member {DOWN} $root . ?x {HANGING} ?member }}\n"
    + f"  UNION {{ ?member {DOWN} $root . ?x ^org:heldBy|org:holds ?member . ?x a foaf:Person }}\n"
    + "  FILTER(!isLiteral(?x))\n}"
)
DESCRIBED_IN = "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } VALUES ?g { $graphs } }"
# The graph describing the source document, and the graphs of its states (scenarios).
DOCUMENT_GRAPHS = (
    _PREFIXES + "SELECT DISTINCT ?g WHERE { ?doc a gov:SourceDocument ; dct:identifier ?id FILTER(STR(?id) = $name) "
    "{ GRAPH ?g { ?doc a gov:SourceDocument } } UNION { GRAPH ?g { ?g gov:scenarioOf ?doc } } }"
)
SCENARIOS = _PREFIXES + "SELECT DISTINCT ?g WHERE { ?g a gov:Scenario }"
SHAPES = _PREFIXES + "SELECT DISTINCT ?s WHERE { { ?s a sh:NodeShape } UNION { ?s a sh:PropertyShape } }"


@dataclass(frozen=True)
class Scope:
    """What part of the audit to look at; every field left None means no limit on that side."""

    under: str | None = None  # slug of an entity
    document: str | None = None  # a source document's file name, or a data file (name or stem)
    scenario: str | None = None  # slug of a scenario's named graph
    rule: str | None = None  # a rule's IRI, compact IRI (gsh:…) or local name

    def is_whole(self) -> bool:
        """True when the scope leaves every finding in."""
        return self == Scope()


@dataclass(frozen=True)
class Resolved:
    """A scope resolved on the store: the entities it covers (None: all) and the rule (None: all)."""

    focus: frozenset[str] | None
    rule: str | None


def _term(node: Node) -> str:
    return str(from_rdflib(node))


def _graphs(store: Store, kinds: frozenset[str]) -> list[str]:
    return sorted(name for name, info in store.catalog.items() if info.kind in kinds)


def _column(store: Store, query: str, default_graphs: list[str] | None = None) -> set[str]:
    return {str(to_rdflib(t)) for r in store.query(query, default_graphs=default_graphs).records() for t in r.values()}


def _described_in(store: Store, graphs: list[str]) -> set[str]:
    if not graphs:
        return set()
    values = " ".join(_term(rdflib.URIRef(g)) for g in graphs)
    return _column(store, DESCRIBED_IN.replace("$graphs", values))


def entities_under(store: Store, slug: str) -> set[str]:
    """The entity, everything below it (sub-organisations, units, posts and the people holding them),
    and what hangs off them: their mandates, contact points, memberships and obligations.

    Raises:
        NotFound: the dataset does not describe ``slug``.
    """
    try:
        root = _term(ID[slug])
    except ValueError:
        raise NotFound(f"no entity {slug!r} in the dataset") from None
    data = _graphs(store, DATA_KINDS)
    if not _column(store, f"SELECT ?p WHERE {{ {root} ?p ?o }} LIMIT 1", data):
        raise NotFound(f"no entity {slug!r} in the dataset")
    return _column(store, UNDER.replace("$root", root), data)


def document_graphs(store: Store, name: str) -> list[str]:
    """The named graphs of a document: the one describing a source document of that file name and its
    scenarios, else the data graph of that file (``rm-organisering-2016.ttl``, its stem, or a path to
    it) and those in the folder of that name.

    Raises:
        NotFound: no document or data file of that name.
    """
    file_name = PurePath(name).name
    found = _column(store, DOCUMENT_GRAPHS.replace("$name", _term(rdflib.Literal(file_name))))
    if not found:
        stem = PurePath(file_name).stem
        found = {g for g in _graphs(store, DATA_KINDS) if g.rsplit("/", 1)[-1] == stem or f"/{stem}/" in g}
    if not found:
        raise NotFound(f"no document {name!r} in the dataset")
    return sorted(found)


def scenario_slug(graph: str) -> str:
    """A scenario graph's name after ``…/id/graph/`` (``rm-organisering-2016/proposed``), or after ``…/id/``."""
    for prefix in (str(ID) + "graph/", str(ID)):
        if graph.startswith(prefix):
            return graph[len(prefix) :]
    return graph


def scenario_graphs(store: Store, slug: str) -> list[str]:
    """The named graph of a scenario (a graph typed ``gov:Scenario``), by its slug or, if unique, its last segment.

    Raises:
        NotFound: no scenario of that name (or a last segment several scenarios share).
    """
    scenarios = sorted(_column(store, SCENARIOS))
    found = [g for g in scenarios if slug in (scenario_slug(g), g)]
    found = found or [g for g in scenarios if g.rsplit("/", 1)[-1] == slug]
    if len(found) != 1:
        raise NotFound(f"no scenario {slug!r} in the dataset" + (" (ambiguous)" if found else ""))
    return found


def known_rules(store: Store) -> set[str]:
    """Every rule a finding can name: the shapes, the exceptions' check shapes and their notices."""
    shapes = _column(store, SHAPES, _graphs(store, SHAPES_KINDS)) if _graphs(store, SHAPES_KINDS) else set()
    checks = {str(s) for s in check_shapes().subjects(RDF.type, SH.PropertyShape)}
    return shapes | checks | {EXPIRED_RULE, STALE_RULE}


def rule_iri(store: Store, name: str) -> str:
    """A rule's IRI from its IRI, compact IRI (``gsh:BodyMandateShape``) or local name.

    Raises:
        NotFound: no rule of that name.
    """
    rules = known_rules(store)
    prefix, _, local = name.partition(":")
    candidates = [name, COMPACT_PREFIXES.get(prefix, "\0") + local]
    found = [c for c in candidates if c in rules] or sorted(r for r in rules if r.rsplit("#", 1)[-1] == name)
    if not found:
        raise NotFound(f"no rule {name!r} in the shapes")
    return found[0]


def resolve(store: Store, scope: Scope) -> Resolved:
    """The entities and rule a scope covers, each limit cutting the last.

    Raises:
        NotFound: an entity, document, scenario or rule the dataset does not have.
    """
    sets: list[set[str]] = []
    if scope.under is not None:
        sets.append(entities_under(store, scope.under))
    if scope.document is not None:
        sets.append(_described_in(store, document_graphs(store, scope.document)))
    if scope.scenario is not None:
        sets.append(_described_in(store, scenario_graphs(store, scope.scenario)))
    focus = frozenset(set.intersection(*sets)) if sets else None
    return Resolved(focus, rule_iri(store, scope.rule) if scope.rule is not None else None)


def apply_scope(report: AuditReport, resolved: Resolved, exceptions: Exceptions | None = None) -> AuditReport:
    """The findings in scope; an exception's notices count as being about the entity and rule it names."""
    if resolved == Resolved(None, None):
        return report
    named = {e.node: (e.focus or "", e.rule or "") for e in exceptions.items} if exceptions else {}

    def keep(focus: str, rule: str) -> bool:
        about, about_rule = named.get(focus, (focus, rule))
        in_focus = resolved.focus is None or focus in resolved.focus or about in resolved.focus
        return in_focus and (resolved.rule is None or resolved.rule in (rule, about_rule))

    findings: list[Finding] = [f for f in report.findings if keep(f.focus, f.rule)]
    graph = DeferredGraph(lambda: results_where(report.report_graph, keep))
    return replace(report, findings=findings, report_graph=graph)


def results_where(graph: rdflib.Graph, keep: Callable[[str, str], bool]) -> rdflib.Graph:
    """A copy of a validation report with only the results whose (focus, shape) ``keep`` accepts."""
    dropped: set[Node] = {
        result
        for result in graph.subjects(RDF.type, SH.ValidationResult)
        if not keep(str(graph.value(result, SH.focusNode)), str(graph.value(result, SH.sourceShape)))
    }
    return report_without(graph, dropped)


def scenario_choices(store: Store, lang: str) -> list[tuple[str, str]]:
    """Each scenario graph's slug (its last segment) and name in ``lang``, for a filter form."""
    query = _PREFIXES + "SELECT ?g ?label WHERE { ?g a gov:Scenario OPTIONAL { ?g skos:prefLabel|rdfs:label ?label } }"
    labels: dict[str, list[Node]] = {}
    for record in store.query(query).records():
        names = labels.setdefault(str(to_rdflib(record["g"])), [])
        if record.get("label") is not None:
            names.append(to_rdflib(record["label"]))
    return sorted((scenario_slug(g), pick_text(names, lang) or scenario_slug(g)) for g, names in labels.items())
