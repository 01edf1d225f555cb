"""Small fact-fetchers shared by the answers: statements about some subjects, and their source passages."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from govkg.answers.index import Index
from govkg.answers.models import Passage, Text
from govkg.namespaces import curie
from govkg.questions import question
from govkg.results import Term as OxTerm
from govkg.store import Store

Statements = dict[str, dict[str, list[ox.NamedNode | ox.Literal]]]
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def value(term: OxTerm | None) -> str:
    """The lexical value of an IRI or literal ('' for anything else)."""
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else ""


def optional(term: OxTerm | None) -> str | None:
    """The lexical value of an IRI or literal, or None when unbound."""
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else None


def nodes(iris: list[str]) -> list[ox.NamedNode]:
    """IRIs as pyoxigraph terms, ready to bind into a question."""
    return [ox.NamedNode(iri) for iri in iris]


def statements(store: Store, subjects: list[str]) -> Statements:
    """Everything said about each subject: predicate IRI -> values (IRIs and literals)."""
    found: Statements = defaultdict(lambda: defaultdict(list))
    if not subjects:
        return {}
    for row in store.query(question("statements", subject=nodes(subjects))).records():
        obj = row["value"]
        if isinstance(obj, ox.NamedNode | ox.Literal):
            found[value(row["subject"])][value(row["predicate"])].append(obj)
    return {s: dict(p) for s, p in found.items()}


def iris(values: list[ox.NamedNode | ox.Literal]) -> list[str]:
    """The IRIs among some values, sorted."""
    return sorted(v.value for v in values if isinstance(v, ox.NamedNode))


def text_in(values: list[ox.NamedNode | ox.Literal], lang: str) -> str | None:
    """The literal in ``lang``, else in the other language, else an untagged one, else any."""
    literals = sorted((v for v in values if isinstance(v, ox.Literal)), key=lambda v: v.value)
    other = "en" if lang == "da" else "da"
    for wanted in (lang, other, None):
        for literal in literals:
            if (literal.language or None) == wanted:
                return literal.value
    return literals[0].value if literals else None


def as_text(literal: ox.Literal) -> Text:
    """A literal as language-tagged or typed text."""
    datatype = literal.datatype.value
    typed = None if literal.language or datatype == _XSD_STRING else curie(datatype)
    return Text(value=literal.value, lang=literal.language or None, datatype=typed)


def passages(store: Store, index: Index, subjects: list[str]) -> dict[str, list[Passage]]:
    """The source passages of each subject, ordered by document identifier and quote."""
    found: dict[str, dict[str, Passage]] = defaultdict(dict)
    if not subjects:
        return {}
    for row in store.query(question("passages", subject=nodes(subjects))).records():
        document = optional(row.get("document"))
        passage = Passage(
            iri=value(row["passage"]),
            quote=optional(row.get("quote")),
            document=None
            if document is None
            else index.document(document, optional(row.get("identifier")), optional(row.get("title"))),
        )
        found[value(row["subject"])].setdefault(passage.iri, passage)
    return {
        subject: sorted(
            by_iri.values(), key=lambda p: ((p.document.identifier or "") if p.document else "", p.quote or "", p.iri)
        )
        for subject, by_iri in found.items()
    }
