"""What a workbook cell names: entities by slug, vocabulary terms by CURIE, local name or label.

Everything is looked up in the ontology and the graph the workbook is imported into, so a typo is
an error with the row's address instead of a new, empty IRI.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import rdflib
from rdflib.namespace import DCTERMS, ORG, OWL, RDF, RDFS, SKOS

from govkg.answers.index import fold
from govkg.answers.vocab import expand, local_name
from govkg.namespaces import GOV, curie
from govkg.secretariat.template import LINE_PREDICATES, body_classes


class Vocabulary:
    """The names a cell may use for classes, relations, roles, frequencies and standings."""

    def __init__(self, ontology: rdflib.Graph) -> None:
        classes = {c for t in (OWL.Class, RDFS.Class) for c in ontology.subjects(RDF.type, t)}
        self.kinds = self._names(ontology, classes | body_classes(ontology))
        self.relations = self._names(ontology, LINE_PREDICATES)
        self.roles = self._names(ontology, ontology.subjects(RDF.type, ORG.Role))
        self.frequencies = self._names(ontology, _in_scheme(ontology, GOV.FrequencyScheme))
        self.standings = self._names(ontology, _in_scheme(ontology, GOV.StandingScheme))

    @staticmethod
    def _names(ontology: rdflib.Graph, terms: Iterable[object]) -> dict[str, rdflib.URIRef]:
        names: dict[str, rdflib.URIRef] = {}
        for term in sorted(t for t in terms if isinstance(t, rdflib.URIRef)):
            labels = [str(x) for p in (SKOS.prefLabel, RDFS.label) for x in ontology.objects(term, p)]
            for name in [local_name(term), *labels]:
                names.setdefault(fold(name), term)
            names[fold(curie(term))] = term
        return names

    @staticmethod
    def resolve(names: dict[str, rdflib.URIRef], text: str, what: str, open_curies: bool = False) -> rdflib.URIRef:
        """The term ``text`` names among ``names``.

        Raises:
            ValueError: it names none (a message that lists some of the known names).
        """
        found = names.get(fold(text))
        if found is None and open_curies and (iri := expand(text)) is not None:
            return rdflib.URIRef(iri)
        if found is None:
            offered = sorted({curie(t) for t in names.values()})
            raise ValueError(f"unknown {what} {text!r}; use one of {', '.join(offered[:12])}")
        return found


def _in_scheme(ontology: rdflib.Graph, scheme: rdflib.URIRef) -> set[rdflib.URIRef]:
    members = set(ontology.subjects(SKOS.inScheme, scheme)) | set(ontology.objects(scheme, SKOS.hasTopConcept))
    return {m for m in members if isinstance(m, rdflib.URIRef)}


def entity(text: str, base: str) -> rdflib.URIRef:
    """The IRI a cell names: a slug, ``id:slug``, a CURIE with a known prefix, or a full IRI.

    Raises:
        ValueError: the text is none of these.
    """
    if "://" in text:
        return rdflib.URIRef(text)
    if text.startswith("id:"):
        text = text[3:]
    elif ":" in text and (iri := expand(text)) is not None:
        return rdflib.URIRef(iri)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._~-]*", text):
        raise ValueError(f"{text!r} is not a slug (letters, digits, '.', '_', '~', '-')")
    return rdflib.URIRef(base + text)


def cell_of(term: rdflib.term.Node, base: str) -> str:
    """How the export writes a term: our IRIs as slugs, others as CURIEs or in full."""
    text = str(term)
    return text[len(base) :] if text.startswith(base) else curie(text)


def documents(graph: rdflib.Graph) -> dict[str, rdflib.URIRef]:
    """Source documents by slug-less key: their IRI and their file name (``dct:identifier``)."""
    found: dict[str, rdflib.URIRef] = {}
    for doc in graph.subjects(RDF.type, GOV.SourceDocument):
        if isinstance(doc, rdflib.URIRef):
            found[str(doc)] = doc
            for identifier in graph.objects(doc, DCTERMS.identifier):
                found[str(identifier)] = doc
    return found


class Seeds:
    """The seed texts, to check that a quote is verbatim (line breaks and end-of-line hyphenation undone)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._texts: dict[str, list[str]] = {}

    def has(self, identifier: str) -> bool:
        """Whether ``identifier`` is a seed file we can read."""
        return self.folder is not None and (self.folder / identifier).is_file()

    def contains(self, identifier: str, quote: str) -> bool:
        """Whether the quote occurs in the seed file (True when it is not a seed: nothing to check against)."""
        if self.folder is None or not self.has(identifier):
            return True
        if identifier not in self._texts:
            raw = (self.folder / identifier).read_text(encoding="utf-8")
            self._texts[identifier] = [" ".join(re.sub(r"-[ \t]*\r?\n\s*", h, raw).split()) for h in ("", "-")]
        wanted = " ".join(quote.split())
        return any(wanted in text for text in self._texts[identifier])
