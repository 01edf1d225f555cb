"""The responsibility matrix of the DMCG.dk agreement, checked against a reading of the text by hand."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from govkg.cli import main
from govkg.errors import NotFound
from govkg.secretariat import Raci, raci
from govkg.store import Store
from tests.live import LiveServer

AGREEMENT = "aftale-dmcg-regionerne"
DMCG_ONLY = {"dmcg-dk": "R", "regionerne": "I"}  # "DMCG.dk skal …" towards the regions, no line above DMCG.dk

# Read from data/dmcg-samarbejdsaftale.ttl and seed 000 ("Samarbejdsaftale mellem DMCG.dk og regionerne"):
# the 16 duties stated in the agreement itself (the 2012 decision's four are another agreement). Lines that
# matter: "DMCG.dk rådgiver særligt regionerne" (dmcg-dk gov:advises regionerne: C on the regions' duties)
# and "Personen … refererer til lederen af RKKP" (rkkp-ressourceperson org:reportsTo rkkp-leder: A).
EXPECTED: dict[str, dict[str, str]] = {
    "obl-dmcg-afgraensning": {"dmcg-dk": "R", "regionerne": "R"},  # "Parterne er enige om …": both
    "obl-dmcg-cancerbiobank": DMCG_ONLY,
    "obl-dmcg-data-til-raadighed": DMCG_ONLY,
    "obl-dmcg-faelles-indgang": {"dmcg-dk": "R", "regionerne": "I", "danske-regioner": "I"},
    "obl-dmcg-gensidigt-samarbejde": {"formand-dmcg-dk": "R", "rkkp-ressourceperson": "R", "rkkp-leder": "A"},
    "obl-dmcg-hoeringer": DMCG_ONLY,
    "obl-dmcg-indgangsport": {"regionerne": "R", "dmcg-dk": "C", "formand-dmcg-dk": "I"},
    "obl-dmcg-multidisciplinaert-samarbejde": DMCG_ONLY,
    "obl-dmcg-national-enighed": DMCG_ONLY,
    "obl-dmcg-raadgive-dmcg-miljoeet": DMCG_ONLY,
    "obl-dmcg-raadgive-tiltag": DMCG_ONLY,
    "obl-dmcg-regionale-repraesentanter-kommunikationsled": {
        "dmcg-dk-fu-regional-repraesentant-oest": "R",
        "dmcg-dk-fu-regional-repraesentant-vest": "R",
        "dmcg-dk": "I",
        "regionerne": "I",
    },
    "obl-dmcg-regioner-bindeled": {"regionerne": "R", "dmcg-dk": "C", "dmcg-erne": "I"},
    "obl-dmcg-repraesentere-dmcg-erne": DMCG_ONLY,
    "obl-dmcg-ressourceperson-opfoelgning": {"rkkp-ressourceperson": "R", "rkkp-leder": "A", "regionerne": "I"},
    "obl-dmcg-tillid": DMCG_ONLY,
}


@pytest.fixture(scope="module")
def matrix(seed_store: Store) -> Raci:
    return raci(seed_store, AGREEMENT)


def test_the_dmcg_matrix_is_the_one_read_by_hand(matrix: Raci) -> None:
    assert {row.duty.slug: row.cells for row in matrix.rows} == EXPECTED


def test_every_row_carries_its_passage_and_the_doers_stand_left(matrix: Raci) -> None:
    assert all(row.passages and all(p.quote for p in row.passages) for row in matrix.rows)
    follow_up = next(r for r in matrix.rows if r.duty.slug == "obl-dmcg-ressourceperson-opfoelgning")
    assert any("ressourceperson med klinisk baggrund" in (p.quote or "") for p in follow_up.passages)
    columns = [p.slug for p in matrix.parties]
    assert set(columns) == {party for cells in EXPECTED.values() for party in cells}
    assert columns.index("rkkp-leder") > columns.index("rkkp-ressourceperson"), "R columns come before A-only ones"


def test_the_matrix_goes_out_as_csv_markdown_and_xlsx(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["raci", "--agreement", AGREEMENT, "--format", "csv", "--lang", "da"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0][:3] == ["Forpligtelse", "Handling", "Hyppighed"] and rows[0][-1] == "Kilde"
    assert len(rows) == 1 + len(EXPECTED)
    leader = rows[0].index("Leder af RKKP")
    follow_up = next(r for r in rows if r[0] == "Opfølgning på DMCG’ernes puljestøttede opgaver")
    assert follow_up[leader] == "A" and "000_11c072360ca85c81.txt" in follow_up[-1]
    markdown = runner.invoke(main, ["raci", "--agreement", AGREEMENT])
    assert markdown.exit_code == 0 and markdown.output.count("\n| ") == 1 + len(EXPECTED)
    out = tmp_path / "raci.xlsx"
    assert (
        runner.invoke(
            main, ["raci", "--agreement", AGREEMENT, "--format", "xlsx", "--lang", "en", "-o", str(out)]
        ).exit_code
        == 0
    )
    sheet = load_workbook(out).active
    assert sheet.max_row == 1 + len(EXPECTED) and sheet.cell(1, 1).value == "Duty"
    assert runner.invoke(main, ["raci", "--agreement", AGREEMENT, "--format", "xlsx"]).exit_code == 2
    assert runner.invoke(main, ["raci", "--agreement", "no-such-agreement"]).exit_code == 1


def test_only_agreements_have_a_matrix(seed_store: Store) -> None:
    with pytest.raises(NotFound, match="not an agreement"):
        raci(seed_store, "dmcg-dk")
    with pytest.raises(NotFound):
        raci(seed_store, "no-such-agreement")


@pytest.mark.server
def test_the_matrix_over_http(server: LiveServer) -> None:
    response = httpx.get(f"{server.url}/api/raci", params={"agreement": AGREEMENT}, timeout=60)
    assert response.status_code == 200
    body = Raci.model_validate(response.json())
    assert {row.duty.slug: row.cells for row in body.rows} == EXPECTED
    sheet = httpx.get(f"{server.url}/api/raci", params={"agreement": AGREEMENT, "format": "xlsx"}, timeout=60)
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"
    assert httpx.get(f"{server.url}/api/raci", params={"agreement": "nope"}, timeout=60).status_code == 404
