"""Finding what a person names in a projection: the focus by IRI, slug or name, documents by any alias.

Names are compared as people type them (any case, accents dropped, æ/ø/å as ae/o/oe/a/aa, either
language or an abbreviation); a miss suggests near names.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import networkx as nx

from govkg.answers.index import fold, fold_variants
from govkg.errors import NotFound
from govkg.namespaces import ID
from viz.kinds import compact, expand

__all__ = ["InvalidFilter", "UnknownFocus", "resolve_documents", "resolve_focus"]


class UnknownFocus(NotFound):
    """The focus names nothing the graph draws."""


class InvalidFilter(ValueError):
    """A filter names a type, relation or document the graph does not know."""


def resolve_focus(full: nx.MultiDiGraph, name: str) -> str:
    """The node a focus names: a full IRI, a compact name (``id:rkkp``), a slug in any case, or a name.

    Names are compared as people type them: any case, accents dropped, æ/ø/å as ae/o/oe/a/aa, in either
    language or as an abbreviation.

    Raises:
        UnknownFocus: no node, or more than one, answers to that name; the message suggests near names.
    """
    for candidate in (name, expand(name), f"{ID}{name}"):
        if candidate in full:
            return candidate
    wanted = fold_variants(name.strip())
    names: dict[str, set[str]] = {}
    for node, attrs in full.nodes(data=True):
        slug = str(node)[len(str(ID)) :] if str(node).startswith(str(ID)) else ""
        for text in (attrs["label_da"], attrs["label_en"], *attrs["alt_labels"], slug):
            for folded in fold_variants(text):
                names.setdefault(folded, set()).add(node)
    hits = set().union(*(names.get(w, set()) for w in wanted))
    if len(hits) == 1:
        return str(next(iter(hits)))
    near = difflib.get_close_matches(fold(name), list(names), n=5, cutoff=0.6)
    suggestions = sorted(
        {full.nodes[n]["label_da"] for w in near for n in names[w]} | {full.nodes[n]["label_da"] for n in hits}
    )
    hint = f"; did you mean: {', '.join(suggestions[:8])}?" if suggestions else ""
    raise UnknownFocus(f"the graph has no organisation, body, post, person or agreement called {name!r}{hint}")


def resolve_documents(full: nx.MultiDiGraph, names: Iterable[str]) -> set[str]:
    """Source-document IRIs for names given as IRI, ``id:doc-…``, slug with or without ``doc-``, or seed file.

    Raises:
        InvalidFilter: a name matches no loaded source document.
    """
    aliases: dict[str, str] = {}
    for iri, doc in full.graph["documents"].items():
        local = compact(iri).removeprefix("id:")
        for alias in (iri, compact(iri), local, local.removeprefix("doc-"), doc["identifier"]):
            if alias:
                aliases[alias] = iri
    wanted = {n.strip() for n in names if n.strip()}
    unknown = sorted(n for n in wanted if n not in aliases)
    if unknown:
        raise InvalidFilter(f"unknown document {', '.join(map(repr, unknown))}")
    return {aliases[n] for n in wanted}
