"""Several stores (server processes) on one folder: each reads a whole published version, writes take turns."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from govkg.inference import INFERRED_GRAPH
from govkg.service import reload
from govkg.store import EmbeddedStore
from govkg.store import catalog as records
from tests.durable.test_on_disk import BOARD, ID, LABEL, NEW, count, settings_for

TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def shared(tmp_path: Path) -> tuple[EmbeddedStore, EmbeddedStore]:
    settings = settings_for(tmp_path)
    first = EmbeddedStore(settings.store_dir, shared=True)
    reload(first, settings)
    second = EmbeddedStore(settings.store_dir, shared=True)
    reload(second, settings)  # same files: nothing written
    return first, second


def test_what_one_writes_the_other_reads_at_the_same_version(tmp_path: Path) -> None:
    first, second = shared(tmp_path)
    assert first.version == second.version and count(first) == count(second)
    first.update(f'INSERT DATA {{ GRAPH <{NEW}> {{ <{ID}x> <{LABEL}> "X" }} }}')
    assert second.version == first.version and second.version.number == 1
    assert NEW in second.graph_names() and count(second) == count(first)
    second.put_graph(ID + "graph/put", [ox.Triple(ox.NamedNode(ID + "y"), ox.NamedNode(LABEL), ox.Literal("Y"))])
    second.delete_graph(BOARD)
    assert (first.version, first.graph_names(), count(first)) == (second.version, second.graph_names(), count(second))
    assert first.version.number == 3 and second.catalog == first.catalog


def test_a_reader_sees_a_write_with_its_inference(tmp_path: Path) -> None:
    first, second = shared(tmp_path)
    inferred = len(second.get_graph(INFERRED_GRAPH))
    axiom = f"<{ID}Board> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{ID}Body>"
    first.update(f"INSERT DATA {{ GRAPH <{NEW}> {{ <{ID}x> <{TYPE}> <{ID}Board> . {axiom} }} }}")
    assert len(second.get_graph(INFERRED_GRAPH)) > inferred, "published only once the inferred graph was rebuilt"


def test_forked_workers_and_reopening_read_the_published_state(tmp_path: Path) -> None:
    first, second = shared(tmp_path)
    first.update(f'INSERT DATA {{ <{ID}x> <{LABEL}> "X" }}')
    with second.fork_lock():
        child = second.in_child()
    assert child.read_only and child.version == first.version and count(child) == count(first)
    del first, second
    again = EmbeddedStore(settings_for(tmp_path).store_dir, shared=True)
    assert again.version.number == 1 and [t.subject.value for t in again.get_graph(None)] == [ID + "x"]


def test_a_failed_write_publishes_nothing_and_lets_go(tmp_path: Path) -> None:
    first, second = shared(tmp_path)
    version = first.version
    with pytest.raises(Exception, match="error at 1:"):
        first.update("INSERT DATA { <urn:a> <urn:b> }")
    second.update(f'INSERT DATA {{ <{ID}x> <{LABEL}> "X" }}')  # the writers' lock was let go
    assert first.version == second.version and first.version.number == version.number + 1


def test_a_shared_store_backs_up_what_readers_read(tmp_path: Path) -> None:
    first, _ = shared(tmp_path)
    first.update(f'INSERT DATA {{ <{ID}x> <{LABEL}> "X" }}')
    first.backup(tmp_path / "copy")
    copy = EmbeddedStore(tmp_path / "copy")
    assert copy.version == first.version and count(copy) == count(first)


def test_concurrent_writers_take_turns(tmp_path: Path) -> None:
    first, second = shared(tmp_path)
    triples = count(first)

    def write(store: EmbeddedStore, name: str) -> None:
        for number in range(3):
            store.update(f'INSERT DATA {{ GRAPH <{NEW}> {{ <{ID}{name}{number}> <{LABEL}> "{number}" }} }}')

    threads = [threading.Thread(target=write, args=(store, name)) for store, name in ((first, "a"), (second, "b"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert first.version == second.version and first.version.number == 6, "no write lost or applied twice"
    assert count(first) == count(second) == triples + 6


def test_a_write_committed_but_never_published_is_published_by_the_next_session(tmp_path: Path) -> None:
    first, second = shared(tmp_path)
    version = second.version
    with pytest.raises(RuntimeError, match="crash"), first._writing():  # dies between commit and publish
        first._commit(f'INSERT DATA {{ <{ID}x> <{LABEL}> "X" }}', records.next_version(first._version, "update", "x"))
        raise RuntimeError("crash")
    assert second.version == version, "readers keep the last published state"
    reload(second, settings_for(tmp_path))  # a restarted process: same files, one session
    assert second.version.number == version.number + 1 and [t.subject.value for t in second.get_graph(None)] == [
        ID + "x"
    ]
    assert first.version == second.version
