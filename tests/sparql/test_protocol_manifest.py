"""The W3C SPARQL 1.1/1.2 Protocol test suite, replayed over HTTP against a real server.

The server starts empty with updates enabled; the runner is the token holder and sends the token
with every request. Before each test the dataset is dropped and the test's graphs are loaded
through the Graph Store Protocol (PUT for the first, POST for the rest), as the manifest says.
Request paths starting ``/sparql/`` are mapped to the endpoint's own ``/sparql``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
import rdflib

from tests.live import UPDATE_TOKEN, LiveServer, live_server
from tests.sparql.manifest import MANIFEST_DIR, ProtocolTest, Request, read_manifest

AUTH = {"Authorization": f"Bearer {UPDATE_TOKEN}"}
if not (MANIFEST_DIR / "manifest.ttl").is_file():
    pytest.skip(f"the W3C protocol manifest is not at {MANIFEST_DIR} (it lives in ../shared/)", allow_module_level=True)
TESTS = read_manifest()
BOOLEAN_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv"}
TABULAR_TYPES = BOOLEAN_TYPES | {"text/tab-separated-values"}
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/trig": "trig",
}


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server of its own (the suite drops everything), with no data and updates enabled."""
    tmp = tmp_path_factory.mktemp("protocol-manifest")
    empty = tmp / "empty"
    empty.mkdir()
    env = {
        "GOVKG_DATA_DIR": str(empty),
        "GOVKG_ONTOLOGY_DIR": str(empty),
        "GOVKG_SHAPES_DIR": str(empty),
        "GOVKG_UPDATE_TOKEN": UPDATE_TOKEN,
    }
    with live_server(tmp, env) as server:
        yield server


def endpoint_path(path: str) -> str:
    """The manifest's ``/sparql/…`` path on this service's ``/sparql`` endpoint."""
    rest = path.removeprefix("/sparql").removeprefix("/")
    return "/sparql" + ("" if not rest else rest if rest.startswith("?") else "/" + rest)


def load_graphs(http: httpx.Client, graphs: list[tuple[str, Path]]) -> None:
    reset = http.post("/update", content="DROP ALL", headers={**AUTH, "Content-Type": "application/sparql-update"})
    assert reset.status_code == 204, reset.text
    for index, (label, path) in enumerate(graphs):
        method = "PUT" if index == 0 else "POST"
        headers = {**AUTH, "Content-Type": "application/n-triples"}
        loaded = http.request(method, "/store", params={"graph": label}, content=path.read_bytes(), headers=headers)
        assert loaded.status_code in (201, 204), loaded.text


def boolean_of(response: httpx.Response, media: str) -> bool:
    """The boolean answer in any of the boolean result formats."""
    if media == "application/sparql-results+json":
        value = json.loads(response.content)["boolean"]
    elif media == "application/sparql-results+xml":
        element = ElementTree.fromstring(response.content).find("{http://www.w3.org/2005/sparql-results#}boolean")
        assert element is not None, response.text
        value = {"true": True, "false": False}[element.text or ""]
    else:
        value = {"true": True, "false": False}[list(csv.reader(io.StringIO(response.text)))[1][0]]
    assert isinstance(value, bool)
    return value


def check(request: Request, response: httpx.Response) -> None:
    """Every expectation the manifest states for this response."""
    expected = request.expected
    shown = f"{request.method} {request.path} -> {response.status_code} {response.text[:300]!r}"
    assert response.status_code // 100 in expected.status_classes, shown
    if response.status_code >= 300:
        return
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if expected.content_types:
        assert media in expected.content_types, f"{shown}: content type {media}"
    if "boolean" in expected.formats:
        assert media in BOOLEAN_TYPES, f"{shown}: {media} is not a boolean results format"
    if "tabular" in expected.formats:
        assert media in TABULAR_TYPES, f"{shown}: {media} is not a tabular results format"
    if "RDF" in expected.formats:
        assert media in RDF_TYPES, f"{shown}: {media} is not an RDF format"
        rdflib.Graph().parse(data=response.content, format=RDF_TYPES[media])
    if expected.boolean is not None:
        assert boolean_of(response, media) is expected.boolean, shown


@pytest.mark.server
@pytest.mark.parametrize("test", [pytest.param(t, id=t.name) for t in TESTS])
def test_protocol(empty_server: LiveServer, test: ProtocolTest) -> None:
    with httpx.Client(base_url=empty_server.url, timeout=15) as http:
        load_graphs(http, test.graphs)
        for request in test.requests:
            response = http.request(
                request.method,
                endpoint_path(request.path),
                headers={**AUTH, **request.headers},
                content=request.body,
            )
            check(request, response)


def test_the_manifest_is_complete() -> None:
    assert len(TESTS) == 48, "the conformance suite has 48 tests"
    assert all(t.requests for t in TESTS), "every test sends at least one request"
