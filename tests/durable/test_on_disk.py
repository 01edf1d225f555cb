"""The on-disk store: what it acknowledged is there after reopening, files refresh, API writes stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from govkg.config import Settings
from govkg.errors import NotFound, QuerySyntaxError, StoreError
from govkg.inference import INFERRED_GRAPH
from govkg.loading import find_sources
from govkg.service import reload
from govkg.store import EmbeddedStore
from govkg.store.catalog import is_meta
from tests.conftest import DATA

ID = "https://w3id.org/govkg/id/"
BOARD, COUNCIL, NEW = ID + "graph/board", ID + "graph/council", ID + "graph/api-made"
LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def settings_for(tmp: Path) -> Settings:
    """Settings over a copy of two small files (so tests can change them)."""
    data, empty = tmp / "data", tmp / "empty"
    data.mkdir(exist_ok=True)
    empty.mkdir(exist_ok=True)
    for name in ("board.ttl", "council.ttl"):
        shutil.copy(DATA / "loading" / name, data / name)
    return Settings(data_dir=data, ontology_dir=empty, shapes_dir=empty, store_dir=tmp / "db")


def count(store: EmbeddedStore) -> int:
    value = store.query(COUNT).rows[0][0]
    assert isinstance(value, ox.Literal)
    return int(value.value)


def opened(settings: Settings) -> EmbeddedStore:
    store = EmbeddedStore(settings.store_dir)
    reload(store, settings)
    return store


def test_writes_survive_reopening_with_their_version_and_catalog(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    store = opened(settings)
    assert store.durable and store.catalog[BOARD].kind == "data"
    store.update(f'INSERT DATA {{ GRAPH <{NEW}> {{ <{ID}x> <{LABEL}> "X"@da }} <{ID}loose> <{LABEL}> "L"@da }}')
    store.put_graph(ID + "graph/put", [ox.Triple(ox.NamedNode(ID + "y"), ox.NamedNode(LABEL), ox.Literal("Y"))])
    store.update(f"DELETE WHERE {{ GRAPH <{BOARD}> {{ <{ID}test-board> <{LABEL}> ?l }} }} ;")  # trailing ';'
    before = (store.graph_names(), count(store), store.version, store.get_graph(None))
    del store

    again = opened(settings)
    assert (again.graph_names(), count(again), again.version, again.get_graph(None)) == before
    assert again.catalog[NEW].kind == "data" and again.catalog[COUNCIL].path is not None


def test_changed_files_are_refreshed_and_api_graphs_kept(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    store = opened(settings)
    store.update(f'INSERT DATA {{ GRAPH <{NEW}> {{ <{ID}x> <{LABEL}> "X"@da }} }}')
    store.update(f'INSERT DATA {{ GRAPH <{COUNCIL}> {{ <{ID}x> <{LABEL}> "edited"@da }} }}')
    version = store.version
    reload(store, settings)
    assert store.version == version, "same files: nothing to do, same version"
    del store

    (settings.data_dir / "council.ttl").unlink()
    shutil.copy(DATA / "remote" / "data" / "bodies.ttl", settings.data_dir / "bodies.ttl")
    store = opened(settings)
    expected = sorted([BOARD, ID + "graph/bodies", NEW, INFERRED_GRAPH])
    assert store.graph_names() == expected, "council's file is gone, so is its graph"
    assert store.version != version and store.catalog[ID + "graph/bodies"].kind == "data"
    assert store.get_graph(NEW), "what the API made stays"


def test_records_are_hidden_and_survive_drop_all(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    store = opened(settings)
    triples = count(store)
    assert triples == store.triple_count() and not any(is_meta(name) for name in store.graph_names())
    hidden = [g.value for g in store._ox.named_graphs() if isinstance(g, ox.NamedNode) and is_meta(g.value)]
    assert hidden, "the catalog is recorded in the store"
    with pytest.raises(NotFound):
        store.get_graph(hidden[0])
    store.update("DROP ALL")
    version = store.version
    del store
    again = EmbeddedStore(settings.store_dir)
    assert again.version == version and set(again._catalog) == {BOARD, COUNCIL, INFERRED_GRAPH}


def test_a_bad_update_changes_nothing(tmp_path: Path) -> None:
    store = opened(settings_for(tmp_path))
    version, triples = store.version, store.triple_count()
    with pytest.raises(QuerySyntaxError, match="error at 1:"):
        store.update("INSERT DATA { <urn:a> <urn:b> }")
    assert store.version == version and store.triple_count() == triples


def test_a_store_in_use_is_not_opened_twice(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    store = opened(settings)
    with pytest.raises(StoreError, match="cannot open the store"):
        EmbeddedStore(settings.store_dir)
    assert store.graph_names()


def test_the_dataset_id_derives_from_content(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    sources = settings.sources()
    first, second = EmbeddedStore(), EmbeddedStore()
    for store in (first, second):
        store.load(find_sources(sources, settings.base_iri))
    disk = opened(settings)
    assert first.version.etag == second.version.etag == disk.version.etag
    for store in (first, second, disk):
        store.update(f'INSERT DATA {{ <{ID}x> <{LABEL}> "X" }}')
        store.add_to_graph(NEW, [ox.Triple(ox.BlankNode(), ox.NamedNode(LABEL), ox.Literal("b"))])
    assert first.version.etag == second.version.etag == disk.version.etag
    other = EmbeddedStore()
    other.load(find_sources(sources, settings.base_iri))
    other.update(f'INSERT DATA {{ <{ID}x> <{LABEL}> "Y" }}')
    assert other.version.etag != first.version.etag


def test_an_in_memory_store_has_nothing_to_back_up(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="in-memory"):
        EmbeddedStore().backup(tmp_path / "copy")


def test_readers_in_other_processes_open_a_snapshot_read_only(tmp_path: Path) -> None:
    store = opened(settings_for(tmp_path))
    path, version = store.reader_snapshot()
    assert path.parent == tmp_path / ".db.readers"
    assert store.reader_snapshot() == (path, version), "one snapshot per version"
    store.update(f'INSERT DATA {{ <{ID}x> <{LABEL}> "X" }}')
    reader = EmbeddedStore(path, read_only=True)
    assert reader.version == version and reader.graph_names() == store.graph_names()
    assert count(reader) == count(store) - 1, "the snapshot holds what was committed when it was taken"
    with pytest.raises(StoreError, match="read-only"):
        reader.delete_graph(BOARD)
    with pytest.raises(StoreError, match="only the process that writes"):
        reader.reader_snapshot()
    reader.update(f'INSERT DATA {{ <{ID}y> <{LABEL}> "Y" }}')  # a worker's trial: checked, not applied
    assert reader.version == version
    newer, _ = store.reader_snapshot()
    assert newer != path and count(EmbeddedStore(newer, read_only=True)) == count(store)
    assert path.exists(), "a retired snapshot stays for its grace period"


def test_retired_snapshots_go_after_their_grace(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    store = EmbeddedStore(settings.store_dir, reader_grace=0)
    reload(store, settings)
    first, _ = store.reader_snapshot()
    store.update(f'INSERT DATA {{ <{ID}x> <{LABEL}> "X" }}')
    second, _ = store.reader_snapshot()
    assert second.exists() and not first.exists()


def test_a_forked_worker_reads_the_checkpoint_readied_before_the_fork(tmp_path: Path) -> None:
    store = opened(settings_for(tmp_path))
    with pytest.raises(StoreError, match="readied"):
        store.in_child()
    with store.fork_lock():
        child = store.in_child()
    assert child.read_only and child.path is not None and child.path.parent == tmp_path / ".db.readers"
    assert count(child) == count(store)
