"""No request makes the server fetch anything: the SERVICE/LOAD corpus over HTTP, with a listener counting."""

from __future__ import annotations

import httpx

from tests.live import LiveServer
from tests.security.conftest import AUTH, Listener
from tests.security.corpus import loads, services


def test_no_spelling_of_service_or_load_reaches_the_listener(hardened: LiveServer, listener: Listener) -> None:
    before = len(listener.hits)
    queries, updates = services(listener.base), loads(listener.base)
    with httpx.Client(base_url=hardened.url, timeout=10) as client:
        for text in queries:
            answer = client.post("/sparql", content=text, headers={"Content-Type": "application/sparql-query"})
            assert answer.status_code == 400, text
        for text in updates:
            headers = {**AUTH, "Content-Type": "application/sparql-update"}
            answer = client.post("/update", content=text, headers=headers)
            assert answer.status_code == 400, text
        form = client.post("/sparql", data={"query": queries[0]})
        assert form.status_code == 400 and form.json()["error"] == "QUERY_REFUSED"
    assert listener.hits[before:] == []
