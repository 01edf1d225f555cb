"""The audit as a spreadsheet to hand on: CSV (the findings) or XLSX (findings, counts per rule, about).

Columns have stable English keys; the cells hold the report's language. A finding's passages and
their documents are joined by line breaks, in the same order. Text that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@`` first) is neutralised: CSV prefixes it with ``'``, XLSX stores it as
plain text.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from govkg.audit.describe import slug
from govkg.audit.model import AuditReport, Finding
from govkg.audit.schema import rule_summaries

FINDING_COLUMNS = (
    "severity",
    "rule",
    "rule_name",
    "entity",
    "focus",
    "slug",
    "message",
    "path",
    "value",
    "documents",
    "passages",
    "accepted",
    "reason",
    "accepted_by",
    "accepted_on",
    "expires",
)
RULE_COLUMNS = ("rule", "rule_name", "severity", "count", "accepted", "open")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | bool


def finding_row(finding: Finding) -> list[Cell]:
    """One finding as a row of :data:`FINDING_COLUMNS`."""
    accepted = finding.accepted
    return [
        finding.severity,
        finding.rule,
        finding.rule_name,
        finding.focus_label,
        finding.focus,
        slug(finding.focus) or "",
        finding.message,
        finding.path or "",
        finding.value or "",
        "\n".join(s.document for s in finding.sources),
        "\n".join(s.quote for s in finding.sources),
        accepted is not None,
        accepted.reason if accepted else "",
        accepted.accepted_by_label if accepted else "",
        accepted.accepted_on if accepted else "",
        (accepted.expires or "") if accepted else "",
    ]


def rule_rows(report: AuditReport) -> list[list[Cell]]:
    """One row of :data:`RULE_COLUMNS` per rule, in the report's order of rules."""
    accepted: dict[str, int] = {}
    for finding in report.findings:
        if finding.accepted is not None:
            accepted[finding.rule] = accepted.get(finding.rule, 0) + 1
    return [
        [r.rule, r.rule_name, r.severity, r.count, accepted.get(r.rule, 0), r.count - accepted.get(r.rule, 0)]
        for r in rule_summaries(report)
    ]


def _csv_cell(value: Cell) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def render_csv(report: AuditReport) -> str:
    """The findings as CSV (RFC 4180, a header row of :data:`FINDING_COLUMNS`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FINDING_COLUMNS)
    writer.writerows([_csv_cell(v) for v in finding_row(f)] for f in report.findings)
    return out.getvalue()


def _append(sheet: Worksheet, row: list[Cell] | tuple[str, ...]) -> None:
    sheet.append(list(row))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"  # text, never a formula


def render_xlsx(report: AuditReport, about: dict[str, str] | None = None) -> bytes:
    """The report as an XLSX workbook: sheets ``findings``, ``rules`` and ``about`` (version, language, scope)."""
    book = Workbook()
    findings = book.active
    assert findings is not None
    findings.title = "findings"
    _append(findings, FINDING_COLUMNS)
    for finding in report.findings:
        _append(findings, finding_row(finding))
    findings.freeze_panes = "A2"
    rules = book.create_sheet("rules")
    _append(rules, RULE_COLUMNS)
    for row in rule_rows(report):
        _append(rules, row)
    info = book.create_sheet("about")
    pairs = {"version": report.version.strip('"'), "lang": report.lang, **(about or {})}
    for key, value in pairs.items():
        _append(info, [key, value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
