"""An entity's concise bounded description as RDF: what ``/id/{slug}`` serves to Turtle and JSON-LD clients.

The description is the entity's own statements, the lines pointing at it, the statements of its
memberships, posts, obligations, mandates and contact points, the source passages of all of these,
and the names of everything mentioned. It is bounded: at most ``limit`` triples, cut in that order
(own statements first) so a huge hub still gets its own facts. Nothing here serialises: that is
the caller's choice of format.
"""

from __future__ import annotations

import pyoxigraph as ox

from govkg.answers.facts import nodes, value
from govkg.answers.index import index_of
from govkg.answers.params import entity_iri
from govkg.namespaces import ID, PROV
from govkg.questions import question
from govkg.store import Store

DEFAULT_LIMIT = 5_000


def entity_description(store: Store, slug: str, base: str = str(ID), limit: int = DEFAULT_LIMIT) -> list[ox.Triple]:
    """The bounded description of the entity with this slug, as triples without duplicates.

    Raises:
        NotFound: no entity with that slug.
    """
    iri = entity_iri(store, slug, index_of(store, base))
    entity = ox.NamedNode(iri)
    related = [value(r["related"]) for r in store.query(question("description_related", entity=[entity])).records()]
    subjects = [iri, *sorted(set(related) - {iri})]
    parts: list[list[ox.Triple]] = [_construct(store, "description", subject=nodes(subjects), limit=limit)]
    parts.append(_construct(store, "lines_into", entity=[entity], limit=limit))
    derived = {t.object for t in parts[0] if t.predicate.value == str(PROV.wasDerivedFrom)}
    passages = sorted({o.value for o in derived if isinstance(o, ox.NamedNode)} - set(subjects))
    if passages:
        parts.append(_construct(store, "description", subject=nodes(passages), limit=limit))
    named = {iri}
    for triples in parts:
        for t in triples:
            for term in (t.subject, t.object):
                if isinstance(term, ox.NamedNode):
                    named.add(term.value)
    parts.append(_construct(store, "names", thing=nodes(sorted(named)), limit=limit))
    seen: dict[ox.Triple, None] = {}
    for triples in parts:
        for triple in triples:
            if len(seen) >= limit:
                return list(seen)
            seen.setdefault(triple, None)
    return list(seen)


def _construct(store: Store, name: str, limit: int, **bindings: list[ox.NamedNode]) -> list[ox.Triple]:
    """A CONSTRUCT question's triples, sorted (stable output), stopping short of the store's result cap."""
    result = store.query(question(name, **bindings), limit=limit * 4)
    return sorted(result.triples, key=str)
