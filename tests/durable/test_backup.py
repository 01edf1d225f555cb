"""``govkg backup`` / ``restore`` / ``dump`` over the on-disk store: every graph, the default graph included."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from govkg.cli import main
from govkg.config import Settings
from govkg.inference import INFERRED_GRAPH
from govkg.store import EmbeddedStore
from tests.durable.test_on_disk import ID, LABEL, NEW, opened, settings_for
from tests.live import UPDATE_TOKEN

LOOSE = f'INSERT DATA {{ <{ID}loose> <{LABEL}> "Løs"@da . GRAPH <{NEW}> {{ <{ID}x> <{LABEL}> "X"@da }} }}'


def env(settings: Settings) -> dict[str, str]:
    return {
        "GOVKG_DATA_DIR": str(settings.data_dir),
        "GOVKG_ONTOLOGY_DIR": str(settings.ontology_dir),
        "GOVKG_SHAPES_DIR": str(settings.shapes_dir),
        "GOVKG_STORE_DIR": str(settings.store_dir),
    }


def written_store(tmp_path: Path) -> tuple[Settings, tuple[object, ...]]:
    """A store with files and API writes, closed; and what it held."""
    settings = settings_for(tmp_path)
    store = opened(settings)
    store.update(LOOSE)
    held = (store.graph_names(), store.triple_count(), store.get_graph(None), store.version)
    del store
    return settings, held


def test_backup_and_restore_of_the_store_folder(tmp_path: Path) -> None:
    settings, held = written_store(tmp_path)
    cli = CliRunner()
    result = cli.invoke(main, ["backup", str(tmp_path / "copy")], env=env(settings))
    assert result.exit_code == 0, result.output
    assert cli.invoke(main, ["backup", str(tmp_path / "copy")], env=env(settings)).exit_code == 2, "never overwrites"
    target = tmp_path / "restored"
    result = cli.invoke(main, ["restore", str(tmp_path / "copy"), "--store-dir", str(target)])
    assert result.exit_code == 0, result.output
    store = EmbeddedStore(target)
    assert (store.graph_names(), store.triple_count(), store.get_graph(None), store.version) == held


def test_an_nquads_backup_holds_every_graph_and_restores_over_a_store(tmp_path: Path) -> None:
    settings, held = written_store(tmp_path)
    cli = CliRunner()
    dump = tmp_path / "all.nq"
    assert cli.invoke(main, ["backup", str(dump)], env=env(settings)).exit_code == 0
    assert f"<{ID}loose>" in dump.read_text(encoding="utf-8"), "the default graph is in the backup"
    refused = cli.invoke(main, ["restore", str(dump)], env=env(settings))
    assert refused.exit_code == 2 and "--force" in refused.output
    result = cli.invoke(main, ["restore", str(dump), "--force"], env=env(settings))
    assert result.exit_code == 0, result.output
    store = EmbeddedStore(settings.store_dir)
    names = [name for name in store.graph_names() if name != INFERRED_GRAPH]  # empty here: no quad in the file
    assert (names, store.triple_count(), store.get_graph(None)) == ([*held[0]][:-1], *held[1:3])


def test_backup_refuses_a_store_held_by_a_service(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    store = opened(settings)
    result = CliRunner().invoke(main, ["backup", str(tmp_path / "copy")], env=env(settings))
    assert result.exit_code == 1 and "--url" in result.output
    assert store.graph_names()


def test_dump_writes_the_default_graph_too(tmp_path: Path) -> None:
    settings, _ = written_store(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["dump", "-o", str(out)], env=env(settings))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["api-made.ttl", "board.ttl", "council.ttl", "default.ttl"]
    assert "Løs" in (out / "default.ttl").read_text(encoding="utf-8") and "loads back as graph" in result.output


@pytest.mark.parametrize("durable", [False, True])
def test_healthz_says_whether_writes_last_and_the_store_serves_the_whole_dataset(tmp_path: Path, durable: bool) -> None:
    settings = settings_for(tmp_path).model_copy(update={"update_token": SecretStr(UPDATE_TOKEN)})
    settings = settings if durable else settings.model_copy(update={"store_dir": None})
    auth = {"Authorization": f"Bearer {UPDATE_TOKEN}"}
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").json()["durable"] is durable
        written = client.post("/update", content=LOOSE, headers={**auth, "Content-Type": "application/sparql-update"})
        assert written.status_code == 204
        whole = client.get("/store", headers={**auth, "Accept": "application/n-quads"})
        assert whole.status_code == 200 and whole.headers["content-type"].startswith("application/n-quads")
        assert f"<{ID}loose>" in whole.text and f"<{NEW}>" in whole.text
        assert client.get("/store", headers={**auth, "Accept": "text/turtle"}).status_code == 406
