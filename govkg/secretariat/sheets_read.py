"""Reading a workbook (``.xlsx``) or CSV files (one per sheet, named for it: ``duties.csv``) into rows.

Rows keep the number a spreadsheet shows (the header is row 1), so every message can say ``sheet!row``.
Sheets the template does not know (a ``help`` sheet, a user's notes) are skipped; unknown columns are not.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from govkg.errors import GovkgError
from govkg.secretariat.template import SHEET

_SPLIT = re.compile(r"[,\s]+")


class SheetError(GovkgError):
    """A workbook that cannot become Turtle; ``problems`` are ``sheet!row: message`` lines. Nothing was written."""

    code = "SHEET_ERROR"

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Row:
    """One row of a sheet, its cells by column name (empty cells absent)."""

    sheet: str
    number: int
    cells: dict[str, str]

    @property
    def where(self) -> str:
        """``sheet!row``, as a spreadsheet names a row."""
        return f"{self.sheet}!{self.number}"

    def get(self, column: str) -> str:
        """The cell's text ('' when empty)."""
        return self.cells.get(column, "")

    def values(self, column: str) -> list[str]:
        """The cell's comma- or space-separated values."""
        return [v for v in _SPLIT.split(self.get(column)) if v]


def cell_text(value: object) -> str:
    """A cell as text: dates as ISO dates, whole numbers without '.0', everything stripped."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def rows_of(sheet: str, table: Iterable[Sequence[object]]) -> list[Row]:
    """The rows of one sheet from its table of cells (header first).

    Raises:
        SheetError: a header names a column the sheet does not have.
    """
    lines = iter(table)
    header = [cell_text(c).casefold() for c in next(lines, [])]
    known = set(SHEET[sheet].headers)
    unknown = [h for h in header if h and h not in known]
    if unknown:
        raise SheetError([f"{sheet}!1: unknown column {', '.join(map(repr, unknown))}; known: {', '.join(known)}"])
    rows = []
    for number, line in enumerate(lines, start=2):
        cells = {h: cell_text(v) for h, v in zip(header, line, strict=False) if h and cell_text(v)}
        if cells:
            rows.append(Row(sheet, number, cells))
    return rows


def read_sheets(paths: Sequence[Path]) -> list[Row]:
    """The rows of an ``.xlsx`` workbook or of ``<sheet>.csv`` files.

    Raises:
        SheetError: a file cannot be read, a CSV is not named after a sheet, or a column is unknown.
    """
    rows: list[Row] = []
    for path in paths:
        try:
            if path.suffix.casefold() == ".xlsx":
                book = load_workbook(path, read_only=True, data_only=True)
                for sheet in book.worksheets:
                    if sheet.title.casefold() in SHEET:
                        rows += rows_of(sheet.title.casefold(), sheet.iter_rows(values_only=True))
                book.close()
            elif path.suffix.casefold() == ".csv":
                name = path.stem.casefold()
                if name not in SHEET:
                    raise SheetError([f"{path.name}: name a CSV file after its sheet: {', '.join(SHEET)} (.csv)"])
                with path.open(encoding="utf-8-sig", newline="") as handle:
                    rows += rows_of(name, csv.reader(handle))
            else:
                raise SheetError([f"{path.name}: give an .xlsx workbook or .csv files"])
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise SheetError([f"{path.name}: cannot read it: {exc}"]) from exc
    return rows
