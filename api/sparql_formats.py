"""The media types the SPARQL endpoint and graph store speak, and how each one renders a result.

Solutions and booleans (SELECT, ASK): SPARQL Results JSON, XML, CSV and TSV. Graphs (CONSTRUCT,
DESCRIBE, graph store): Turtle, N-Triples, JSON-LD, RDF/XML, and TriG/N-Quads (a graph answer is
the default graph of a dataset, which is valid in both). Offers are listed in the server's order of
preference; ``application/json`` and ``application/xml`` are accepted as aliases, answered under
the name the client asked for. Every type is UTF-8 text and says so in its ``Content-Type``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from json.encoder import encode_basestring as quote
from typing import Any

import pyoxigraph as ox

from api.negotiation import choose
from govkg.namespaces import PREFIXES
from govkg.results import QueryResult, Term, to_csv, to_tsv, to_xml


@dataclass(frozen=True)
class Format:
    """One way to write an answer: the ``Content-Type`` to send, a short key for ETags, the renderer."""

    key: str
    content_type: str
    render: Callable[[QueryResult], bytes]


def _text(render: Callable[[QueryResult], str]) -> Callable[[QueryResult], bytes]:
    return lambda result: render(result).encode()


#: Prefixes Turtle and TriG answers may use (only those an answer needs are written).
TURTLE_PREFIXES = {
    **PREFIXES,
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "void": "http://rdfs.org/ns/void#",
    "formats": "http://www.w3.org/ns/formats/",
}


def used_prefixes(triples: Iterable[ox.Triple]) -> dict[str, str]:
    """The prefixes of :data:`TURTLE_PREFIXES` that some IRI in the triples starts with."""
    iris = {
        term.value if isinstance(term, ox.NamedNode) else term.datatype.value
        for triple in triples
        for term in (triple.subject, triple.predicate, triple.object)
        if isinstance(term, ox.NamedNode | ox.Literal)
    }
    return {name: ns for name, ns in TURTLE_PREFIXES.items() if any(iri.startswith(ns) for iri in iris)}


def _graph(format: ox.RdfFormat, prefixes: bool = False) -> Callable[[QueryResult], bytes]:
    def render(result: QueryResult) -> bytes:
        names = used_prefixes(result.triples) if prefixes else None
        return ox.serialize(result.triples, format=format, prefixes=names) or b""

    return render


def _utf8(media_type: str) -> str:
    return f"{media_type}; charset=utf-8"


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _json_iri(term: ox.NamedNode) -> str:
    return f'{{"type":"uri","value":{quote(term.value)}}}'


def _json_bnode(term: ox.BlankNode) -> str:
    return f'{{"type":"bnode","value":{quote(term.value)}}}'


def _json_literal(term: ox.Literal) -> str:
    if term.language:
        return f'{{"type":"literal","value":{quote(term.value)},"xml:lang":{quote(term.language)}}}'
    datatype = term.datatype.value
    if datatype != _XSD_STRING:
        return f'{{"type":"literal","value":{quote(term.value)},"datatype":{quote(datatype)}}}'
    return f'{{"type":"literal","value":{quote(term.value)}}}'


def _json_triple(term: ox.Triple) -> str:
    parts = zip(("subject", "predicate", "object"), (term.subject, term.predicate, term.object), strict=True)
    return '{"type":"triple","value":{' + ",".join(f'"{name}":{_json_term(t)}' for name, t in parts) + "}}"


_JSON_WRITERS: dict[type, Callable[[Any], str]] = {
    ox.NamedNode: _json_iri,
    ox.BlankNode: _json_bnode,
    ox.Literal: _json_literal,
    ox.Triple: _json_triple,
}


def _json_term(term: Term) -> str:
    return _JSON_WRITERS[type(term)](term)


def to_json_fast(result: QueryResult) -> bytes:
    """SPARQL 1.1 Query Results JSON, as :func:`govkg.results.to_json` writes it, in a third of the time.

    The hot path of the endpoint: terms are written with the C string encoder, no dicts in between.
    """
    if result.form == "ASK":
        return b'{"head":{},"boolean":true}' if result.boolean else b'{"head":{},"boolean":false}'
    names, write = [quote(v) for v in result.variables], _JSON_WRITERS
    rows = []
    for row in result.rows:
        cells = [f"{name}:{write[type(term)](term)}" for name, term in zip(names, row, strict=True) if term is not None]
        rows.append("{" + ",".join(cells) + "}")
    return f'{{"head":{{"vars":[{",".join(names)}]}},"results":{{"bindings":[{",".join(rows)}]}}}}'.encode()


SOLUTION_FORMATS: dict[str, Format] = {
    media: Format(key, _utf8(media), render)
    for media, key, render in [
        ("application/sparql-results+json", "srj", to_json_fast),
        ("application/sparql-results+xml", "srx", _text(to_xml)),
        ("text/csv", "csv", _text(to_csv)),
        ("text/tab-separated-values", "tsv", _text(to_tsv)),
        ("application/json", "json", to_json_fast),
        ("application/xml", "xml", _text(to_xml)),
    ]
}

RDF_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "text/turtle": ("ttl", ox.RdfFormat.TURTLE),
    "application/n-triples": ("nt", ox.RdfFormat.N_TRIPLES),
    "application/ld+json": ("jsonld", ox.RdfFormat.JSON_LD),
    "application/rdf+xml": ("rdf", ox.RdfFormat.RDF_XML),
    "application/trig": ("trig", ox.RdfFormat.TRIG),
    "application/n-quads": ("nq", ox.RdfFormat.N_QUADS),
    "application/json": ("json", ox.RdfFormat.JSON_LD),
    "application/xml": ("xml", ox.RdfFormat.RDF_XML),
}

GRAPH_FORMATS: dict[str, Format] = {
    media: Format(key, _utf8(media), _graph(fmt, prefixes=fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)))
    for media, (key, fmt) in RDF_FORMATS.items()
}

SOLUTION_OFFERS = tuple(SOLUTION_FORMATS)
GRAPH_OFFERS = tuple(GRAPH_FORMATS)

#: Formats a graph store accepts in a PUT or POST body (triples only: a quad format would name graphs).
UPLOAD_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/n3": ox.RdfFormat.N3,
}


def solution_format(accept: str | None) -> Format | None:
    """The results format for SELECT/ASK the client prefers, if it accepts any."""
    chosen = choose(accept, SOLUTION_OFFERS)
    return None if chosen is None else SOLUTION_FORMATS[chosen]


def graph_format(accept: str | None) -> Format | None:
    """The RDF format for CONSTRUCT/DESCRIBE (or a stored graph) the client prefers, if it accepts any."""
    chosen = choose(accept, GRAPH_OFFERS)
    return None if chosen is None else GRAPH_FORMATS[chosen]


def serialize_triples(triples: Iterable[ox.Triple], format: Format) -> bytes:
    """Triples written in a graph format (for the graph store and the service description)."""
    return format.render(QueryResult(form="GRAPH", triples=list(triples)))


def acceptable(offers: Iterable[str]) -> str:
    """A sentence listing the offered media types, for a 406 body."""
    return "acceptable media types: " + ", ".join(offers)
