"""The source documents loaded and the agreements drawn from each, with a few counts."""

from __future__ import annotations

from collections import defaultdict

from govkg.answers.facts import optional, value
from govkg.answers.index import index_of
from govkg.answers.models import AgreementSummary, Document, Lang
from govkg.answers.vocab import slug_of
from govkg.namespaces import ID
from govkg.questions import question
from govkg.store import Store


def documents(store: Store, lang: Lang = "en", base: str = str(ID)) -> list[Document]:
    """Every loaded source document (by identifier), with its named graph, counts and agreements."""
    index = index_of(store, base)
    sizes = {value(r["graph"]): int(value(r["triples"])) for r in store.query(question("graph_sizes")).records()}
    counts = {
        value(r["document"]): (int(value(r["passages"])), int(value(r["things"])))
        for r in store.query(question("document_counts")).records()
    }
    agreements: dict[str, dict[str, AgreementSummary]] = defaultdict(dict)
    for r in store.query(question("agreements")).records():
        iri, status = value(r["agreement"]), optional(r.get("status"))
        summary = AgreementSummary(
            iri=iri,
            slug=slug_of(iri, base),
            label=index.label(iri, lang),
            status=index.term(status, lang) if status else None,
            date=optional(r.get("date")),
            parties=int(value(r["parties"])),
            obligations=int(value(r["obligations"])),
        )
        agreements[optional(r.get("document")) or ""].setdefault(iri, summary)
    found: dict[str, Document] = {}
    for r in store.query(question("documents")).records():
        iri, graph = value(r["document"]), value(r["graph"])
        passages, sourced = counts.get(iri, (0, 0))
        found.setdefault(
            iri,
            Document(
                iri=iri,
                slug=slug_of(iri, base),
                identifier=optional(r.get("identifier")),
                title=optional(r.get("title")),
                date=optional(r.get("date")),
                graph=graph,
                triples=sizes.get(graph, 0),
                passages=passages,
                sourced=sourced,
                agreements=list(agreements.get(iri, {}).values()),
            ),
        )
    return sorted(found.values(), key=lambda d: (d.identifier or "", d.iri))
