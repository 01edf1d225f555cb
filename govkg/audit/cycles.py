"""Reporting cycles, found once for the whole graph rather than per node by a SPARQL constraint.

A per-node SPARQL constraint that walks ``org:reportsTo+`` back to the focus node was measured at
~80 % of pyshacl's whole run at 100k and 1M triples. Here the upward lines become one directed
graph and networkx's strongly connected components find every node that lies on a cycle in
linear time. The rule itself (which lines count as upward, its severity, names and messages) is
the deactivated shape ``gsh:ReportingCycleShape`` in ``shapes/integrity.ttl``; its findings have
the same form as pyshacl's: they are added to the report graph as ``sh:ValidationResult`` nodes
and read back from there like every other result.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import networkx as nx
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from govkg.audit.describe import GSH, compact
from govkg.audit.model import AuditError
from govkg.audit.rules import add_result

CYCLE_RULE = GSH.ReportingCycleShape
CYCLE_COMPONENT = GSH.NoCycleConstraintComponent


@dataclass(frozen=True)
class CycleStep:
    """One node on a cycle and the upward line that leaves it towards the next node."""

    node: Node
    predicate: rdflib.URIRef
    successor: Node


def upward_predicates(shapes: rdflib.Graph, rule: Node = CYCLE_RULE) -> list[rdflib.URIRef]:
    """The predicates the rule's ``sh:path`` lists (a single predicate or an alternative path of them).

    Raises:
        AuditError: the path is something other than predicates (e.g. an inverse path).
    """
    path = shapes.value(rule, SH.path)
    if path is None:
        return []
    if isinstance(path, rdflib.URIRef):
        return [path]
    alternatives = shapes.value(path, SH.alternativePath)
    steps = list(Collection(shapes, alternatives)) if alternatives is not None else []
    predicates = [step for step in steps if isinstance(step, rdflib.URIRef)]
    if not steps or len(predicates) != len(steps):
        raise AuditError(f"{compact(str(rule))}: sh:path must be a predicate or an alternative path of predicates")
    return predicates


def graph_lines(data: rdflib.Graph, predicates: list[rdflib.URIRef]) -> Iterator[tuple[Node, rdflib.URIRef, Node]]:
    """The lines of these predicates in an rdflib graph, as (subject, predicate, object)."""
    for predicate in predicates:
        for subject, obj in data.subject_objects(predicate):
            yield subject, predicate, obj


def find_cycles(lines: Iterable[tuple[Node, rdflib.URIRef, Node]]) -> list[CycleStep]:
    """Every node that lies on a cycle of the given lines, with the line it leaves by, in a stable order.

    Where two lines join the same nodes, the first one given names the step.
    """
    upward: nx.DiGraph[Node] = nx.DiGraph()
    for subject, predicate, obj in lines:
        if isinstance(obj, rdflib.URIRef | rdflib.BNode):
            if upward.has_edge(subject, obj):
                continue
            upward.add_edge(subject, obj, predicate=predicate)
    steps: list[CycleStep] = []
    for component in nx.strongly_connected_components(upward):
        if len(component) == 1:
            (node,) = component
            if not upward.has_edge(node, node):
                continue
        for node in sorted(component, key=str):
            successor = min((s for s in upward.successors(node) if s in component), key=str)
            steps.append(CycleStep(node, upward.edges[node, successor]["predicate"], successor))
    return sorted(steps, key=lambda step: str(step.node))


def add_cycle_results(report: rdflib.Graph, shapes: rdflib.Graph, data: rdflib.Graph) -> int:
    """Add the nodes on reporting cycles to a validation report as results of the cycle rule.

    Marks the report non-conforming when there is any; does nothing when the shapes graph has no
    cycle rule (its ``sh:deactivated true`` is for pyshacl only).

    Returns:
        The number of results added.

    Raises:
        AuditError: the rule's ``sh:path`` is not a predicate or an alternative path of predicates.
    """
    if (CYCLE_RULE, None, None) not in shapes:
        return 0
    steps = find_cycles(graph_lines(data, upward_predicates(shapes)))
    for step in steps:
        add_result(report, shapes, CYCLE_RULE, step.node, step.predicate, step.successor, CYCLE_COMPONENT)
    return len(steps)
