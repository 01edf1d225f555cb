"""Building the import's triples row by row: naming, references, terms, passages and citations.

:class:`Builder` collects every problem as ``sheet!row: message`` instead of stopping at the first;
:mod:`govkg.secretariat.sheets_import` says which triples each sheet's rows make.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import rdflib
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from govkg.namespaces import GOV, PREFIXES
from govkg.secretariat.sheets_read import Row
from govkg.secretariat.sheets_terms import Seeds, Vocabulary, documents, entity
from govkg.secretariat.template import slugify


@dataclass
class Imported:
    """The import's graph, where each of its nodes came from, and the completeness gaps found in it."""

    graph: rdflib.Graph
    origin: dict[rdflib.URIRef, str] = field(default_factory=dict)
    gaps: list[str] = field(default_factory=list)


def new_graph() -> rdflib.Graph:
    """An empty graph with the project's prefixes, serialised as ``govkg fmt`` would."""
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    return graph


class Builder:
    """Turns rows into triples, collecting every problem instead of stopping at the first."""

    def __init__(self, context: rdflib.Graph, ontology: rdflib.Graph, seeds: Seeds, base: str) -> None:
        self.context, self.base, self.seeds = context, base, seeds
        self.vocabulary = Vocabulary(ontology)
        self.out = Imported(new_graph())
        self.problems: list[str] = []
        self.made: dict[rdflib.URIRef, str] = {}
        self.docs = documents(context)
        self.quotes: dict[tuple[rdflib.URIRef, str], rdflib.URIRef] = {}
        self.keys: dict[rdflib.URIRef, tuple[rdflib.URIRef, str]] = {}
        for passage, doc in context.subject_objects(DCTERMS.isPartOf):
            for quote in context.objects(passage, GOV.quote):
                if isinstance(passage, rdflib.URIRef) and isinstance(doc, rdflib.URIRef):
                    key = (doc, " ".join(str(quote).split()))
                    self.quotes.setdefault(key, passage)
                    self.keys[passage] = key

    # -- naming ------------------------------------------------------------------
    def mint(self, row: Row, iri: rdflib.URIRef | None) -> rdflib.URIRef | None:
        """Record that ``row`` makes ``iri``; a second row making the same IRI is a problem."""
        if iri is None:
            return None
        if iri in self.made and self.made[iri] != row.where:
            self.problems.append(f"{row.where}: {iri[len(self.base) :]!r} is also made by {self.made[iri]}")
        self.made.setdefault(iri, row.where)
        self.out.origin.setdefault(iri, row.where)
        return iri

    def own_id(self, row: Row, fallback: str) -> rdflib.URIRef | None:
        """The row's own IRI: its ``id`` cell, else a slug made from ``fallback``."""
        slug = row.get("id") or slugify(fallback)
        if not slug:
            self.problems.append(f"{row.where}: give an id or a name to make one from")
            return None
        return self.ref(row, "id", slug)

    def ref(self, row: Row, column: str, text: str) -> rdflib.URIRef | None:
        try:
            return entity(text, self.base)
        except ValueError as exc:
            self.problems.append(f"{row.where}: {column}: {exc}")
            return None

    def refs(self, row: Row, column: str) -> list[rdflib.URIRef]:
        """The entities a cell names, each one known (made here or described in the graph)."""
        found = []
        for text in row.values(column):
            iri = self.ref(row, column, text)
            if iri is not None:
                found.append(iri)
        return found

    def term(
        self, row: Row, column: str, names: dict[str, rdflib.URIRef], open_curies: bool = False
    ) -> list[rdflib.URIRef]:
        found = []
        for text in row.values(column):
            try:
                found.append(Vocabulary.resolve(names, text, column, open_curies))
            except ValueError as exc:
                self.problems.append(f"{row.where}: {exc}")
        return found

    def check_known(self, rows: Sequence[Row], columns: dict[str, tuple[str, ...]]) -> None:
        """Every slug a row names is made by the workbook or described in the graph."""
        for row in rows:
            for column in columns.get(row.sheet, ()):
                for iri in self.refs(row, column):
                    if (
                        str(iri).startswith(self.base)
                        and iri not in self.made
                        and (iri, None, None) not in self.context
                    ):
                        self.problems.append(
                            f"{row.where}: {column}: no entity {iri[len(self.base) :]!r} in the graph or the workbook"
                        )

    # -- facts -------------------------------------------------------------------
    def add(self, subject: rdflib.URIRef | None, predicate: rdflib.URIRef, objects: Sequence[rdflib.term.Node]) -> None:
        if subject is not None:
            for obj in objects:
                self.out.graph.add((subject, predicate, obj))

    def names(self, row: Row, subject: rdflib.URIRef | None, prefix: str = "name") -> None:
        for lang in ("da", "en"):
            if text := row.get(f"{prefix}_{lang}"):
                predicate = SKOS.prefLabel if prefix == "name" else GOV.action
                self.add(subject, predicate, [rdflib.Literal(text, lang=lang)])

    def document(self, row: Row, text: str) -> rdflib.URIRef | None:
        doc = self.docs.get(text) or self.docs.get(str(self.ref(row, "document", text)))
        if doc is None:
            self.problems.append(f"{row.where}: document: no source document {text!r} in the graph or the workbook")
        return doc

    def passage(
        self,
        row: Row,
        doc: rdflib.URIRef,
        quote: str,
        own: rdflib.URIRef | None = None,
        prefer: Sequence[rdflib.URIRef] = (),
    ) -> rdflib.URIRef | None:
        """The passage quoting ``quote`` from ``doc``.

        A ``passages`` row (``own``) always writes its passage. A citation reuses a passage it lists with
        that quote, else any passage with it (two passages may quote the same words), else makes one.
        """
        graphs = (self.context, self.out.graph)
        identifier = next((str(i) for g in graphs for i in g.objects(doc, DCTERMS.identifier)), "")
        if not self.seeds.contains(identifier, quote):
            self.problems.append(f"{row.where}: quote: not found verbatim in {identifier}: {quote[:60]!r}")
            return None
        key = (doc, " ".join(quote.split()))
        if own is None:
            found = next((p for p in prefer if self.keys.get(p) == key), None) or self.quotes.get(key)
            if found is not None:
                return found
            own = self._fresh(f"passage-{slugify(quote, 6)}")
        self.quotes.setdefault(key, own)
        self.keys[own] = key
        self.mint(row, own)
        self.add(own, RDF.type, [GOV.Passage])
        self.add(own, GOV.quote, [rdflib.Literal(quote, lang="da")])
        self.add(own, DCTERMS.isPartOf, [doc])
        return own

    def _fresh(self, slug: str) -> rdflib.URIRef:
        iri, n = rdflib.URIRef(self.base + slug), 2
        while iri in self.made or (iri, None, None) in self.context:
            iri, n = rdflib.URIRef(f"{self.base}{slug}-{n}"), n + 1
        return iri

    def cite(self, row: Row, subject: rdflib.URIRef | None) -> None:
        """``subject prov:wasDerivedFrom`` the row's quoted passage and the passages it lists."""
        if not row.get("document") or not row.get("quote"):
            self.problems.append(f"{row.where}: cite a document and a verbatim quote (columns document, quote)")
            return
        doc = self.document(row, row.get("document"))
        listed = self.refs(row, "passages")
        passage = self.passage(row, doc, row.get("quote"), prefer=listed) if doc is not None else None
        self.add(subject, PROV.wasDerivedFrom, [p for p in [passage, *listed] if p is not None])
