"""What is loaded, in numbers a person can take in: documents, and how many things of each kind."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from govkg.namespaces import curie
from govkg.store import Store

KINDS_QUERY = """
PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?kind (COUNT(DISTINCT ?thing) AS ?count) WHERE {
  VALUES ?kind { gov:Body org:FormalOrganization org:OrganizationalUnit org:OrganizationalCollaboration
                 org:Post foaf:Person org:Membership gov:Agreement gov:Obligation gov:Mandate gov:Passage }
  ?class rdfs:subClassOf* ?kind .
  ?thing a ?class .
} GROUP BY ?kind ORDER BY DESC(?count)
"""

DOCUMENTS_QUERY = """
PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?doc ?identifier ?title ?date (COUNT(DISTINCT ?passage) AS ?passages) WHERE {
  ?doc a gov:SourceDocument ; dct:identifier ?identifier .
  OPTIONAL { ?doc dct:title ?title }
  OPTIONAL { ?doc dct:date ?date }
  OPTIONAL { ?passage dct:isPartOf ?doc }
} GROUP BY ?doc ?identifier ?title ?date ORDER BY ?identifier
"""


@dataclass(frozen=True)
class DocumentSummary:
    """A loaded source document and how many passages of it the graph quotes."""

    iri: str
    identifier: str
    title: str
    date: str | None
    passages: int


@dataclass(frozen=True)
class Overview:
    """Counts per kind of thing, and the documents they come from."""

    triples: int
    graphs: int
    kinds: dict[str, int]
    documents: list[DocumentSummary]


def _text(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else ""


def overview(store: Store) -> Overview:
    """Summarise the store's current dataset."""
    kinds = {curie(_text(r["kind"])): int(_text(r["count"])) for r in store.query(KINDS_QUERY).records()}
    documents = [
        DocumentSummary(
            iri=_text(r["doc"]),
            identifier=_text(r["identifier"]),
            title=_text(r.get("title")),
            date=_text(r["date"]) if "date" in r else None,
            passages=int(_text(r["passages"])),
        )
        for r in store.query(DOCUMENTS_QUERY).records()
    ]
    return Overview(store.triple_count(), len(store.graph_names()), kinds, documents)
