"""Turning what a user typed (a slug, a type name, a frequency) into IRIs, or saying clearly why not."""

from __future__ import annotations

import re

import pyoxigraph as ox

from govkg.answers.facts import value
from govkg.answers.index import Index, fold
from govkg.answers.vocab import expand, local_name
from govkg.errors import InvalidParameter, NotFound
from govkg.namespaces import CV, FOAF, GOV, ORG, PROV, SKOS, curie
from govkg.questions import question
from govkg.store import Store

SLUG = r"^[A-Za-z0-9][A-Za-z0-9._~-]*$"
_SLUG = re.compile(SLUG)
# Where a bare class name is looked for, in this order: own terms first, then the standards.
_CLASS_NAMESPACES = [str(GOV), str(ORG), str(CV), str(FOAF), str(PROV), str(SKOS)]


def entity_iri(store: Store, slug: str, index: Index) -> str:
    """The IRI of the entity with this slug.

    Raises:
        NotFound: the slug is malformed, or nothing in the dataset describes or mentions that IRI.
    """
    if not _SLUG.match(slug):
        raise NotFound(f"no entity {slug!r}: a slug is letters, digits, '.', '_', '~' and '-'")
    iri = index.base + slug
    if iri not in index.labels and iri not in index.types:
        mentioned = store.query(question("mentions", entity=[ox.NamedNode(iri)])).boolean
        if not mentioned:
            raise NotFound(f"no entity {slug!r} in the dataset (try /api/entities?q=...)")
    return iri


def resolve_type(store: Store, name: str, index: Index) -> tuple[str, list[str]]:
    """A class named by CURIE (``gov:Network``), full IRI or bare local name (``Body``, any case), and its subclasses.

    Raises:
        InvalidParameter: no class of that name.
    """
    iri = _find_class(name.strip(), index)
    if iri is None:
        known = sorted(curie(c) for c in index.classes if any(c.startswith(ns) for ns in _CLASS_NAMESPACES[:2]))
        raise InvalidParameter("type", f"unknown type {name!r}; known types include {', '.join(known[:30])}")
    rows = store.query(question("subclasses", type=[ox.NamedNode(iri)])).records()
    subclasses = {value(r["class"]) for r in rows if isinstance(r["class"], ox.NamedNode)}
    return iri, sorted(subclasses | {iri})


def _find_class(name: str, index: Index) -> str | None:
    if name in index.classes:
        return name
    expanded = expand(name)
    if expanded is not None:
        return expanded if expanded in index.classes else None
    for namespace in _CLASS_NAMESPACES:
        if namespace + name in index.classes:
            return namespace + name
    by_name = sorted(c for c in index.classes if local_name(c).casefold() == name.casefold())
    preferred = [c for ns in _CLASS_NAMESPACES for c in by_name if c.startswith(ns)]
    return next(iter(preferred or by_name), None)


def resolve_frequency(store: Store, name: str, index: Index) -> str:
    """A frequency concept by CURIE, local name or label in either language (``quarterly``, ``kvartalsvis``).

    Raises:
        InvalidParameter: no frequency concept of that name.
    """
    concepts = sorted(value(r["concept"]) for r in store.query(question("frequencies")).records())
    wanted = fold(name.strip())
    for concept in concepts:
        names = {concept, curie(concept), local_name(concept)} | {x.text for x in index.labels.get(concept, [])}
        if wanted in {fold(n) for n in names}:
            return concept
    offered = ", ".join(curie(c) for c in concepts) or "none are loaded"
    raise InvalidParameter("frequency", f"unknown frequency {name!r}; use one of {offered}")
