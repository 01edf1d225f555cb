"""pyoxigraph terms and triples as rdflib ones, for the parts (pyshacl) that need an rdflib graph.

Queries never pay for this: the store builds the view only when asked and caches it per version.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph) -> Node:
    """One pyoxigraph term as the equal rdflib term."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))
    raise TypeError(f"no rdflib equivalent for {term!r}")


def from_rdflib(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """One rdflib term as the equal pyoxigraph term."""
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) not in (_XSD_STRING, _RDF_LANG_STRING):
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"no pyoxigraph equivalent for {term!r}")


def to_rdflib_graph(triples: Iterable[ox.Triple], graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """Add pyoxigraph triples to an rdflib graph (a new one unless given).

    The hot loop of a cold audit at scale: IRIs are interned by their string (cheaper to hash than
    pyoxigraph terms) and triples go straight to the graph's store, skipping ``Graph.add``'s checks
    (the terms are rdflib terms by construction).
    """
    graph = rdflib.Graph() if graph is None else graph
    add = graph.store.add
    iris: dict[str, Node] = {}

    def convert(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
        if type(term) is ox.NamedNode:
            value = term.value
            node = iris.get(value)
            if node is None:
                node = iris[value] = rdflib.URIRef(value)
            return node
        return to_rdflib(term)

    for triple in triples:
        add((convert(triple.subject), convert(triple.predicate), convert(triple.object)), graph, False)  # type: ignore[arg-type]
    return graph
