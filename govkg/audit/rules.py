"""Rules evaluated once for the whole graph, and the validation results they add to the report.

Some checks are cheap as one query over the whole graph and costly as pyshacl runs them, once per
focus node: the types at both ends of relations need "an instance of one of these classes", which
SHACL Core only says with nested shapes that pyshacl re-validates per value node. Those rules are
deactivated shapes with a SHACL-SPARQL constraint (``sh:sparql [ sh:select … ]``) whose query binds
``$this`` itself; here each query runs once (on the store, or on an rdflib graph without one) and
every solution becomes a ``sh:ValidationResult``: focus ``$this``, ``sh:value`` ``?value``, and as
``sh:resultPath`` ``?path`` (or ``[ sh:inversePath ?inversePath ]`` when ``$this`` is the object).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

import rdflib
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from govkg.audit.shacl import no_remote_graphs
from govkg.sparql_safety import refuse_remote
from govkg.store import Store
from govkg.store.rdflib_view import to_rdflib

Row = Mapping[str, Node]
Select = Callable[[str], Iterable[Row]]


@dataclass(frozen=True)
class SparqlRule:
    """A deactivated shape's SPARQL constraint, with its prefixes written out."""

    shape: rdflib.URIRef
    constraint: Node
    query: str


def sparql_rules(shapes: rdflib.Graph) -> list[SparqlRule]:
    """The SHACL-SPARQL constraints of the deactivated shapes, in a stable order."""
    rules = []
    for shape in shapes.subjects(SH.deactivated, rdflib.Literal(True)):
        if not isinstance(shape, rdflib.URIRef):
            continue
        for constraint in shapes.objects(shape, SH.sparql):
            select = shapes.value(constraint, SH.select)
            if select is None:
                continue
            declarations = [
                (str(shapes.value(d, SH.prefix)), str(shapes.value(d, SH.namespace)))
                for ontology in shapes.objects(constraint, SH.prefixes)
                for d in shapes.objects(ontology, SH.declare)
            ]
            prefixes = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(declarations))
            rules.append(SparqlRule(shape, constraint, prefixes + str(select)))
    return sorted(rules, key=lambda rule: str(rule.shape))


def store_select(store: Store, graph_names: list[str]) -> Select:
    """Run a rule's query on the store, over the given graphs as the default graph."""

    def select(query: str) -> Iterator[Row]:
        for record in store.query(query, default_graphs=graph_names).records():
            yield {name: to_rdflib(term) for name, term in record.items()}

    return select


def graph_select(graph: rdflib.Graph) -> Select:
    """Run a rule's query with rdflib on one graph (no store at hand), never fetching anything."""

    def select(query: str) -> Iterator[Row]:
        refuse_remote(query)
        no_remote_graphs()
        for row in graph.query(query):
            assert isinstance(row, rdflib.query.ResultRow)
            yield {name: value for name, value in row.asdict().items() if value is not None}

    return select


@dataclass(frozen=True)
class RuleRow:
    """One solution of a SPARQL rule: the focus, the predicate (forward or inverse) and the value."""

    shape: rdflib.URIRef
    focus: Node
    path: rdflib.URIRef | None
    inverse_path: rdflib.URIRef | None
    value: Node | None


def rule_rows(shapes: rdflib.Graph, select: Select) -> Iterator[RuleRow]:
    """Run every SPARQL rule once; each distinct solution (focus, path, value) once."""
    for rule in sparql_rules(shapes):
        seen: set[tuple[Node | None, ...]] = set()
        for row in select(rule.query):
            focus = row.get("this")
            key = (focus, row.get("path"), row.get("inversePath"), row.get("value"))
            if focus is None or key in seen:
                continue
            seen.add(key)
            path, inverse = row.get("path"), row.get("inversePath")
            yield RuleRow(
                rule.shape,
                focus,
                path if isinstance(path, rdflib.URIRef) else None,
                inverse if isinstance(inverse, rdflib.URIRef) and not isinstance(path, rdflib.URIRef) else None,
                row.get("value"),
            )


def run_sparql_rules(report: rdflib.Graph, shapes: rdflib.Graph, select: Select) -> int:
    """Run every SPARQL rule once and add its solutions to the report; the number of results added."""
    added = 0
    for row in rule_rows(shapes, select):
        path = _path(report, row.path, row.inverse_path)
        add_result(report, shapes, row.shape, row.focus, path, row.value, SH.SPARQLConstraintComponent)
        added += 1
    return added


def _path(report: rdflib.Graph, path: Node | None, inverse: Node | None) -> Node | None:
    if isinstance(path, rdflib.URIRef):
        return path
    if isinstance(inverse, rdflib.URIRef):
        node = rdflib.BNode()
        report.add((node, SH.inversePath, inverse))
        return node
    return None


def add_result(
    report: rdflib.Graph,
    shapes: rdflib.Graph,
    shape: rdflib.URIRef,
    focus: Node,
    path: Node | None,
    value: Node | None,
    component: rdflib.URIRef,
) -> None:
    """Add one ``sh:ValidationResult`` of ``shape`` (its severity and messages) and mark the report failed."""
    report_node = report.value(None, RDF.type, SH.ValidationReport)
    if report_node is None:
        report_node = rdflib.BNode()
        report.add((report_node, RDF.type, SH.ValidationReport))
    report.set((report_node, SH.conforms, rdflib.Literal(False)))
    result = rdflib.BNode()
    report.add((report_node, SH.result, result))
    report.add((result, RDF.type, SH.ValidationResult))
    report.add((result, SH.focusNode, focus))
    report.add((result, SH.resultSeverity, shapes.value(shape, SH.severity) or SH.Violation))
    report.add((result, SH.sourceShape, shape))
    report.add((result, SH.sourceConstraintComponent, component))
    if path is not None:
        report.add((result, SH.resultPath, path))
    if value is not None:
        report.add((result, SH.value, value))
    for message in shapes.objects(shape, SH.message):
        report.add((result, SH.resultMessage, message))
