"""Loading: one named graph per file, all or nothing, errors that name file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govkg.config import Settings
from govkg.errors import LoadError
from govkg.loading import canonical_turtle, format_files, read_sources
from govkg.service import reload
from govkg.store import EmbeddedStore
from tests.conftest import DATA

FIXTURES = DATA / "loading"
GRAPH = "https://w3id.org/govkg/id/graph/"


def data_folder(tmp_path: Path, *names: str) -> Path:
    """A data folder holding copies of the named fixtures (``.ttl.txt`` files become ``.ttl``)."""
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(FIXTURES / name, folder / name.removesuffix(".txt"))
    return folder


def settings_for(data: Path, tmp_path: Path) -> Settings:
    empty = tmp_path / "empty"
    empty.mkdir(exist_ok=True)
    return Settings(ontology_dir=empty, data_dir=data, shapes_dir=empty)


def test_each_file_becomes_a_named_graph(tmp_path: Path) -> None:
    graphs = read_sources([("data", data_folder(tmp_path, "council.ttl", "board.ttl"))], "https://w3id.org/govkg/id/")
    assert sorted(g.name for g in graphs) == [GRAPH + "board", GRAPH + "council"]
    assert {len(g.triples) for g in graphs} == {3, 4}, "board has 3 triples and council 4"


def test_queries_see_the_union_and_graphs_keep_their_source(tmp_path: Path) -> None:
    store = EmbeddedStore()
    reload(store, settings_for(data_folder(tmp_path, "council.ttl", "board.ttl"), tmp_path))
    rows = list(
        store.query(
            "PREFIX org: <http://www.w3.org/ns/org#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "SELECT ?label WHERE { ?c org:reportsTo ?b . ?b skos:prefLabel ?label FILTER(lang(?label) = 'en') }"
        ).records()
    )
    assert [r["label"].value for r in rows] == ["Test board"], "the reporting line joins the two files"
    graph_of = store.query("SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/govkg/id/test-board> ?p ?o } } LIMIT 1")
    assert next(graph_of.records())["g"].value == GRAPH + "board"


def test_malformed_file_names_file_line_and_parser_message(tmp_path: Path) -> None:
    folder = data_folder(tmp_path, "board.ttl", "malformed.ttl.txt")
    with pytest.raises(LoadError) as caught:
        read_sources([("data", folder)], "https://w3id.org/govkg/id/")
    error = caught.value
    assert error.path.endswith("malformed.ttl")
    assert error.line == 6, "the missing ';' is noticed where the next subject starts"
    assert "malformed.ttl:6:" in error.message and error.detail in error.message


def test_failed_reload_keeps_the_old_dataset_served(tmp_path: Path) -> None:
    store = EmbeddedStore()
    settings = settings_for(data_folder(tmp_path, "council.ttl", "board.ttl"), tmp_path)
    reload(store, settings)
    before_count, before_version = store.triple_count(), store.version
    shutil.copy(FIXTURES / "malformed.ttl.txt", settings.data_dir / "zz-malformed.ttl")
    (settings.data_dir / "board.ttl").unlink()
    with pytest.raises(LoadError):
        reload(store, settings)
    assert store.triple_count() == before_count and store.version == before_version
    assert GRAPH + "board" in store.graph_names(), "nothing of the failed load replaced the old graphs"


def test_missing_path_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file or folder"):
        read_sources([("data", tmp_path / "nowhere")], "https://w3id.org/govkg/id/")


def test_two_files_with_one_graph_name_are_refused(tmp_path: Path) -> None:
    first = data_folder(tmp_path, "board.ttl")
    second = tmp_path / "more"
    second.mkdir()
    shutil.copy(FIXTURES / "board.ttl", second / "board.ttl")
    with pytest.raises(LoadError, match="already loaded"):
        read_sources([("data", first), ("data", second)], "https://w3id.org/govkg/id/")


def test_format_makes_files_canonical_and_check_reports_them(tmp_path: Path) -> None:
    folder = data_folder(tmp_path, "council.ttl")
    assert format_files([folder], check=True) == [], "the fixture is written in canonical form"
    path = folder / "compact.ttl"
    compact = '@prefix id: <https://w3id.org/govkg/id/> . id:a id:p id:b ; id:q "x"@da .\n'
    path.write_text(compact)
    assert format_files([folder], check=True) == [path]
    assert path.read_text() == compact, "--check changes nothing"
    format_files([folder])
    assert path.read_text() == canonical_turtle(path) and format_files([folder], check=True) == []
