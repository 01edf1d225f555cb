"""Validation results as plain records, whichever engine found them, and what is built from them.

A :class:`Result` is one ``sh:ValidationResult``: focus, source shape, constraint component,
severity, path, value and messages. The SPARQL engine makes them straight from query solutions;
pyshacl's report graph is read into them too (:func:`results_from_report`). From the records come
the typed findings (:func:`findings`) and the ``sh:ValidationReport`` graph (:func:`report_graph`),
both in time linear in the number of results: no text is built per result, and each path
structure is copied into the report once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import rdflib
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from govkg.audit.describe import GSH, Describer, compact, first_step, path_text, pick_text
from govkg.audit.model import Finding, severity_of


@dataclass(frozen=True, slots=True)
class Result:
    """One validation result; ``path`` is a node of the graph the results' paths live in."""

    focus: Node
    shape: Node
    component: rdflib.URIRef
    severity: Node
    path: Node | None = None
    value: Node | None = None
    messages: tuple[rdflib.Literal, ...] = ()


def top_results(report: rdflib.Graph) -> list[Node]:
    """The report's own results (``sh:result``), not the nested ones pyshacl adds as ``sh:detail``."""
    return [
        result for node in report.subjects(RDF.type, SH.ValidationReport) for result in report.objects(node, SH.result)
    ]


def results_from_report(report: rdflib.Graph) -> list[Result]:
    """The top-level results of a report graph (paths stay nodes of that graph)."""
    results = []
    for node in top_results(report):
        focus, shape = report.value(node, SH.focusNode), report.value(node, SH.sourceShape)
        assert focus is not None and shape is not None, "every result names a focus node and a shape"
        component = report.value(node, SH.sourceConstraintComponent)
        results.append(
            Result(
                focus=focus,
                shape=shape,
                component=component if isinstance(component, rdflib.URIRef) else SH.ConstraintComponent,
                severity=report.value(node, SH.resultSeverity) or SH.Violation,
                path=report.value(node, SH.resultPath),
                value=report.value(node, SH.value),
                messages=tuple(m for m in report.objects(node, SH.resultMessage) if isinstance(m, rdflib.Literal)),
            )
        )
    return results


def result_keys(report: rdflib.Graph) -> list[tuple[str, str, str, str, str, str]]:
    """(focus, path, value, component, severity, shape) of each top-level result, sorted: what engines must agree on."""
    keys = []
    for r in results_from_report(report):
        path = path_text(report, r.path) if r.path is not None else ""
        keys.append(
            (
                str(r.focus),
                path,
                "" if r.value is None else r.value.n3(),
                str(r.component),
                str(r.severity),
                str(r.shape),
            )
        )
    return sorted(keys)


def findings(results: Iterable[Result], paths: rdflib.Graph, describe: Describer) -> list[Finding]:
    """One finding per result, worded by ``describe``; ``paths`` holds the results' path structures."""
    texts: dict[Node, str] = {}
    firsts: dict[Node, Node | None] = {}
    out = []
    for r in results:
        path = None
        if r.path is not None:
            if r.path not in texts:
                texts[r.path], firsts[r.path] = path_text(paths, r.path), first_step(paths, r.path)
            path = texts[r.path]
        out.append(
            Finding(
                focus=str(r.focus),
                focus_label=describe.label(r.focus),
                rule=str(r.shape),
                rule_name=describe.rule_name(r.shape),
                constraint=compact(str(r.component)),
                severity=severity_of(r.severity),
                message=pick_text(r.messages, describe.lang) or describe.shape_message(r.shape) or "",
                path=path,
                value=None if r.value is None or (r.path is None and r.value == r.focus) else str(r.value),
                sources=describe.sources(r.focus, firsts.get(r.path) if r.path is not None else None),
            )
        )
    return out


_RESULT, _TYPE, _RESULT_CLASS, _FOCUS = SH.result, RDF.type, SH.ValidationResult, SH.focusNode
_SEVERITY, _SHAPE, _COMPONENT = SH.resultSeverity, SH.sourceShape, SH.sourceConstraintComponent
_PATH, _VALUE, _MESSAGE = SH.resultPath, SH.value, SH.resultMessage


def report_graph(results: Iterable[Result], paths: rdflib.Graph, engines: Mapping[Node, str]) -> rdflib.Graph:
    """The ``sh:ValidationReport`` of these results, with which engine ran each rule (``gsh:engine``).

    Results are blank nodes named by a counter under one random prefix (a fresh UUID per result
    cost as much as the rest of the result).
    """
    graph = rdflib.Graph()
    add = graph.store.add
    report = rdflib.BNode()
    prefix = f"{report}r"
    copied: set[Node] = set()
    conforms = True
    for number, r in enumerate(results):
        conforms = False
        node = rdflib.BNode(f"{prefix}{number}")
        triples: list[tuple[Node, Node, Node]] = [
            (report, _RESULT, node),
            (node, _TYPE, _RESULT_CLASS),
            (node, _FOCUS, r.focus),
            (node, _SEVERITY, r.severity),
            (node, _SHAPE, r.shape),
            (node, _COMPONENT, r.component),
        ]
        if r.path is not None:
            triples.append((node, _PATH, r.path))
            if isinstance(r.path, rdflib.BNode) and r.path not in copied:
                copied.add(r.path)
                triples += _structure(paths, r.path)
        if r.value is not None:
            triples.append((node, _VALUE, r.value))
        triples += [(node, _MESSAGE, message) for message in r.messages]
        for triple in triples:
            add(triple, graph, False)
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, rdflib.Literal(conforms)))
    add_rule_runs(graph, engines)
    return graph


def add_rule_runs(report: rdflib.Graph, engines: Mapping[Node, str]) -> None:
    """Say in the report which engine ran each rule: ``[] gsh:ruleRun [ gsh:rule R ; gsh:engine "sparql" ]``."""
    for node in list(report.subjects(RDF.type, SH.ValidationReport)):
        for shape, engine in sorted(engines.items(), key=lambda item: str(item[0])):
            run = rdflib.BNode()
            report.add((node, GSH.ruleRun, run))
            report.add((run, GSH.rule, shape))
            report.add((run, GSH.engine, rdflib.Literal(engine)))


def _structure(graph: rdflib.Graph, node: Node) -> list[tuple[Node, Node, Node]]:
    """The triples of a blank node and, recursively, of the blank nodes it points to (a path, a list)."""
    triples, stack, seen = [], [node], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for triple in graph.triples((current, None, None)):
            triples.append(triple)
            if isinstance(triple[2], rdflib.BNode):
                stack.append(triple[2])
    return triples
