"""``govkg graph``: a self-contained file from the command line, and honest errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govkg.cli import main
from tests.viz.conftest import VIZ_DATA


def env_for(tmp_path: Path) -> dict[str, str]:
    empty = tmp_path / "empty"
    empty.mkdir(exist_ok=True)
    return {"GOVKG_DATA_DIR": str(VIZ_DATA), "GOVKG_SHAPES_DIR": str(empty), "GOVKG_EXTRA_PATHS": "[]"}


def test_help_lists_graph() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0 and "graph" in result.output


def test_graph_writes_a_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "org.html"
    result = CliRunner().invoke(
        main,
        ["graph", "-o", str(out), "--focus", "viz-steering", "--depth", "1", "--lang", "en"],
        env=env_for(tmp_path),
    )
    assert result.exit_code == 0, result.output
    assert "6 nodes" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and '"focus":"id:viz-steering"' in page and '<html lang="en">' in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--focus", "no-such-body"], "no-such-body", id="unknown-focus"),
        pytest.param(["--types", "bodies"], "unknown type", id="unknown-type"),
        pytest.param(["--docs", "nowhere"], "unknown document", id="unknown-document"),
    ],
)
def test_graph_refuses_what_it_cannot_draw(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "never.html"
    result = CliRunner().invoke(main, ["graph", "-o", str(out), *args], env=env_for(tmp_path))
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert not out.exists()
