"""The responsibility (RACI) matrix of one agreement: a row per duty, a column per party, one letter per cell.

The letters come from the duty and the lines of the graph, never from guesswork:

- **R** (responsible): the duty's obliged parties (``gov:obligedParty``).
- **A** (accountable): whom an obliged party reports to (``X org:reportsTo Y``) and who approves its
  proposals (``Y gov:approves X``).
- **C** (consulted): who advises an obliged party (``Y gov:advises X``) or prepares its cases
  (``Y gov:preparesCasesFor X``).
- **I** (informed): the duty's counterparties (``gov:counterparty``) and whom an obliged party
  informs (``X gov:informs Y``).

A party that earns several letters gets the first of R, A, C, I. A cell stays empty, and a row may
have no A, where the documents name no such line: the matrix shows the gap instead of filling it.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from govkg.answers.facts import value
from govkg.answers.index import index_of
from govkg.answers.models import Answer, Lang, Passage, Ref, Term
from govkg.answers.params import entity_iri
from govkg.errors import NotFound
from govkg.namespaces import GOV, ID, ORG
from govkg.questions import question
from govkg.secretariat.duties import duties
from govkg.store import Store

Letter = Literal["R", "A", "C", "I"]
ORDER: tuple[Letter, ...] = ("R", "A", "C", "I")
FORMATS = ("csv", "xlsx", "markdown")
# For each letter, the lines that give it: (predicate, True when the obliged party is the line's subject).
LINES: dict[Letter, list[tuple[str, bool]]] = {
    "A": [(str(ORG.reportsTo), True), (str(GOV.approves), False)],
    "C": [(str(GOV.advises), False), (str(GOV.preparesCasesFor), False)],
    "I": [(str(GOV.informs), True)],
}
HEADINGS = {
    "da": ("Forpligtelse", "Handling", "Hyppighed", "Kilde"),
    "en": ("Duty", "Action", "Frequency", "Source"),
}


class RaciRow(Answer):
    """One duty: its letters by party key (the party's slug, or its IRI when it has none) and its sources."""

    duty: Ref
    action: str | None = None
    frequency: Term | None = None
    cells: dict[str, Letter]
    passages: list[Passage]


class Raci(Answer):
    """The matrix of one agreement: its parties (the columns, in order) and one row per duty it states."""

    agreement: Ref
    parties: list[Ref]
    rows: list[RaciRow]


def key(ref: Ref) -> str:
    """The column key of a party."""
    return ref.slug or ref.iri


def raci(store: Store, agreement: str, lang: Lang = "en", base: str = str(ID)) -> Raci:
    """The RACI matrix of the duties stated in one agreement.

    Raises:
        NotFound: ``agreement`` is not an entity of the dataset, or not a ``gov:Agreement``.
    """
    index = index_of(store, base)
    iri = entity_iri(store, agreement, index)
    if str(GOV.Agreement) not in index.types.get(iri, []):
        raise NotFound(f"{agreement!r} is not an agreement (gov:Agreement)")
    lines = _lines(store)
    rows: list[RaciRow] = []
    parties: dict[str, Ref] = {}
    for duty in duties(store, agreement=agreement, lang=lang, base=base):
        obligation = duty.obligation
        letters: dict[str, Letter] = {}
        found: dict[Letter, list[str]] = {"R": [r.iri for r in obligation.obliged_parties]}
        for letter, wanted in LINES.items():
            found[letter] = [other for x in found["R"] for p, forward in wanted for other in lines[(x, p, forward)]]
        found["I"] = [*found["I"], *(r.iri for r in obligation.counterparties)]
        for letter in ORDER:
            for party in found.get(letter, []):
                ref = index.ref(party, lang)
                parties.setdefault(party, ref)
                letters.setdefault(key(ref), letter)
        rows.append(
            RaciRow(
                duty=index.ref(obligation.iri, lang),
                action=obligation.action,
                frequency=obligation.frequency,
                cells=letters,
                passages=obligation.passages,
            )
        )
    columns = sorted(parties.values(), key=lambda r: (_first_letter(r, rows), r.label.casefold()))
    return Raci(agreement=index.ref(iri, lang), parties=columns, rows=rows)


def _first_letter(ref: Ref, rows: list[RaciRow]) -> int:
    """Columns with R first, then those with at most A, C, I: the doers stand left."""
    letters = [row.cells[key(ref)] for row in rows if key(ref) in row.cells]
    return min(ORDER.index(letter) for letter in letters)


def _lines(store: Store) -> defaultdict[tuple[str, str, bool], list[str]]:
    """``(x, predicate, True)`` → objects of x's lines, ``(x, predicate, False)`` → subjects of lines to x."""
    found: defaultdict[tuple[str, str, bool], list[str]] = defaultdict(list)
    for row in store.query(question("raci_lines")).records():
        start, predicate, end = value(row["from"]), value(row["relation"]), value(row["to"])
        found[(start, predicate, True)].append(end)
        found[(end, predicate, False)].append(start)
    return found


def table(matrix: Raci, lang: Lang = "en") -> list[list[str]]:
    """The matrix as rows of text: a header, then per duty its label, action, frequency, letters and sources."""
    duty, action, frequency, source = HEADINGS[lang]
    header = [duty, action, frequency, *(p.label for p in matrix.parties), source]
    body = [
        [
            row.duty.label,
            row.action or "",
            row.frequency.label if row.frequency else "",
            *(row.cells.get(key(p), "") for p in matrix.parties),
            "\n".join(_source(p) for p in row.passages),
        ]
        for row in matrix.rows
    ]
    return [header, *body]


def _source(passage: Passage) -> str:
    document = passage.document
    where = (document.identifier or document.title or document.iri) if document else ""
    return f"“{passage.quote}” ({where})"


def to_csv(matrix: Raci, lang: Lang = "en") -> str:
    """The matrix as CSV (RFC 4180, UTF-8): one row per duty."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table(matrix, lang))
    return out.getvalue()


def to_markdown(matrix: Raci, lang: Lang = "en") -> str:
    """The matrix as a Markdown table, fit to paste into minutes."""
    rows = [[cell.replace("|", "\\|").replace("\n", "<br>") for cell in row] for row in table(matrix, lang)]
    header, body = rows[0], rows[1:]
    lines = [f"# RACI: {matrix.agreement.label}", ""]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines) + "\n"


def to_xlsx(matrix: Raci, lang: Lang = "en") -> bytes:
    """The matrix as an Excel workbook: one sheet, header in bold, long texts wrapped."""
    book = Workbook()
    sheet = book.active
    sheet.title = "RACI"
    for row in table(matrix, lang):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(matrix: Raci, fmt: str, lang: Lang = "en") -> bytes:
    """The matrix in one of :data:`FORMATS`."""
    if fmt == "xlsx":
        return to_xlsx(matrix, lang)
    text = to_markdown(matrix, lang) if fmt == "markdown" else to_csv(matrix, lang)
    return text.encode("utf-8")
