"""Labels, types and classes of the whole dataset, read in three queries and kept per dataset version.

Every answer names things through this index, so naming costs no query per row. It is small: a
few labels per thing. Search folds labels once here, so a query is compared without accents.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from govkg.answers.cache import per_version
from govkg.answers.models import DocumentRef, Ref, Term
from govkg.answers.vocab import humanise, slug_of, standard_label
from govkg.namespaces import ID, curie
from govkg.questions import question
from govkg.store import Store

_KIND_ORDER = {"pref": 0, "rdfs": 1, "alt": 2}
_DANISH = [  # the first is how a query is folded; a label is searchable by all three
    str.maketrans({"æ": "ae", "ø": "o", "å": "a"}),
    str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}),
    str.maketrans({"æ": "a", "ø": "o", "å": "a"}),
]


def fold(text: str) -> str:
    """Case- and accent-free form of a text: ``Sundhedsdirektørkredsen`` becomes ``sundhedsdirektorkredsen``."""
    return _fold(text, _DANISH[0])


def fold_variants(text: str) -> set[str]:
    """The folded forms a label is searchable by (æ as ae and as a, ø as o and as oe, å as a and as aa)."""
    return {_fold(text, table) for table in _DANISH}


def _fold(text: str, table: dict[int, str]) -> str:
    lowered = text.casefold().translate(table)
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("’", "'").split())


@dataclass(frozen=True)
class Label:
    """One label of a thing, with the folded forms search compares against."""

    kind: str
    text: str
    lang: str
    folded: frozenset[str] = frozenset()


@dataclass
class Index:
    """Labels and types of every IRI in the dataset, and the set of classes."""

    labels: dict[str, list[Label]] = field(default_factory=dict)
    types: dict[str, list[str]] = field(default_factory=dict)
    classes: frozenset[str] = frozenset()
    base: str = str(ID)

    def label(self, iri: str, lang: str) -> str:
        """The best name for ``iri`` in ``lang``: preferred, then rdfs, in lang, the other language, any."""
        other = "en" if lang == "da" else "da"
        candidates = [x for x in self.labels.get(iri, []) if x.kind != "alt"]
        for wanted in (lang, other, ""):
            chosen = sorted((_KIND_ORDER[x.kind], x.text) for x in candidates if x.lang == wanted)
            if chosen:
                return chosen[0][1]
        if candidates:
            return min(x.text for x in candidates)
        alternatives = sorted(x.text for x in self.labels.get(iri, []))
        return standard_label(iri, lang) or (alternatives[0] if alternatives else humanise(iri))

    def ref(self, iri: str, lang: str) -> Ref:
        """A reference to ``iri`` with its label in ``lang``."""
        return Ref(iri=iri, slug=slug_of(iri, self.base), label=self.label(iri, lang))

    def term(self, iri: str, lang: str) -> Term:
        """A vocabulary term with CURIE and label in ``lang``."""
        return Term(iri=iri, curie=curie(iri), label=self.label(iri, lang))

    def type_terms(self, iri: str, lang: str) -> list[Term]:
        """The asserted types of ``iri`` as terms, sorted by CURIE."""
        return sorted((self.term(t, lang) for t in self.types.get(iri, [])), key=lambda t: t.curie)

    def document(self, iri: str, identifier: str | None, title: str | None) -> DocumentRef:
        """A source document reference."""
        return DocumentRef(iri=iri, slug=slug_of(iri, self.base), identifier=identifier, title=title)

    def entities(self) -> list[str]:
        """Our own IRIs (``id:``) that have at least one label, sorted."""
        return sorted(iri for iri in self.labels if slug_of(iri, self.base) is not None)


def _value(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else ""


def build_index(store: Store) -> Index:
    """Read labels, types and classes from the store (three queries)."""
    labels: dict[str, list[Label]] = defaultdict(list)
    for row in store.query(question("labels")).records():
        literal = row["label"]
        lang = (literal.language or "") if isinstance(literal, ox.Literal) else ""
        text = _value(literal)
        labels[_value(row["thing"])].append(Label(_value(row["kind"]), text, lang, frozenset(fold_variants(text))))
    types: dict[str, list[str]] = defaultdict(list)
    for row in store.query(question("types")).records():
        types[_value(row["thing"])].append(_value(row["type"]))
    classes = frozenset(_value(row["class"]) for row in store.query(question("classes")).records())
    return Index(labels=dict(labels), types=dict(types), classes=classes)


def index_of(store: Store, base: str = str(ID)) -> Index:
    """The store's index for its current version (built on first use after each change)."""
    index = per_version(store, "index", build_index)
    if index.base == base:
        return index
    return Index(labels=index.labels, types=index.types, classes=index.classes, base=base)
