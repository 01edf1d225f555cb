"""Reading the W3C SPARQL Protocol test manifest into plain requests and expectations.

Each test is a sequence of HTTP requests, each with the statuses, formats, content types and
boolean answer its response must have, plus the graphs to load first (``ut:graphData``). The
manifest states expectations two ways (``mf:expected*`` and ``ht:statusCodeValue``/``ht:headers``
on the response); both are read into :class:`Expected`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, Namespace
from rdflib.collection import Collection
from rdflib.term import Node

from tests.live import ROOT

MANIFEST_DIR = ROOT.parent / "shared" / "conformance" / "sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")


@dataclass(frozen=True)
class Expected:
    """What a response must show; empty collections mean "anything"."""

    status_classes: frozenset[int]
    formats: frozenset[str] = frozenset()
    content_types: frozenset[str] = frozenset()
    boolean: bool | None = None


@dataclass(frozen=True)
class Request:
    """One HTTP request of a test, with the endpoint path still as the manifest writes it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    expected: Expected


@dataclass(frozen=True)
class ProtocolTest:
    """A manifest entry: graphs to load (label -> file) and the requests to replay in order."""

    name: str
    title: str
    graphs: list[tuple[str, Path]]
    requests: list[Request] = field(default_factory=list)


def _items(graph: rdflib.Graph, head: Node | None) -> list[Node]:
    return [] if head is None else list(Collection(graph, head))


def _status_class(value: Node) -> int:
    text = str(value).rsplit("#", 1)[-1]  # ht:StatusCode2xx or "2XX"
    return int(text.removeprefix("StatusCode")[0])


def _expected(graph: rdflib.Graph, response: Node) -> Expected:
    statuses = [*graph.objects(response, MF.expectedStatus), *graph.objects(response, HT.statusCodeValue)]
    boolean = graph.value(response, MF.expectedBoolean)
    body = graph.value(response, HT.body)
    if boolean is None and body is not None:
        boolean = graph.value(body, CNT.chars)
    content_types = {
        str(graph.value(element, HT.elementName)).lower()
        for header in _items(graph, graph.value(response, HT.headers))
        if str(graph.value(header, HT.fieldName)).lower() in ("content-type", "accept")
        for element in _items(graph, graph.value(header, HT.headerElements))
    }
    return Expected(
        status_classes=frozenset(_status_class(s) for s in statuses),
        formats=frozenset(str(f) for f in graph.objects(response, MF.expectedFormat)),
        content_types=frozenset(content_types),
        boolean=None if boolean is None else bool(boolean.toPython()),  # type: ignore[attr-defined]
    )


def _request(graph: rdflib.Graph, node: Node) -> Request:
    headers = {
        str(graph.value(h, HT.fieldName)): str(graph.value(h, HT.fieldValue))
        for h in _items(graph, graph.value(node, HT.headers))
    }
    body_node = graph.value(node, HT.body)
    body = None
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(body_node, CNT.chars)).encode(encoding)
    return Request(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=headers,
        body=body,
        expected=_expected(graph, graph.value(node, HT.resp)),  # type: ignore[arg-type]
    )


def read_manifest(path: Path = MANIFEST_DIR / "manifest.ttl") -> list[ProtocolTest]:
    """The manifest's tests in its own order."""
    graph = rdflib.Graph().parse(path, format="turtle")
    manifest = graph.value(predicate=RDF.type, object=MF.Manifest)
    tests = []
    for entry in _items(graph, graph.value(manifest, MF.entries)):
        graphs = [
            (str(graph.value(data, RDFS.label)), Path(str(graph.value(data, UT.graph)).removeprefix("file://")))
            for data in graph.objects(entry, UT.graphData)
        ]
        action = graph.value(entry, MF.action)
        tests.append(
            ProtocolTest(
                name=str(entry).rsplit("#", 1)[-1],
                title=str(graph.value(entry, MF.name)),
                graphs=sorted(graphs),
                requests=[_request(graph, r) for r in _items(graph, graph.value(action, HT.requests))],
            )
        )
    return tests
