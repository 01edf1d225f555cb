"""The few facts the findings' wording needs, fetched from the store for the findings' nodes only.

Labels of the focus nodes, their passages (``prov:wasDerivedFrom``), those passages' quotes and
documents, and the documents' identifiers and titles: a handful of ``VALUES`` queries in batches,
so the cost grows with the number of findings, not with the data, and a remote store sends only
these triples. :class:`FetchedFacts` answers :class:`govkg.audit.describe.Facts` from them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping

import rdflib
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS
from rdflib.term import Node

from govkg.namespaces import GOV

Row = Mapping[str, Node]
Select = Callable[[str], Iterable[Row]]
LABELS = (SKOS.prefLabel, RDFS.label, DCTERMS.title, SKOS.altLabel)
BATCH = 4000


class FetchedFacts:
    """Triples kept as subject → predicate → objects, read like an rdflib graph by the describer."""

    def __init__(self) -> None:
        self._index: defaultdict[Node, defaultdict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))

    def add(self, subject: Node, predicate: Node, obj: Node) -> None:
        objects = self._index[subject][predicate]
        if obj not in objects:
            objects.append(obj)

    def objects(self, subject: Node, predicate: Node, /) -> Iterator[Node]:
        found = self._index.get(subject)
        return iter(found.get(predicate, ()) if found is not None else ())

    def value(self, subject: Node, predicate: Node, /) -> Node | None:
        return next(self.objects(subject, predicate), None)


def fetch(select: Select, facts: FetchedFacts, subjects: Iterable[Node], predicates: Iterable[Node]) -> set[Node]:
    """Add the triples of these subjects with these predicates; the IRI objects met (for the next round)."""
    iris = sorted({s for s in subjects if isinstance(s, rdflib.URIRef)})
    wanted = ", ".join(f"<{p}>" for p in predicates)
    objects: set[Node] = set()
    for start in range(0, len(iris), BATCH):
        values = " ".join(f"<{s}>" for s in iris[start : start + BATCH])
        # a FILTER, not a second VALUES: two VALUES blocks make the store scan every triple
        query = f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o FILTER (?p IN ({wanted})) }}"
        for row in select(query):
            facts.add(row["s"], row["p"], row["o"])
            if isinstance(row["o"], rdflib.URIRef):
                objects.add(row["o"])
    return objects


def fetch_facts(select: Select, focus: Iterable[Node], first_steps: Iterable[Node]) -> FetchedFacts:
    """What :class:`~govkg.audit.describe.Describer` reads about these focus nodes (and the nodes one
    first path step away from them)."""
    facts, focus, steps = FetchedFacts(), set(focus), set(first_steps)
    fetch(select, facts, focus, (*LABELS, PROV.wasDerivedFrom, *steps))
    via = {o for s in focus for step in steps for o in facts.objects(s, step)}
    fetch(select, facts, via - focus, (PROV.wasDerivedFrom,))
    passages = {o for s in focus | via for o in facts.objects(s, PROV.wasDerivedFrom)}
    documents = fetch(select, facts, passages, (DCTERMS.isPartOf, GOV.quote))
    fetch(select, facts, documents, (DCTERMS.identifier, DCTERMS.title))
    return facts
