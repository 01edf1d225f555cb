"""``govkg dump``: edits made over HTTP come back as canonical Turtle files that load into the same graphs."""

from __future__ import annotations

from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from govkg.cli import main
from govkg.loading import canonical_turtle, parse_turtle
from tests.live import UPDATE_TOKEN, live_server
from tests.sparql.conftest import AUTH, FIXTURES, ID, STRUCTURE, fixture_env

ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
SG_ALIAS = f'INSERT DATA {{ GRAPH <{STRUCTURE}> {{ <{ID}steering-group> <{ALT_LABEL}> "SG"@da }} }}'


def env_for(empty: Path) -> dict[str, str]:
    return {"GOVKG_DATA_DIR": str(FIXTURES), "GOVKG_ONTOLOGY_DIR": str(empty), "GOVKG_SHAPES_DIR": str(empty)}


def test_dumping_the_loaded_files_gives_their_canonical_form(empty_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["dump", "-o", str(tmp_path)], env=env_for(empty_dir))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["obligations.ttl", "structure.ttl"]
    for name in ("obligations.ttl", "structure.ttl"):
        assert (tmp_path / name).read_text(encoding="utf-8") == canonical_turtle(FIXTURES / name)


def test_a_graph_that_no_file_loads_into_is_refused(empty_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["dump", "--graph", "urn:x:other", "-o", str(tmp_path)], env=env_for(empty_dir))
    assert result.exit_code == 2 and "not a govkg graph" in result.output
    assert not list(tmp_path.iterdir())


@pytest.mark.server
def test_edits_made_over_http_return_to_the_data_files(empty_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with live_server(tmp_path, fixture_env(empty_dir)) as server:
        update = {"Content-Type": "application/sparql-update", **AUTH}
        assert httpx.post(f"{server.url}/update", content=SG_ALIAS, headers=update, timeout=15).status_code == 204
        no_token = {"GOVKG_UPDATE_TOKEN": ""}
        refused = CliRunner().invoke(main, ["dump", "--url", server.url, "-o", str(out)], env=no_token)
        assert refused.exit_code == 1 and not out.exists(), "the Graph Store needs the token"
        result = CliRunner().invoke(
            main, ["dump", "--url", server.url, "--token", UPDATE_TOKEN, "--graph", STRUCTURE, "-o", str(out)]
        )
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["structure.ttl"]
    dumped = parse_turtle(out / "structure.ttl")
    alias = ox.Triple(
        ox.NamedNode(f"{ID}steering-group"),
        ox.NamedNode(ALT_LABEL),
        ox.Literal("SG", language="da"),
    )
    assert alias in dumped and set(parse_turtle(FIXTURES / "structure.ttl")) < set(dumped)
    text = (out / "structure.ttl").read_text(encoding="utf-8")
    assert text == canonical_turtle(out / "structure.ttl"), "the file is in canonical form"
