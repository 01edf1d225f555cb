"""Workbook rows → Turtle in the project's vocabulary, checked before anything is written.

Each row becomes the triples of one body, post, membership, duty, line, passage or document, with
``prov:wasDerivedFrom`` to the passage its ``document`` and ``quote`` name (an existing passage with
that quote is reused; otherwise one is made, and a quote from a seed document must occur in its
text). Every slug a row names must be made by the workbook or exist in the graph it is imported into.
Then the SHACL shapes run over graph and import together: an integrity violation whose entity or
value the workbook made rejects the import. Completeness gaps (a body without a mandate, say) are
the documents' own and only reported. Problems come back as ``sheet!row: message``; nothing is
written unless there are none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import rdflib
from rdflib.namespace import DCTERMS, ORG, RDF, XSD

from govkg.audit.validate import audit_graphs
from govkg.namespaces import GOV, ID
from govkg.secretariat.sheets_build import Builder, Imported
from govkg.secretariat.sheets_read import Row, SheetError
from govkg.secretariat.sheets_terms import Seeds
from govkg.secretariat.template import SHEETS, slugify

ORDER = {sheet.name: n for n, sheet in enumerate(SHEETS)}


Handler = Callable[[Builder, Row], None]


def _documents(b: Builder, row: Row) -> None:
    iri = b.mint(row, b.own_id(row, "doc " + (row.get("title") or row.get("identifier"))))
    b.add(iri, RDF.type, [GOV.SourceDocument])
    if identifier := row.get("identifier"):
        b.add(iri, DCTERMS.identifier, [rdflib.Literal(identifier)])
        if iri is not None:
            b.docs[identifier] = iri
    if title := row.get("title"):
        b.add(iri, DCTERMS.title, [rdflib.Literal(title, lang="da")])
    if day := row.get("date"):
        datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(day), XSD.date)
        b.add(iri, DCTERMS.date, [rdflib.Literal(day, datatype=datatype)])
    b.names(row, iri)
    if iri is not None:
        b.docs[str(iri)] = iri


def _passages(b: Builder, row: Row) -> None:
    doc = b.document(row, row.get("document")) if row.get("document") else None
    if doc is None or not row.get("quote"):
        if doc is None and not row.get("document"):
            b.problems.append(f"{row.where}: cite a document and a verbatim quote (columns document, quote)")
        return
    own = b.ref(row, "id", row.get("id")) if row.get("id") else None
    b.passage(row, doc, row.get("quote"), own)


def _bodies(b: Builder, row: Row) -> None:
    iri = b.mint(row, b.own_id(row, row.get("name_da")))
    kinds = b.term(row, "kind", b.vocabulary.kinds, open_curies=True)
    if not row.get("kind"):
        b.problems.append(f"{row.where}: kind: say what kind of body it is (e.g. gov:SteeringGroup)")
    b.add(iri, RDF.type, kinds)
    b.names(row, iri)
    b.add(iri, ORG.subOrganizationOf, b.refs(row, "parent"))
    b.add(iri, GOV.standing, b.term(row, "standing", b.vocabulary.standings))
    b.cite(row, iri)


def _posts(b: Builder, row: Row) -> None:
    iri = b.mint(row, b.own_id(row, row.get("name_da")))
    b.add(iri, RDF.type, [ORG.Post])
    b.names(row, iri)
    b.add(iri, ORG.postIn, b.refs(row, "in_body"))
    b.add(iri, ORG.heldBy, b.refs(row, "holder"))
    b.add(iri, ORG.role, b.term(row, "role", b.vocabulary.roles))
    b.add(iri, GOV.standing, b.term(row, "standing", b.vocabulary.standings))
    b.cite(row, iri)


def _memberships(b: Builder, row: Row) -> None:
    members, bodies = b.refs(row, "member"), b.refs(row, "organization")
    if not members or not bodies:
        b.problems.append(f"{row.where}: a membership needs a member and an organization")
    fallback = "m " + " ".join(str(x)[len(b.base) :] for x in [*members[:1], *bodies[:1]])
    iri = b.mint(row, b.own_id(row, fallback) if row.get("id") else b.ref(row, "id", slugify(fallback, 40)))
    b.add(iri, RDF.type, [ORG.Membership])
    b.names(row, iri)
    b.add(iri, ORG.member, members)
    b.add(iri, ORG.organization, bodies)
    b.add(iri, ORG.role, b.term(row, "role", b.vocabulary.roles))
    b.cite(row, iri)


def _duties(b: Builder, row: Row) -> None:
    iri = b.mint(row, b.own_id(row, "obl " + (row.get("name_da") or row.get("action_da"))))
    if not row.get("action_da") and not row.get("action_en"):
        b.problems.append(f"{row.where}: say what must be done (action_da or action_en)")
    b.add(iri, RDF.type, [GOV.Obligation])
    b.names(row, iri)
    b.names(row, iri, prefix="action")
    b.add(iri, GOV.obligedParty, b.refs(row, "party"))
    b.add(iri, GOV.counterparty, b.refs(row, "counterparty"))
    b.add(iri, GOV.frequency, b.term(row, "frequency", b.vocabulary.frequencies))
    b.add(iri, GOV.statedIn, b.refs(row, "agreement"))
    b.add(iri, GOV.venue, b.refs(row, "venue"))
    b.cite(row, iri)


def _lines(b: Builder, row: Row) -> None:
    starts, ends = b.refs(row, "from"), b.refs(row, "to")
    relations = b.term(row, "relation", b.vocabulary.relations)
    if not (starts and ends and row.get("relation")):
        b.problems.append(f"{row.where}: a line needs from, relation and to")
    for start in starts:
        b.out.origin.setdefault(start, row.where)
        for relation in relations:
            b.add(start, relation, ends)
        b.cite(row, start)


HANDLERS: dict[str, Handler] = {
    "documents": _documents,
    "passages": _passages,
    "bodies": _bodies,
    "posts": _posts,
    "memberships": _memberships,
    "duties": _duties,
    "lines": _lines,
}
REFERENCES = {
    "bodies": ("parent",),
    "posts": ("in_body", "holder"),
    "memberships": ("member", "organization"),
    "duties": ("party", "counterparty", "agreement", "venue", "passages"),
    "lines": ("from", "to", "passages"),
}
for _sheet in ("bodies", "posts", "memberships"):
    REFERENCES[_sheet] = (*REFERENCES[_sheet], "passages")


def import_rows(
    rows: Sequence[Row],
    context: rdflib.Graph,
    ontology: rdflib.Graph,
    shapes: rdflib.Graph | None = None,
    gap_rules: frozenset[str] = frozenset(),
    seeds: Path | None = None,
    base: str = str(ID),
) -> Imported:
    """The Turtle graph a workbook's rows make, checked against the graph it joins.

    Args:
        rows: the workbook's rows (:func:`govkg.secretariat.sheets_read.read_sheets`).
        context: the data the import joins (not including what it replaces).
        ontology: the ontology, for classes and concept schemes.
        shapes: the SHACL shapes; None skips that check.
        gap_rules: IRIs of completeness rules, reported in ``gaps`` instead of rejecting.
        seeds: folder of the seed texts, to check quotes from seed documents.
        base: the namespace of our entity IRIs.

    Raises:
        SheetError: with every problem as ``sheet!row: message``.
    """
    builder = Builder(context, ontology, Seeds(seeds), base)
    ordered = sorted(rows, key=lambda r: (ORDER[r.sheet], r.number))
    for row in ordered:  # first the documents and passages others cite
        if row.sheet in ("documents", "passages"):
            HANDLERS[row.sheet](builder, row)
    for row in ordered:
        if row.sheet not in ("documents", "passages") and row.get("id"):
            builder.mint(row, builder.ref(row, "id", row.get("id")))
    for row in ordered:
        if row.sheet not in ("documents", "passages"):
            HANDLERS[row.sheet](builder, row)
    builder.check_known(ordered, REFERENCES)
    if builder.problems:
        raise SheetError(_sorted(builder.problems))
    if shapes is not None:
        _check_shapes(builder.out, context, ontology, shapes, gap_rules)
    return builder.out


def _sorted(problems: list[str]) -> list[str]:
    def key(problem: str) -> tuple[int, int, str]:
        sheet, _, rest = problem.partition("!")
        number = rest.split(":", 1)[0]
        return ORDER.get(sheet, -1), int(number) if number.isdigit() else 0, problem

    return sorted(dict.fromkeys(problems), key=key)


def _check_shapes(
    out: Imported, context: rdflib.Graph, ontology: rdflib.Graph, shapes: rdflib.Graph, gap_rules: frozenset[str]
) -> None:
    report = audit_graphs(ontology + context + out.graph, shapes)
    problems = []
    for finding in report.findings:
        ends = [rdflib.URIRef(x) for x in (finding.focus, finding.value) if x]
        where = next((out.origin[x] for x in ends if x in out.origin), None)
        if where is None:
            continue
        line = f"{where}: {finding.focus_label}: {finding.message} ({finding.rule_name})"
        if finding.severity == "violation" and finding.rule not in gap_rules:
            problems.append(line)
        else:
            out.gaps.append(line)
    out.gaps[:] = _sorted(out.gaps)
    if problems:
        raise SheetError(_sorted(problems))
