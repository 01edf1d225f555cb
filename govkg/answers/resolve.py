"""Finding the entity a person means: a slug in any case, or a name typed as people type it, and suggestions.

Names are compared folded (case, accents, æ/ø/å as ae/o/oe/a/aa), against every label in either
language and every abbreviation. A name that fits exactly one entity resolves to it; a miss or a
tie raises :class:`NotFound`, and :func:`suggest` offers the closest entities ("did you mean").
"""

from __future__ import annotations

import difflib

from govkg.answers.index import Index, fold, fold_variants, index_of
from govkg.answers.models import Lang, Ref
from govkg.answers.params import entity_iri
from govkg.answers.search import search_entities
from govkg.answers.vocab import slug_of
from govkg.errors import NotFound
from govkg.namespaces import ID
from govkg.store import Store


def resolve_slug(store: Store, text: str, base: str = str(ID)) -> str:
    """The slug of the entity ``text`` names: its slug (any case) or one of its names.

    Raises:
        NotFound: nothing, or more than one entity, goes by that name.
    """
    index = index_of(store, base)
    if base + text in index.labels or base + text in index.types:
        return text
    wanted = text.strip()
    by_slug = [s for s in _slugs(index) if s.casefold() == wanted.casefold()]
    if len(by_slug) == 1:
        return by_slug[0]
    variants = fold_variants(wanted)
    named = sorted({iri for iri in index.entities() for label in index.labels.get(iri, []) if variants & label.folded})
    if len(named) == 1:
        return slug_of(named[0], index.base) or text
    if len(named) > 1:
        found = ", ".join(slug_of(iri, index.base) or iri for iri in named[:8])
        raise NotFound(f"{text!r} names more than one entity: {found}")
    entity_iri(store, text, index)  # mentioned somewhere without a name: still an entity
    return text


def suggest(store: Store, text: str, lang: Lang = "da", base: str = str(ID), limit: int = 5) -> list[Ref]:
    """Entities whose name or slug comes closest to ``text``: search hits first, then near spellings."""
    index = index_of(store, base)
    hits = search_entities(store, text.replace("-", " "), None, lang, limit, base).items
    chosen = [h.iri for h in hits]
    names: dict[str, str] = {}
    for iri in index.entities():
        for label in index.labels.get(iri, []):
            for folded in label.folded:
                names.setdefault(folded, iri)
        names.setdefault(fold((slug_of(iri, index.base) or "").replace("-", " ")), iri)
    for close in difflib.get_close_matches(fold(text.replace("-", " ")), list(names), n=limit * 3, cutoff=0.6):
        if names[close] not in chosen:
            chosen.append(names[close])
    return [index.ref(iri, lang) for iri in chosen[:limit]]


def _slugs(index: Index) -> list[str]:
    return [s for s in (slug_of(iri, index.base) for iri in index.entities()) if s]
