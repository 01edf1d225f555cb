"""Prefix names holding SERVICE or LOAD: passed when the engine cannot read them as the keyword, else refused.

By the SPARQL grammar ``service:x`` is one prefixed name, but pyoxigraph reads ``service:x`` as
``SERVICE :x`` where a pattern may start, whenever the rest (``:x``) parses: that is, when the
prefix after the keyword (here the empty one) is declared too. The corpus below runs every
spelling the guard lets through on the engine itself, with a loopback listener counting requests.
"""

from __future__ import annotations

from itertools import product

import pyoxigraph as ox
import pytest

from govkg.errors import QueryRefused
from govkg.sparql_safety import guard
from tests.security.conftest import Listener

NAMES = ("service", "SERVICE", "servicefoo", "servicesilent", "servicesilentfoo", "myservice", "dataservice")
LOAD_NAMES = ("load", "loadfoo", "loadsilent", "download")
OTHERS = ("", ":", "foo:", "silentfoo:", ": foo:")  # further prefixes the text declares
PATTERNS = (
    "{{ {p}:sparql {{ ?s ?p ?o }} }}",
    "{{ ?s ?p ?o . {p}:sparql {{ ?s ?p ?o }} }}",
    "{{ ?s ?p ?o OPTIONAL {{ {p}:sparql {{ ?s ?p ?o }} }} }}",
    "{{ ?s ?p 1{p}:sparql {{ ?s ?p ?o }} }}",
    "{{ ?s {p}:x ?o FILTER(?o != {p}:) }}",
)
UPDATES = ("{p}:data.nt", "INSERT DATA {{ <urn:a> <urn:b> <urn:c> }} ; {p}:data.nt INTO GRAPH <urn:g>")


def declarations(base: str, names: str) -> str:
    return " ".join(f"PREFIX {name} <{base}>" for name in names.split())


def queries(base: str) -> list[str]:
    return [
        f"PREFIX {name}: <{base}> {declarations(base, others)} SELECT * WHERE {pattern.format(p=name)}"
        for name, others, pattern in product(NAMES, OTHERS, PATTERNS)
    ]


def updates(base: str) -> list[str]:
    return [
        f"PREFIX {name}: <{base}> {declarations(base, others)} {update.format(p=name)}"
        for name, others, update in product(LOAD_NAMES, OTHERS, UPDATES)
    ]


def fetches(listener: Listener, text: str, update: bool) -> bool:
    """Whether the engine, with no guard in front, sends a request for this text."""
    store, before = ox.Store(), len(listener.hits)
    try:
        store.update(text) if update else list(store.query(text))  # type: ignore[arg-type]
    except (SyntaxError, RuntimeError, OSError):
        pass
    return len(listener.hits) > before


def passes(text: str) -> bool:
    try:
        guard(text)
    except QueryRefused:
        return False
    return True


def test_what_the_guard_lets_through_never_reaches_the_network(listener: Listener) -> None:
    texts = [(text, False) for text in queries(listener.base)] + [(text, True) for text in updates(listener.base)]
    passed = [(text, update) for text, update in texts if passes(text)]
    assert len(passed) > len(texts) // 3, "ordinary prefix names pass"
    assert [text for text, update in passed if fetches(listener, text, update)] == []


def test_the_corpus_holds_spellings_the_engine_does_fetch(listener: Listener) -> None:
    """The control: some refused texts do reach the listener without the guard."""
    refused = [text for text in queries(listener.base) if not passes(text)][:40]
    assert any(fetches(listener, text, False) for text in refused)
    refused = [text for text in updates(listener.base) if not passes(text)][:20]
    assert any(fetches(listener, text, True) for text in refused)


@pytest.mark.parametrize(
    "text",
    [
        "PREFIX service: <http://x/> SELECT * { ?s service:x ?o }",
        "PREFIX load: <http://x/> PREFIX ex: <http://y/> INSERT DATA { load:a ex:b load:c }",
        "PREFIX myservice: <http://x/> PREFIX foo: <http://y/> SELECT * { ?s myservice:x foo:y }",
    ],
)
def test_a_prefix_named_service_or_load_passes_alone(text: str) -> None:
    guard(text)


def test_with_the_empty_prefix_declared_it_is_refused_with_the_reason_and_a_new_name() -> None:
    text = "PREFIX : <http://y/> PREFIX service: <http://x/> SELECT * { ?s service:x :o }"
    with pytest.raises(QueryRefused) as refused:
        guard(text)
    message = str(refused.value)
    assert "'service:'" in message and "prefix ':'" in message and "SERVICE" in message
    assert "'svc:'" in message, "it says how to rename the prefix"
    guard(text.replace("service:", "svc:"))
