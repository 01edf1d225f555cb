"""The command line, through click's runner: answers on stdout, mistakes on stderr, honest exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from govkg.cli import main
from tests.conftest import DATA

FIXTURES = DATA / "loading"
GOV_ENV = {"GOVKG_EXTRA_PATHS": "[]"}


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("council.ttl", "board.ttl"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def env_for(data_dir: Path, tmp_path: Path) -> dict[str, str]:
    empty = tmp_path / "empty"
    empty.mkdir(exist_ok=True)
    return {"GOVKG_DATA_DIR": str(data_dir), "GOVKG_ONTOLOGY_DIR": str(empty), "GOVKG_SHAPES_DIR": str(empty)}


def test_help_lists_the_commands(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("serve", "query", "fmt", "load"):
        assert command in result.output


REPORTS_TO = (
    "PREFIX org: <http://www.w3.org/ns/org#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?to WHERE { ?c org:reportsTo ?b . ?b skos:prefLabel ?to FILTER(lang(?to) = 'en') }"
)


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        pytest.param("table", "Test board", id="table"),
        pytest.param("csv", "to\nTest board\n", id="csv"),
    ],
)
def test_query_prints_the_answer(runner: CliRunner, data_dir: Path, tmp_path: Path, fmt: str, expected: str) -> None:
    result = runner.invoke(main, ["query", REPORTS_TO, "--format", fmt], env=env_for(data_dir, tmp_path))
    assert result.exit_code == 0, result.output
    assert expected in result.output


def test_query_json_is_sparql_results_json(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["query", REPORTS_TO, "--format", "json"], env=env_for(data_dir, tmp_path))
    answer = json.loads(result.output)
    assert answer["head"]["vars"] == ["to"]
    assert answer["results"]["bindings"][0]["to"] == {"type": "literal", "value": "Test board", "xml:lang": "en"}


def test_query_from_file_and_turtle_output(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    query_file = tmp_path / "construct.rq"
    query_file.write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    result = runner.invoke(main, ["query", f"@{query_file}", "--format", "turtle"], env=env_for(data_dir, tmp_path))
    assert result.exit_code == 0, result.output
    assert "<https://w3id.org/govkg/id/test-board>" in result.output


def test_malformed_query_is_an_error_without_traceback(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["query", "SELEC ?x WHERE {}"], env=env_for(data_dir, tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "Traceback" not in result.output


def test_service_is_refused(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    result = runner.invoke(main, ["query", query], env=env_for(data_dir, tmp_path))
    assert result.exit_code == 1 and "SERVICE is not allowed" in result.stderr


def test_load_check_reports_counts_and_errors(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    ok = runner.invoke(main, ["load", "--check", str(data_dir)])
    assert ok.exit_code == 0 and "board.ttl: 3 triples" in ok.output
    bad = tmp_path / "bad.ttl"
    shutil.copy(FIXTURES / "malformed.ttl.txt", bad)
    failed = runner.invoke(main, ["load", "--check", str(bad)])
    assert failed.exit_code == 1 and f"{bad}:6:" in failed.stderr


def test_broken_data_stops_query_with_usage_exit(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "malformed.ttl.txt", data_dir / "broken.ttl")
    result = runner.invoke(main, ["query", "ASK {}"], env=env_for(data_dir, tmp_path))
    assert result.exit_code == 2 and "broken.ttl:6:" in result.stderr


def test_fmt_check_then_fix(runner: CliRunner, data_dir: Path) -> None:
    (data_dir / "compact.ttl").write_text('@prefix id: <https://w3id.org/govkg/id/> . id:a id:p "x"@da .\n')
    check = runner.invoke(main, ["fmt", "--check", str(data_dir)])
    assert check.exit_code == 1 and "would reformat" in check.output and "compact.ttl" in check.output
    fixed = runner.invoke(main, ["fmt", str(data_dir)])
    assert fixed.exit_code == 0
    assert runner.invoke(main, ["fmt", "--check", str(data_dir)]).exit_code == 0


def test_bundled_data_is_canonical(runner: CliRunner) -> None:
    result = runner.invoke(main, ["fmt", "--check"])
    assert result.exit_code == 0, f"run `govkg fmt` to canonicalise data/:\n{result.output}"
