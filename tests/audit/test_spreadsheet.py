"""The audit as spreadsheets: CSV and XLSX from the command line and the API, read back with the csv module
and openpyxl, hold exactly what the JSON holds."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import httpx
import openpyxl
import pytest
from click.testing import CliRunner

from govkg.audit.model import Acceptance, AuditReport, Finding, SourceRef
from govkg.audit.schema import AuditReportModel, FindingModel
from govkg.audit.spreadsheet import FINDING_COLUMNS, FORMULA_START, RULE_COLUMNS, render_csv, render_xlsx
from govkg.cli import main
from tests.audit.conftest import WAIVERS
from tests.live import LiveServer

TIMEOUT = 60.0
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Row = list[str | bool]


def expected_row(f: FindingModel) -> Row:
    """A finding's row as the JSON gives it (before any spreadsheet quoting)."""
    a = f.accepted
    return [
        f.severity,
        f.rule,
        f.rule_name,
        f.focus_label,
        f.focus,
        f.slug or "",
        f.message,
        f.path or "",
        f.value or "",
        "\n".join(s.document for s in f.sources),
        "\n".join(s.quote for s in f.sources),
        a is not None,
        a.reason if a else "",
        a.accepted_by_label if a else "",
        a.accepted_on if a else "",
        (a.expires or "") if a else "",
    ]


def as_csv(row: Row) -> list[str]:
    cells = [("true" if v else "false") if isinstance(v, bool) else v for v in row]
    return ["'" + c if c.startswith(FORMULA_START) else c for c in cells]


def csv_rows(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == FINDING_COLUMNS
    return rows[1:]


def xlsx_sheets(data: bytes) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        sheet.title: [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def check_xlsx(data: bytes, body: AuditReportModel) -> None:
    sheets = xlsx_sheets(data)
    assert list(sheets) == ["findings", "rules", "about"]
    assert tuple(sheets["findings"][0]) == FINDING_COLUMNS
    assert sheets["findings"][1:] == [expected_row(f) for f in body.findings]
    assert tuple(sheets["rules"][0]) == RULE_COLUMNS
    accepted = {r.rule: sum(1 for f in body.findings if f.rule == r.rule and f.accepted) for r in body.rules}
    assert sheets["rules"][1:] == [
        [r.rule, r.rule_name, r.severity, r.count, accepted[r.rule], r.count - accepted[r.rule]] for r in body.rules
    ]
    assert dict(sheets["about"])["lang"] == body.lang  # each CLI run is a new dataset version


def cli(*args: str) -> bytes:
    env = {"GOVKG_EXTRA_PATHS": "[]", "GOVKG_ACCEPTED_PATHS": json.dumps([str(WAIVERS)])}
    result = CliRunner().invoke(main, ["audit", "--fail-on", "never", "--as-of", "2026-12-05", *args], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def test_the_cli_csv_and_xlsx_hold_what_the_json_holds(tmp_path: Path) -> None:
    body = AuditReportModel.model_validate_json(cli("--format", "json", "--lang", "da"))
    assert any(f.accepted for f in body.findings) and body.lang == "da"
    assert csv_rows(cli("--format", "csv", "--lang", "da").decode("utf-8")) == [
        as_csv(expected_row(f)) for f in body.findings
    ]
    out = tmp_path / "audit.xlsx"
    cli("--format", "xlsx", "-o", str(out), "--lang", "da")
    check_xlsx(out.read_bytes(), body)


def test_text_that_looks_like_a_formula_stays_text() -> None:
    finding = Finding(
        focus="https://w3id.org/govkg/id/x",
        focus_label='=HYPERLINK("http://example.invalid","click")',
        rule="https://w3id.org/govkg/shapes#R",
        rule_name="+rule",
        constraint="",
        severity="warning",
        message="-1",
        path=None,
        value="@x",
        sources=(SourceRef("a.txt", "A", "first"), SourceRef("b.txt", "B", "second")),
        accepted=Acceptance(
            "https://w3id.org/govkg/id/e", "why", "https://w3id.org/govkg/id/p", "P", "2026-01-01", None
        ),
    )
    report = AuditReport([finding], False, '"v-1"', __import__("rdflib").Graph(), "en")
    row = csv_rows(render_csv(report))[0]
    assert row[FINDING_COLUMNS.index("entity")].startswith("'=HYPERLINK")
    assert row[FINDING_COLUMNS.index("rule_name")] == "'+rule" and row[FINDING_COLUMNS.index("value")] == "'@x"
    assert row[FINDING_COLUMNS.index("passages")] == "first\nsecond"
    cells = xlsx_sheets(render_xlsx(report))["findings"][1]
    assert cells[FINDING_COLUMNS.index("entity")] == finding.focus_label, "stored as text, not a formula"
    assert cells[FINDING_COLUMNS.index("accepted")] is True and cells[FINDING_COLUMNS.index("expires")] == ""


@pytest.mark.server
def test_the_api_gives_csv_and_xlsx_by_accept_or_format(waived_server: LiveServer) -> None:
    url = f"{waived_server.url}/api/audit"
    for query in ("", "?lang=da&accepted=open&severity=warning", "?under=aarhus-ccc&rule=BodyMandateOpenShape"):
        body = AuditReportModel.model_validate(httpx.get(url + query, timeout=TIMEOUT).json())
        sep = "&" if query else "?"
        by_accept = httpx.get(url + query, headers={"accept": "text/csv"}, timeout=TIMEOUT)
        by_format = httpx.get(f"{url}{query}{sep}format=csv", headers={"accept": "application/json"}, timeout=TIMEOUT)
        for response in (by_accept, by_format):
            assert response.status_code == 200 and response.headers["content-type"] == "text/csv; charset=utf-8"
            assert response.headers["content-disposition"].startswith("attachment; filename=")
            assert csv_rows(response.text) == [as_csv(expected_row(f)) for f in body.findings]
        xlsx = httpx.get(url + query, headers={"accept": XLSX}, timeout=TIMEOUT)
        assert xlsx.status_code == 200 and xlsx.headers["content-type"] == XLSX
        check_xlsx(xlsx.content, body)
        assert httpx.get(f"{url}{query}{sep}format=xlsx", timeout=TIMEOUT).content[:2] == b"PK"
