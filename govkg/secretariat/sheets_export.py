"""Today's graph → the authoring workbook, so a secretariat can edit it and bring it back.

The same sheets and columns as the template (:mod:`govkg.secretariat.template`), a ``help`` sheet first.
Each row cites the first of its passages in ``document`` and ``quote`` and lists them all in ``passages``;
a line cites the passages of the entity it starts at (the graph keeps no passage per line).
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import rdflib
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS

from govkg.namespaces import GOV, ID
from govkg.secretariat.sheets_terms import cell_of
from govkg.secretariat.template import LINE_PREDICATES, SHEETS, body_classes

Table = dict[str, list[dict[str, str]]]


class Exporter:
    """Reads one data graph into rows, a sheet at a time."""

    def __init__(self, data: rdflib.Graph, ontology: rdflib.Graph, base: str) -> None:
        self.data, self.ontology, self.base = data, ontology, base

    def join(self, terms: Iterable[rdflib.term.Node]) -> str:
        return ", ".join(sorted(cell_of(t, self.base) for t in terms))

    def values(self, subject: rdflib.term.Node, predicate: rdflib.URIRef) -> str:
        return self.join(self.data.objects(subject, predicate))

    def text(self, subject: rdflib.term.Node, predicate: rdflib.URIRef, lang: str | None = None) -> str:
        found = sorted(
            str(o)
            for o in self.data.objects(subject, predicate)
            if isinstance(o, rdflib.Literal) and (lang is None or o.language == lang)
        )
        return "\n".join(found)

    def of_type(self, *types: rdflib.URIRef) -> list[rdflib.URIRef]:
        found = {s for t in types for s in self.data.subjects(RDF.type, t) if isinstance(s, rdflib.URIRef)}
        return sorted(found)

    def cite(self, subject: rdflib.term.Node) -> dict[str, str]:
        passages = sorted(p for p in self.data.objects(subject, PROV.wasDerivedFrom) if isinstance(p, rdflib.URIRef))
        if not passages:
            return {}
        first = passages[0]
        doc = next(iter(self.data.objects(first, DCTERMS.isPartOf)), None)
        return {
            "document": cell_of(doc, self.base) if doc is not None else "",
            "quote": self.text(first, GOV.quote),
            "passages": self.join(passages),
        }

    def names(
        self, subject: rdflib.term.Node, prefix: str = "name", predicate: rdflib.URIRef = SKOS.prefLabel
    ) -> dict[str, str]:
        return {f"{prefix}_{lang}": self.text(subject, predicate, lang) for lang in ("da", "en")}

    def slug(self, subject: rdflib.term.Node) -> str:
        return cell_of(subject, self.base)

    def table(self) -> Table:
        """The rows of every sheet."""
        bodies = self.of_type(*body_classes(self.ontology))
        return {
            "bodies": [
                {
                    "id": self.slug(s),
                    **self.names(s),
                    "kind": self.values(s, RDF.type),
                    "parent": self.values(s, ORG.subOrganizationOf),
                    "standing": self.values(s, GOV.standing),
                    **self.cite(s),
                }
                for s in bodies
            ],
            "lines": [
                {"from": self.slug(s), "relation": cell_of(p, self.base), "to": self.slug(o), **self.cite(s)}
                for p in LINE_PREDICATES
                for s, o in sorted(self.data.subject_objects(p))
            ],
            "posts": [
                {
                    "id": self.slug(s),
                    **self.names(s),
                    "in_body": self.values(s, ORG.postIn),
                    "holder": self.values(s, ORG.heldBy),
                    "role": self.values(s, ORG.role),
                    "standing": self.values(s, GOV.standing),
                    **self.cite(s),
                }
                for s in self.of_type(ORG.Post)
            ],
            "memberships": [
                {
                    "id": self.slug(s),
                    "member": self.values(s, ORG.member),
                    "organization": self.values(s, ORG.organization),
                    "role": self.values(s, ORG.role),
                    **self.names(s),
                    **self.cite(s),
                }
                for s in self.of_type(ORG.Membership)
            ],
            "duties": [
                {
                    "id": self.slug(s),
                    **self.names(s),
                    "party": self.values(s, GOV.obligedParty),
                    **self.names(s, "action", GOV.action),
                    "frequency": self.values(s, GOV.frequency),
                    "counterparty": self.values(s, GOV.counterparty),
                    "agreement": self.values(s, GOV.statedIn),
                    "venue": self.values(s, GOV.venue),
                    **self.cite(s),
                }
                for s in self.of_type(GOV.Obligation)
            ],
            "passages": [
                {"id": self.slug(s), "document": self.values(s, DCTERMS.isPartOf), "quote": self.text(s, GOV.quote)}
                for s in self.of_type(GOV.Passage)
            ],
            "documents": [
                {
                    "id": self.slug(s),
                    "identifier": self.text(s, DCTERMS.identifier),
                    "title": self.text(s, DCTERMS.title),
                    "date": self.text(s, DCTERMS.date),
                    **self.names(s),
                }
                for s in self.of_type(GOV.SourceDocument)
            ],
        }


def write_workbook(table: Table) -> bytes:
    """The workbook: a ``help`` sheet, then one sheet per kind of row, headers in bold, frozen."""
    book = Workbook()
    help_sheet = book.active
    help_sheet.title = "help"
    help_sheet.append(["sheet", "column", "what to write"])
    for sheet in SHEETS:
        for column, meaning in sheet.columns:
            help_sheet.append([sheet.name, column, meaning])
    for sheet in SHEETS:
        out = book.create_sheet(sheet.name)
        out.append(sheet.headers)
        for row in table.get(sheet.name, []):
            out.append([row.get(column, "") for column in sheet.headers])
        out.freeze_panes = "A2"
    for out in book.worksheets:
        for cell in out[1]:
            cell.font = Font(bold=True)
        for line in out.iter_rows(min_row=2):
            for cell in line:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_workbook(data: rdflib.Graph, ontology: rdflib.Graph, base: str = str(ID)) -> bytes:
    """Today's data graph as the authoring workbook."""
    return write_workbook(Exporter(data, ontology, base).table())


def template() -> bytes:
    """The empty authoring workbook: the help sheet and the headers of every sheet."""
    return write_workbook({})
