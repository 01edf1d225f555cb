"""How the audit names things for a person: labels, messages, rule names, paths and source passages.

Everything here reads the data graph (labels, passages) or the shapes graph (rule names, messages)
in one chosen language, falling back to the other language, then to any text, then to the IRI.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Protocol

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from govkg.audit.model import SourceRef
from govkg.namespaces import GOV, ID, PREFIXES

GSH = rdflib.Namespace("https://w3id.org/govkg/shapes#")
COMPACT_PREFIXES: dict[str, str] = {**PREFIXES, "gsh": str(GSH)}
_LOCAL_NAME = re.compile(r"^[A-Za-z_][\w.-]*$")
_LABELS = (SKOS.prefLabel, RDFS.label, DCTERMS.title, SKOS.altLabel)


_LONGEST_FIRST = sorted(COMPACT_PREFIXES.items(), key=lambda kv: -len(kv[1]))


@functools.lru_cache(maxsize=4096)
def compact(iri: str) -> str:
    """An IRI as ``prefix:local`` when a known prefix fits, else the IRI itself."""
    for prefix, namespace in _LONGEST_FIRST:
        if iri.startswith(namespace) and _LOCAL_NAME.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def slug(iri: str) -> str | None:
    """The slug of an instance IRI (the part after ``…/id/``), or None for other IRIs."""
    return iri[len(str(ID)) :] if iri.startswith(str(ID)) and len(iri) > len(str(ID)) else None


def pick_text(literals: Iterable[Node], lang: str) -> str | None:
    """The literal in ``lang``; else English, untagged, or any literal; None when there is none."""
    texts = [lit for lit in literals if isinstance(lit, rdflib.Literal)]
    for wanted in (lang, "en", None):
        for lit in texts:
            if lit.language == wanted:
                return str(lit)
    return str(texts[0]) if texts else None


class Facts(Protocol):
    """What the describer reads of the data: an rdflib graph, or the few facts fetched from a store."""

    def objects(self, subject: Node, predicate: Node, /) -> Iterable[Node]: ...

    def value(self, subject: Node, predicate: Node, /) -> Node | None: ...


class Describer:
    """Names and sources of nodes for findings, in one language, over a data and a shapes graph."""

    def __init__(self, data: Facts, shapes: rdflib.Graph, lang: str) -> None:
        self.data = data
        self.shapes = shapes
        self.lang = lang
        self._labels: dict[Node, str] = {}
        self._passages: dict[Node, tuple[SourceRef, ...]] = {}
        self._rule_names: dict[Node, str] = {}
        self._messages: dict[Node, str | None] = {}

    def label(self, node: Node) -> str:
        """The node's name for a person: a label in the language, else its slug or compact IRI."""
        cached = self._labels.get(node)
        if cached is None:
            cached = self._labels[node] = self._find_label(node)
        return cached

    def _find_label(self, node: Node) -> str:
        for predicate in _LABELS:
            text = pick_text(self.data.objects(node, predicate), self.lang)
            if text:
                return text
        if isinstance(node, rdflib.URIRef):
            return slug(str(node)) or compact(str(node))
        return str(node)

    def rule_name(self, shape: Node) -> str:
        """The rule's ``sh:name`` in the language, else its compact IRI."""
        if shape not in self._rule_names:
            self._rule_names[shape] = pick_text(self.shapes.objects(shape, SH.name), self.lang) or compact(str(shape))
        return self._rule_names[shape]

    def shape_message(self, shape: Node) -> str | None:
        """The rule's ``sh:message`` in the language."""
        if shape not in self._messages:
            self._messages[shape] = pick_text(self.shapes.objects(shape, SH.message), self.lang)
        return self._messages[shape]

    def sources(self, focus: Node, first_step: Node | None = None) -> tuple[SourceRef, ...]:
        """The focus node's passages, then those of the nodes one path step away (for sequence paths)."""
        refs = list(self._sources_of(focus))
        if isinstance(first_step, rdflib.URIRef):
            for via in sorted(self.data.objects(focus, first_step), key=str):
                refs.extend(self._sources_of(via))
        return tuple(dict.fromkeys(refs))

    def _sources_of(self, node: Node) -> tuple[SourceRef, ...]:
        cached = self._passages.get(node)
        if cached is None:
            passages = sorted(self.data.objects(node, PROV.wasDerivedFrom), key=str)
            cached = self._passages[node] = tuple(dict.fromkeys(self._source_ref(p) for p in passages))
        return cached

    def _source_ref(self, passage: Node) -> SourceRef:
        document = self.data.value(passage, DCTERMS.isPartOf)
        identifier = self.data.value(document, DCTERMS.identifier) if document is not None else None
        title = pick_text(self.data.objects(document, DCTERMS.title), self.lang) if document is not None else None
        return SourceRef(
            document=str(identifier) if identifier is not None else "",
            title=title or "",
            quote=pick_text(self.data.objects(passage, GOV.quote), "da") or "",
        )


def path_text(graph: rdflib.Graph, path: Node) -> str:
    """A SHACL property path in SPARQL property-path syntax with compact IRIs."""
    if isinstance(path, rdflib.URIRef):
        return compact(str(path))
    if graph.value(path, RDF.first) is not None:
        return "/".join(path_text(graph, step) for step in Collection(graph, path))
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{path_text(graph, inverse)}"
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(path_text(graph, a) for a in Collection(graph, alternatives)) + ")"
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            return f"({path_text(graph, inner)}){suffix}"
    return str(path)


def first_step(graph: rdflib.Graph, path: Node | None) -> Node | None:
    """The first predicate of a sequence path (None for any other kind of path)."""
    if path is None or isinstance(path, rdflib.URIRef) or graph.value(path, RDF.first) is None:
        return None
    return graph.value(path, RDF.first)
