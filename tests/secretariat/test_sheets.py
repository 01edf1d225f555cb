"""Authoring from a spreadsheet: a workbook becomes Turtle equal to a hand-written file, the graph goes out
to a workbook and comes back unchanged, and a broken workbook is refused with the row named."""

from __future__ import annotations

import csv
from pathlib import Path

import httpx
import pytest
import rdflib
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from govkg.cli import main
from govkg.loading import format_files
from govkg.namespaces import GOV
from govkg.secretariat.sheets import data_graph, export_store, gap_rules
from govkg.secretariat.sheets_import import import_rows
from govkg.secretariat.sheets_read import Row, SheetError, read_sheets
from govkg.secretariat.template import SHEETS, covered, slugify
from govkg.store import Store
from tests.conftest import DATA, SEEDS
from tests.live import LiveServer

FIXTURE = DATA / "secretariat"
CSVS = sorted((FIXTURE / "workbook").glob("*.csv"))
DMCG = "000_11c072360ca85c81.txt"


def differences(got: rdflib.Graph, want: rdflib.Graph) -> str:
    _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
    return f"only imported: {sorted(only_got)[:5]}\nonly expected: {sorted(only_want)[:5]}"


def to_xlsx(csvs: list[Path], target: Path) -> Path:
    """The CSV fixture as one workbook, a sheet per file (as a secretariat would keep it)."""
    book = Workbook()
    book.remove(book.active)
    for path in csvs:
        sheet = book.create_sheet(path.stem)
        for row in read_csv_cells(path):
            sheet.append(row)
    book.save(target)
    return target


def read_csv_cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture(scope="module")
def ontology(seed_store: Store) -> rdflib.Graph:
    return seed_store.rdflib_graph(frozenset({"ontology"}))


def run_import(store: Store, ontology: rdflib.Graph, rows: list[Row]) -> rdflib.Graph:
    shapes = store.rdflib_graph(frozenset({"shapes"}))
    return import_rows(rows, data_graph(store), ontology, shapes, gap_rules(store), SEEDS).graph


def test_slugs_follow_the_convention() -> None:
    assert slugify("Sundhedsdirektørkredsen") == "sundhedsdirektoerkredsen"
    assert slugify("Region Sjælland") == "region-sjaelland"
    assert slugify("Rådgive om DMCG-miljøet") == "raadgive-om-dmcg-miljoeet"


def test_the_fixture_workbook_becomes_the_hand_written_turtle(
    seed_store: Store, ontology: rdflib.Graph, tmp_path: Path
) -> None:
    rows = read_sheets([to_xlsx(CSVS, tmp_path / "fixture.xlsx")])
    assert rows == read_sheets(CSVS), "a workbook and one CSV file per sheet read the same"
    got = run_import(seed_store, ontology, rows)
    want = rdflib.Graph().parse(FIXTURE / "expected.ttl")
    assert isomorphic(got, want), differences(got, want)


def test_seed_to_workbook_and_back_is_the_same_graph_for_what_the_template_covers(
    seed_store: Store, ontology: rdflib.Graph, tmp_path: Path
) -> None:
    workbook = tmp_path / "seed.xlsx"
    workbook.write_bytes(export_store(seed_store))
    got = run_import(seed_store, ontology, read_sheets([workbook]))
    want = covered(data_graph(seed_store), ontology)
    assert len(want) > 2000, "the template covers most of the graph: bodies, posts, seats, duties, lines, passages"
    assert len(set(got.triples((None, GOV.standing, None)))) > 50, "standing goes out and comes back"
    assert isomorphic(got, want), differences(got, want)


def test_what_the_template_leaves_out_is_named(seed_store: Store, ontology: rdflib.Graph) -> None:
    data = data_graph(seed_store)
    left_out = {p for _, p, _ in data} - {p for _, p, _ in covered(data, ontology)}
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    gov = rdflib.Namespace("https://w3id.org/govkg/ontology#")
    assert {skos.definition, skos.scopeNote, skos.altLabel, gov.hasMandate, gov.party} <= left_out


BROKEN = {
    "bodies": [
        ["id", "name_da", "kind", "document", "quote"],
        ["", "Et nyt udvalg", "Committee", "", ""],
        ["", "Et andet udvalg", "NoSuchKind", DMCG, "Daglig ledelse af DMCG.dk"],
    ],
    "duties": [
        ["name_da", "party", "action_da", "frequency", "agreement", "document", "quote"],
        ["Noget", "no-such-body", "Gøre noget", "Weekly", "aftale-dmcg-regionerne", DMCG, "Daglig ledelse af DMCG.dk"],
        ["Andet", "dmcg-dk", "Gøre andet", "fortnightly", "aftale-dmcg-regionerne", DMCG, "Et citat der ikke findes"],
    ],
    "help": [["this sheet", "is skipped"]],
}


def broken_workbook(target: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in BROKEN.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(target)
    return target


def test_a_broken_workbook_is_refused_row_by_row_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "new.ttl"
    result = CliRunner().invoke(main, ["import", str(broken_workbook(tmp_path / "broken.xlsx")), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists(), "nothing is written"
    lines = result.output.splitlines()
    assert "bodies!2: cite a document and a verbatim quote (columns document, quote)" in lines
    assert any(line.startswith("bodies!3: unknown kind 'NoSuchKind'") for line in lines)
    assert "duties!2: party: no entity 'no-such-body' in the graph or the workbook" in lines
    assert any(line.startswith("duties!3: unknown frequency 'fortnightly'") for line in lines)
    assert any(line.startswith(f"duties!3: quote: not found verbatim in {DMCG}") for line in lines)


def test_rows_that_break_integrity_rules_are_refused(seed_store: Store, ontology: rdflib.Graph) -> None:
    quote = "Personen indgår i RKKP`s organisation, og refererer til lederen af RKKP."
    line = {"from": "rkkp-ressourceperson", "relation": "org:reportsTo", "to": "aftale-dmcg-regionerne"}
    body = {"name_da": "Et udvalg", "kind": "Committee", "parent": "rkkp"}  # no standing
    rows = [
        Row("lines", 2, {**line, "document": DMCG, "quote": quote}),
        Row("bodies", 2, {**body, "document": DMCG, "quote": quote}),
    ]
    with pytest.raises(SheetError) as refused:
        run_import(seed_store, ontology, rows)
    problems = refused.value.problems
    assert len(problems) == 2 and problems[0].startswith("bodies!2: Et udvalg: "), problems
    assert "(Body, organisation or post without exactly one standing)" in problems[0]
    assert problems[1] == (
        "lines!2: Cooperation agreement between DMCG.dk and the regions: The entity stands at an end of a relation "
        "that needs a post, a person or an organisation, but it is none of these. "
        "(Agent end is not a post, person or organisation)"
    )


def test_unreadable_input_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "bodies.csv").write_text("id,colour\nx,red\n", encoding="utf-8")
    (tmp_path / "fake.xlsx").write_text("not a workbook", encoding="utf-8")
    for name, message in [
        ("notes.csv", "notes.csv: name a CSV file after its sheet"),
        ("bodies.csv", "bodies!1: unknown column 'colour'"),
        ("fake.xlsx", "fake.xlsx: cannot read it"),
    ]:
        with pytest.raises(SheetError, match=message):
            read_sheets([tmp_path / name])


@pytest.fixture()
def project_copy() -> dict[str, str]:
    """The bundled ontology, data and shapes, and nothing else."""
    return {"GOVKG_EXTRA_PATHS": "[]"}


def test_the_commands_write_canonical_turtle_the_template_and_the_export(
    tmp_path: Path, project_copy: dict[str, str]
) -> None:
    runner = CliRunner()
    out = tmp_path / "data" / "dmcg-sekretariat.ttl"
    result = runner.invoke(main, ["import", *map(str, CSVS), "-o", str(out)], env=project_copy)
    assert result.exit_code == 0, result.output
    assert isomorphic(rdflib.Graph().parse(out), rdflib.Graph().parse(FIXTURE / "expected.ttl"))
    assert format_files([out], check=True) == [], "written as govkg fmt would write it"
    assert "gap: bodies!2:" in result.output, "completeness gaps are reported, not refused"
    template = tmp_path / "template.xlsx"
    assert runner.invoke(main, ["import", "--template", "-o", str(template)]).exit_code == 0
    book = load_workbook(template)
    assert book.sheetnames == ["help", *(s.name for s in SHEETS)]
    assert [c.value for c in book["duties"][1]] == SHEETS[4].headers
    exported = tmp_path / "graph.xlsx"
    assert runner.invoke(main, ["export", "--format", "xlsx", "-o", str(exported)], env=project_copy).exit_code == 0
    assert load_workbook(exported)["duties"].max_row > 100
    assert runner.invoke(main, ["import", "-o", str(out)]).exit_code == 2


@pytest.mark.server
def test_the_template_and_the_export_download_over_http(server: LiveServer, tmp_path: Path) -> None:
    for path, sheet_rows in [("/api/sheets/template.xlsx", 1), ("/api/sheets/export.xlsx", 100)]:
        response = httpx.get(server.url + path, timeout=60)
        assert response.status_code == 200 and "spreadsheetml" in response.headers["content-type"]
        target = tmp_path / path.rsplit("/", 1)[-1]
        target.write_bytes(response.content)
        assert load_workbook(target)["duties"].max_row >= sheet_rows
