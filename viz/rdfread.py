"""Small readers over an rdflib graph for the projection: kinds of class, names, passages, documents.

Each function answers one question about one node and falls back gracefully where the data is thin
(a missing English label shows the Danish one), because the picture must draw whatever is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from govkg.namespaces import DCTERMS, FOAF, GOV, PROV, RDF, RDFS, SKOS
from viz.kinds import KIND_BY_KEY, KINDS, compact

LANGS = ("da", "en")


def class_kinds(graph: Graph) -> dict[URIRef, tuple[int, int]]:
    """Class → (index into :data:`viz.kinds.KINDS`, number of superclasses), over the graph's subclass tree."""
    ranks: dict[URIRef, int] = {}
    for rank, kind in enumerate(KINDS):
        for root in kind.classes:
            for cls in graph.transitive_subjects(RDFS.subClassOf, root):
                if isinstance(cls, URIRef):
                    ranks.setdefault(cls, rank)
    return {cls: (rank, len(set(graph.transitive_objects(cls, RDFS.subClassOf)))) for cls, rank in ranks.items()}


def _by_lang(graph: Graph, node: Node, predicate: URIRef) -> dict[str | None, str]:
    """Literal values by language tag (None: untagged); the first in sort order wins, so output is stable."""
    literals = [v for v in graph.objects(node, predicate) if isinstance(v, Literal)]
    found: dict[str | None, str] = {}
    for value in sorted(literals, key=lambda v: (str(v), v.language or "")):
        found.setdefault(value.language, str(value))
    return found


def _pair(found: dict[str | None, str]) -> tuple[str, str] | None:
    """(da, en) from literals by language, each falling back to the other or an untagged one."""
    if not found:
        return None
    any_text = found.get("da") or found.get("en") or found.get(None) or next(iter(found.values()))
    return found.get("da") or any_text, found.get("en") or any_text


def labels(graph: Graph, node: Node) -> tuple[str, str]:
    """Danish and English name: skos:prefLabel, else rdfs:label, foaf:name, an obligation's action, the IRI."""
    for predicate in (SKOS.prefLabel, RDFS.label, FOAF.name, GOV.action, SKOS.altLabel):
        pair = _pair(_by_lang(graph, node, predicate))
        if pair:
            return pair
    name = compact(str(node))
    return name, name


def texts(graph: Graph, node: Node) -> tuple[str | None, str | None]:
    """Danish and English description (skos:definition, else rdfs:comment, else an obligation's action)."""
    for predicate in (SKOS.definition, RDFS.comment, GOV.action):
        pair = _pair(_by_lang(graph, node, predicate))
        if pair:
            return pair
    return None, None


def alt_labels(graph: Graph, node: Node) -> list[str]:
    """Other names and abbreviations (RH, RKKP …), for search."""
    return sorted({str(value) for value in graph.objects(node, SKOS.altLabel)})


def specific_class(
    graph: Graph, node: Node, kind: str, kinds: Mapping[URIRef, tuple[int, int]]
) -> tuple[str, str, str]:
    """The node's most specific drawable class as a compact name, with its Danish and English label."""
    candidates = [c for c in graph.objects(node, RDF.type) if isinstance(c, URIRef) and c in kinds]
    best = max(candidates, key=lambda c: (kinds[c][1], str(c)))
    named = _pair(_by_lang(graph, best, RDFS.label)) or _pair(_by_lang(graph, best, SKOS.prefLabel))
    if named is None:
        named = KIND_BY_KEY[kind].da, KIND_BY_KEY[kind].en
    return compact(str(best)), named[0], named[1]


def passages(graph: Graph, node: Node) -> list[dict[str, str | None]]:
    """The quoted source passages a node was derived from: the Danish quote and its document."""
    found = []
    for passage in graph.objects(node, PROV.wasDerivedFrom):
        quote = _pair(_by_lang(graph, passage, GOV.quote))
        if quote is None:
            continue
        doc = graph.value(passage, DCTERMS.isPartOf)
        found.append({"quote": quote[0], "doc": None if doc is None else str(doc)})
    return sorted(found, key=lambda p: (p["doc"] or "", p["quote"] or ""))


def node_docs(graph: Graph, node: Node) -> list[str]:
    """The source documents a node is known from: its passages' documents and an agreement's dct:source."""
    docs = {str(d) for p in graph.objects(node, PROV.wasDerivedFrom) for d in graph.objects(p, DCTERMS.isPartOf)}
    docs.update(str(d) for d in graph.objects(node, DCTERMS.source) if (d, RDF.type, GOV.SourceDocument) in graph)
    return sorted(docs)


def documents(graph: Graph) -> dict[str, dict[str, Any]]:
    """Source-document IRI → title, identifier (the seed file) and date; undeclared ones keep their name."""
    found: dict[str, dict[str, Any]] = {}
    declared = set(graph.subjects(RDF.type, GOV.SourceDocument))
    referenced = {d for _, p in graph.subject_objects(PROV.wasDerivedFrom) for d in graph.objects(p, DCTERMS.isPartOf)}
    for doc in declared | referenced:
        title = _pair(_by_lang(graph, doc, DCTERMS.title))
        identifier = graph.value(doc, DCTERMS.identifier)
        date = graph.value(doc, DCTERMS.date)
        found[str(doc)] = {
            "title": title[0] if title else compact(str(doc)),
            "identifier": "" if identifier is None else str(identifier),
            "date": None if date is None else str(date),
        }
    return found
