"""Rules the SPARQL translation does not cover, run by pyshacl alone on just what they can reach.

The rule's shapes graph is the rule and everything it refers to (named shapes, lists, paths,
prefix declarations); its data graph is an rdflib copy of the triples whose predicate the rule
mentions, plus ``rdf:type`` and ``rdfs:subClassOf`` for class targets and ``sh:class``. A rule whose
constraints can look at any predicate (SHACL-SPARQL, ``sh:closed``) gets a copy of all the data.
"""

from __future__ import annotations

from collections.abc import Sequence

import rdflib
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from govkg.audit.engine_sparql import Fallback
from govkg.audit.shacl import run_pyshacl
from govkg.store import Store
from govkg.store.rdflib_view import to_rdflib_graph

ANY_PREDICATE = (SH.sparql, SH.closed, SH.js, SH.target)


def rule_closure(shapes: rdflib.Graph, rule: Node) -> rdflib.Graph:
    """The rule's triples and those of every node they lead to in the shapes graph."""
    closure = rdflib.Graph()
    stack, seen = [rule], set()
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in shapes.triples((node, None, None)):
            closure.add(triple)
            stack.append(triple[2])
    for prefix, namespace in shapes.namespaces():
        closure.bind(prefix, namespace)
    return closure


def needed_predicates(closure: rdflib.Graph) -> list[rdflib.URIRef] | None:
    """The predicates a rule's data copy needs, or None for all of them."""
    if any((None, p, None) in closure for p in ANY_PREDICATE):
        return None
    iris = {o for o in closure.objects() if isinstance(o, rdflib.URIRef)}
    return sorted(iris | {RDF.type, RDFS.subClassOf})


def graph_fallback(data: rdflib.Graph) -> Fallback:
    """Run an untranslated rule with pyshacl on an rdflib data graph at hand."""

    def run(shapes: rdflib.Graph, rule: Node) -> rdflib.Graph:
        return run_pyshacl(data, rule_closure(shapes, rule))

    return run


def store_fallback(store: Store, graph_names: Sequence[str]) -> Fallback:
    """Run an untranslated rule with pyshacl on a copy of the store's triples it can reach."""

    def run(shapes: rdflib.Graph, rule: Node) -> rdflib.Graph:
        closure = rule_closure(shapes, rule)
        predicates = needed_predicates(closure)
        where = "?s ?p ?o"
        if predicates is not None:
            where = "VALUES ?p { " + " ".join(f"<{p}>" for p in predicates) + " } " + where
        answer = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}", default_graphs=list(graph_names))
        return run_pyshacl(to_rdflib_graph(answer.triples), closure)

    return run
