"""The vocabulary page's content, read from the ontology files (``ontology/*.ttl``) with rdflib.

Classes, properties and concept schemes (with their concepts), each with da/en labels and comments
and its logical links (subclass of, domain, range, inverse of). Read once per set of files and
modification times; Turtle clients get the files themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from govkg.namespaces import curie


@dataclass(frozen=True)
class Link:
    """Another term named from this one."""

    curie: str
    label: str
    local: bool


@dataclass
class TermView:
    """One class, property or concept."""

    curie: str
    iri: str
    label: str
    other_label: str | None
    comment: str | None
    links: list[tuple[str, list[Link]]] = field(default_factory=list)


@dataclass
class SchemeView:
    """A concept scheme and its concepts."""

    term: TermView
    concepts: list[TermView]


@dataclass
class Vocabulary:
    """The whole vocabulary page."""

    title: str
    comment: str | None
    version: str | None
    classes: list[TermView]
    properties: list[TermView]
    schemes: list[SchemeView]


def _files(folder: Path) -> tuple[tuple[Path, float], ...]:
    return tuple((p, p.stat().st_mtime) for p in sorted(folder.glob("*.ttl")))


def ontology_turtle(folder: Path) -> str:
    """The ontology files, as they are, one after the other."""
    return "\n".join(path.read_text(encoding="utf-8") for path, _ in _files(folder))


def vocabulary(folder: Path, lang: str) -> Vocabulary:
    """The vocabulary in ``folder`` described in ``lang``."""
    return _vocabulary(_files(folder), lang)


@lru_cache(maxsize=8)
def _vocabulary(files: tuple[tuple[Path, float], ...], lang: str) -> Vocabulary:
    graph = rdflib.Graph()
    for path, _ in files:
        graph.parse(path, format="turtle")
    own = {s for s in graph.subjects(RDFS.isDefinedBy, None)} | set(graph.subjects(RDF.type, OWL.Ontology))
    ontology = next(iter(graph.subjects(RDF.type, OWL.Ontology)), None)

    def text(node: rdflib.term.Node, predicate: rdflib.URIRef, language: str) -> str | None:
        values = sorted(str(v) for v in graph.objects(node, predicate) if getattr(v, "language", None) == language)
        return values[0] if values else None

    def name(node: rdflib.term.Node) -> str:
        for predicate in (RDFS.label, SKOS.prefLabel):
            found = text(node, predicate, lang) or text(node, predicate, "en" if lang == "da" else "da")
            if found:
                return found
        return curie(str(node))

    other = "en" if lang == "da" else "da"

    def term(node: rdflib.term.Node, relations: list[tuple[str, rdflib.URIRef]]) -> TermView:
        links = []
        for key, predicate in relations:
            targets = sorted(graph.objects(node, predicate), key=str)
            named = [Link(curie(str(t)), name(t), t in own) for t in targets if isinstance(t, rdflib.URIRef)]
            if named:
                links.append((key, named))
        label = name(node)
        other_label = text(node, RDFS.label, other) or text(node, SKOS.prefLabel, other)
        return TermView(
            curie=curie(str(node)),
            iri=str(node),
            label=label,
            other_label=other_label if other_label != label else None,
            comment=text(node, RDFS.comment, lang) or text(node, SKOS.definition, lang),
            links=links,
        )

    def sorted_terms(nodes: set[rdflib.term.Node], relations: list[tuple[str, rdflib.URIRef]]) -> list[TermView]:
        return sorted((term(n, relations) for n in nodes if isinstance(n, rdflib.URIRef)), key=lambda t: t.curie)

    classes = {s for s in graph.subjects(RDF.type, OWL.Class) if s in own}
    properties = {
        s
        for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property, OWL.AnnotationProperty)
        for s in graph.subjects(RDF.type, kind)
        if s in own
    }
    schemes = []
    for scheme in sorted(set(graph.subjects(RDF.type, SKOS.ConceptScheme)), key=str):
        concepts = set(graph.subjects(SKOS.inScheme, scheme)) | set(graph.objects(scheme, SKOS.hasTopConcept))
        schemes.append(SchemeView(term(scheme, []), sorted_terms(concepts, [("broader", SKOS.broader)])))
    return Vocabulary(
        title=name(ontology) if ontology is not None else "govkg",
        comment=text(ontology, RDFS.comment, lang) if ontology is not None else None,
        version=str(next(iter(graph.objects(ontology, OWL.versionInfo)), "")) or None if ontology is not None else None,
        classes=sorted_terms(classes, [("subclass_of", RDFS.subClassOf)]),
        properties=sorted_terms(
            properties,
            [
                ("sub_property_of", RDFS.subPropertyOf),
                ("domain", RDFS.domain),
                ("range", RDFS.range),
                ("inverse_of", OWL.inverseOf),
            ],
        ),
        schemes=schemes,
    )
