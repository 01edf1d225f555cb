"""Comparing two git revisions of a data folder finds exactly the change committed between them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from govkg.cli import main
from govkg.compare import compare_states, git_state
from govkg.errors import NotFound
from tests.compare.conftest import FIXTURE

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **GIT_ENV}, timeout=30)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A repository whose data folder loses one line in its second commit."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first")
    proposal = data / "kommune-forslag.ttl"
    text = proposal.read_text(encoding="utf-8")
    proposal.write_text(text.replace("    gov:preparesCasesFor id:styregruppe-x ;\n", ""), encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "the cluster no longer prepares cases")
    return tmp_path


def test_two_revisions_differ_by_the_planted_line(repo: Path) -> None:
    before, after = git_state(repo / "data", "HEAD~1"), git_state(repo / "data", "HEAD")
    result = compare_states(before, after, "en")
    assert result.triples.added == 0 and result.triples.removed == 1
    assert [(c.source.slug, c.relation.curie, c.target.slug) for c in result.lines.removed] == [
        ("klynge-b", "gov:preparesCasesFor", "styregruppe-x")
    ]
    assert result.entities.added == result.entities.removed == result.lines.added == result.changed == []
    assert before.graphs[0] == "HEAD~1:data/kommune-forslag.ttl"


def test_a_revision_equals_the_working_folder_when_nothing_changed(repo: Path) -> None:
    result = compare_states(git_state(repo / "data", "HEAD"), git_state(repo / "data", "main"), "en")
    assert result.empty


def test_an_unknown_revision_is_not_found(repo: Path) -> None:
    with pytest.raises(NotFound, match="cannot read git revision"):
        git_state(repo / "data", "no-such-branch")


def test_the_command_writes_a_markdown_change_note(repo: Path) -> None:
    result = CliRunner().invoke(
        main, ["compare", f"{repo / 'data'}@HEAD~1", f"{repo / 'data'}@HEAD", "--format", "markdown", "--lang", "da"]
    )
    assert result.exit_code == 0, result.output
    assert "### Linjer der udgår" in result.output
    assert "\n- Klynge B —forbereder sager for→ Styregruppe X\n" in result.output
    assert "*Kilde: “Klyngen forbereder sager for styregruppen" in result.output


def test_the_command_says_why_a_state_cannot_be_read(repo: Path) -> None:
    result = CliRunner().invoke(main, ["compare", f"{repo / 'data'}@nope", f"{repo / 'data'}@HEAD"])
    assert result.exit_code == 2
    assert "cannot read git revision" in result.output
