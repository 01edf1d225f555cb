"""Names and passages for the things in a comparison, read from the two states themselves.

A git revision or a folder is not in the store, so nothing here asks the store: labels come from
the state that has the thing (then the other), vocabulary labels from the ontology when given.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from govkg.answers.models import DocumentRef, Passage, Ref, Term
from govkg.answers.vocab import humanise, slug_of, standard_label
from govkg.compare.state import Node, State
from govkg.namespaces import DCTERMS, GOV, ID, PROV, RDFS, SKOS, curie

_LABELS = (str(SKOS.prefLabel), str(RDFS.label), str(SKOS.altLabel), str(DCTERMS.title))


@dataclass(frozen=True)
class Namer:
    """Labels things in ``lang`` from the states (first that has one) and vocabulary terms from ``vocab``."""

    states: tuple[State, ...]
    lang: str
    vocab: State | None = None
    base: str = str(ID)

    def text(self, node: Node, predicates: tuple[str, ...] = _LABELS) -> str | None:
        """The node's text in the language asked for (else the other, else untagged) from the first state with one."""
        for state in (*self.states, *([self.vocab] if self.vocab else [])):
            for predicate in predicates:
                found = _pick(state.values(node, predicate), self.lang)
                if found is not None:
                    return found
        return None

    def label(self, node: Node) -> str:
        if isinstance(node, ox.Literal):
            return node.value if not node.language else f"{node.value} ({node.language})"
        found = self.text(node)
        if found is not None:
            return found
        if not isinstance(node, ox.NamedNode):
            return str(node)
        return standard_label(node.value, self.lang) or humanise(node.value)

    def ref(self, node: Node) -> Ref:
        iri = node.value if isinstance(node, ox.NamedNode) else str(node)
        return Ref(iri=iri, slug=slug_of(iri, self.base), label=self.label(node))

    def term(self, iri: str) -> Term:
        return Term(iri=iri, curie=curie(iri), label=self.label(ox.NamedNode(iri)))

    def passages(self, state: State, nodes: list[Node]) -> list[Passage]:
        """The passages the nodes rest on in ``state``: those they share if any, else all of the first's."""
        per_node = [state.values(node, str(PROV.wasDerivedFrom)) for node in nodes]
        shared = set.intersection(*per_node) if per_node else set()
        chosen = shared or (per_node[0] if per_node else set())
        return [self._passage(state, p) for p in sorted(chosen, key=str) if isinstance(p, ox.NamedNode)]

    def _passage(self, state: State, node: ox.NamedNode) -> Passage:
        quote = _pick(state.values(node, str(GOV.quote)), "da")
        documents = sorted(state.values(node, str(DCTERMS.isPartOf)), key=str)
        document = None
        if documents and isinstance(documents[0], ox.NamedNode):
            doc = documents[0]
            identifier = _pick(state.values(doc, str(DCTERMS.identifier)), self.lang)
            title = self.text(doc, (str(DCTERMS.title),))
            slug = slug_of(doc.value, self.base)
            document = DocumentRef(iri=doc.value, slug=slug, identifier=identifier, title=title)
        return Passage(iri=node.value, quote=quote, document=document)


def _pick(values: set[Node], lang: str) -> str | None:
    literals = sorted((v for v in values if isinstance(v, ox.Literal)), key=lambda v: v.value)
    other = "en" if lang == "da" else "da"
    for wanted in (lang, other, None):
        for literal in literals:
            if (literal.language or None) == wanted:
                return literal.value
    return literals[0].value if literals else None
