"""Finding entities by name: any label, Danish or English, without regard to case or accents.

The ranking is plain and predictable: an exact match beats a prefix, a prefix beats a word start,
a word start beats a substring, and a substring beats "all words somewhere". Within a tier a
preferred label in the asked language beats one in the other language, which beats an
abbreviation (altLabel), which beats the slug typed exactly; then shorter labels win, then the
alphabet.
"""

from __future__ import annotations

from govkg.answers.index import Index, fold, index_of
from govkg.answers.models import EntityHit, Lang, SearchResult
from govkg.answers.params import resolve_type
from govkg.answers.vocab import slug_of
from govkg.namespaces import ID
from govkg.store import Store

Score = tuple[int, int, int, str]
WORD_BREAKS = " -'(/."


def _tier(query: str, candidate: str) -> int | None:
    if query in candidate:
        if candidate == query:
            return 0
        if candidate.startswith(query):
            return 1
        return 2 if _at_word_start(query, candidate) else 3
    words = query.split()
    if len(words) > 1 and all(word in candidate for word in words):
        return 4
    return None


def _at_word_start(query: str, candidate: str) -> bool:
    at = candidate.find(query)
    while at != -1:
        if at == 0 or candidate[at - 1] in WORD_BREAKS:
            return True
        at = candidate.find(query, at + 1)
    return False


def _kind_rank(kind: str, label_lang: str, lang: str) -> int:
    if kind == "alt":
        return 2
    return 0 if label_lang == lang else 1


def best_match(index: Index, iri: str, query: str, lang: str) -> tuple[Score, str] | None:
    """The best score of any label of ``iri`` against a folded query, and that label."""
    best: tuple[Score, str] | None = None
    slug = slug_of(iri, index.base) or ""
    if fold(slug) == query:  # the slug itself, typed exactly, ranks after every exact label
        best = ((0, 3, len(slug), slug), slug)
    for label in index.labels.get(iri, []):
        tiers = [t for t in (_tier(query, v) for v in label.folded) if t is not None]
        if not tiers:
            continue
        score = (min(tiers), _kind_rank(label.kind, label.lang, lang), len(label.text), min(label.folded))
        if best is None or score < best[0]:
            best = (score, label.text)
    return best


def search_entities(
    store: Store,
    q: str | None = None,
    type: str | None = None,
    lang: Lang = "en",
    limit: int = 20,
    base: str = str(ID),
) -> SearchResult:
    """Entities whose labels match ``q`` (all entities when ``q`` is empty), optionally of a type.

    Args:
        store: the dataset.
        q: words to look for in labels; case, accents and æ/ø/å spellings (ae, o/oe, a/aa) do not matter.
        type: a class by CURIE, IRI or local name; instances of its subclasses count too.
        lang: the language of the labels returned.
        limit: most items to return (``total`` says how many matched).
        base: the namespace of our entity IRIs.

    Raises:
        InvalidParameter: ``type`` names no known class.
    """
    index = index_of(store, base)
    type_term = None
    candidates = index.entities()
    if type:
        type_iri, subclasses = resolve_type(store, type, index)
        wanted = set(subclasses)
        candidates = [iri for iri in candidates if wanted.intersection(index.types.get(iri, []))]
        type_term = index.term(type_iri, lang)
    query = fold(q or "")
    scored: list[tuple[Score, str, str]] = []
    for iri in candidates:
        if not query:
            label = index.label(iri, lang)
            scored.append(((0, 0, 0, fold(label)), iri, label))
            continue
        match = best_match(index, iri, query, lang)
        if match is not None:
            scored.append((match[0], iri, match[1]))
    scored.sort()
    items = [
        EntityHit(
            iri=iri,
            slug=slug_of(iri, index.base) or iri,
            label=index.label(iri, lang),
            matched=matched,
            types=index.type_terms(iri, lang),
        )
        for _, iri, matched in scored[:limit]
    ]
    return SearchResult(q=q or None, type=type_term, lang=lang, total=len(scored), items=items)
