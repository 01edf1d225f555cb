"""Answers of a remote store passed through as the server wrote them, when they can be checked cheaply.

Parsing a remote answer into Python terms and writing it out again costs far more than the HTTP hop
itself. When the server answered in the very format the client asked for, govkg only has to check
the result cap, which these formats allow without parsing terms: SPARQL JSON (the C JSON decoder
counts the bindings), SPARQL XML (every solution is one ``<result>`` element; text content cannot
contain ``<``) and N-Triples / N-Quads (one line per statement; newlines in literals are escaped).
Any other answer is parsed as before; :func:`parse_answer` parses a streamed one lazily.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from govkg.errors import ResultTooLarge, StoreError
from govkg.results import QueryResult, materialise

JSON_TYPES = ("application/sparql-results+json", "application/json")
XML_TYPES = ("application/sparql-results+xml", "application/xml")
LINE_TYPES = ("application/n-triples", "application/n-quads")
PASSED = frozenset((JSON_TYPES[0], XML_TYPES[0], *LINE_TYPES))  # not the aliases: JSON and XML are also RDF
#: What else a client of the passed-through path accepts, for answers it then parses.
FALLBACK = "application/sparql-results+json;q=0.5, application/n-triples;q=0.5, text/turtle;q=0.4"
#: Bytes read at most per allowed result before the answer counts as too large, unread.
BYTES_PER_RESULT = 4096
Answer = ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]


@dataclass(frozen=True)
class RawAnswer:
    """An answer body exactly as the server sent it, in ``media_type`` (within the result cap)."""

    media_type: str
    body: bytes


def size_of(media_type: str, body: bytes) -> int | None:
    """Solutions or statements in an answer body, or None when the body is not what its type says."""
    if media_type in JSON_TYPES:
        try:
            parsed = json.loads(body)
        except ValueError:
            return None
        bindings = parsed.get("results", {}).get("bindings") if isinstance(parsed, dict) else None
        return len(bindings) if isinstance(bindings, list) else (0 if "boolean" in parsed else None)
    if media_type in XML_TYPES:
        return body.count(b"<result>") + body.count(b"<result ")
    if media_type in LINE_TYPES:
        return sum(1 for line in body.splitlines() if line.strip() and not line.lstrip().startswith(b"#"))
    return None


def check_size(media_type: str, body: bytes, limit: int | None) -> RawAnswer | None:
    """The body as a :class:`RawAnswer` when it may be passed through; None when it must be parsed.

    Raises:
        ResultTooLarge: more than ``limit`` solutions or statements.
    """
    if media_type not in PASSED or b"__ASK_RETVAL" in body[:512]:
        return None  # Virtuoso's ASK answer is parsed to become the boolean it means
    size = size_of(media_type, body)
    if size is None:
        return None
    if limit is not None and size > limit:
        raise ResultTooLarge(f"the query returns more than {limit} results; add a LIMIT or narrow it")
    return RawAnswer(media_type, body)


def parse_body(media_type: str, body: bytes, *, limit: int | None, deadline: float | None) -> QueryResult:
    """An answer body parsed by its media type, within the cap and deadline.

    Raises:
        StoreError: the type is no SPARQL results or RDF format, or the body does not parse.
    """
    results_format = ox.QueryResultsFormat.from_media_type(media_type) if media_type else None
    rdf_format = None if results_format else ox.RdfFormat.from_media_type(media_type) if media_type else None
    try:
        if results_format is not None:
            return materialise(ox.parse_query_results(body, results_format), limit=limit, deadline=deadline)
        if rdf_format is not None:
            triples = (quad.triple for quad in ox.parse(body, rdf_format))
            return materialise(triples, limit=limit, deadline=deadline)  # type: ignore[arg-type]
    except SyntaxError as exc:
        raise StoreError(f"the remote store sent an answer that does not parse: {exc}") from None
    raise StoreError(f"the remote store answered in {media_type or 'an unnamed format'}, not a SPARQL result format")


class _ChunkReader(io.RawIOBase):
    """A file-like view of an iterator of byte chunks, for pyoxigraph's streaming parsers."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def parse_answer(response: httpx.Response) -> Answer:
    """The answer in the response body, parsed lazily by its media type.

    Raises:
        StoreError: the media type is neither a SPARQL results format nor an RDF format.
    """
    media = response.headers.get("content-type", "").split(";")[0].strip()
    reader = io.BufferedReader(_ChunkReader(response.iter_bytes()), buffer_size=1 << 16)
    results_format = ox.QueryResultsFormat.from_media_type(media) if media else None
    if results_format is not None:
        return ox.parse_query_results(reader, results_format)
    rdf_format = ox.RdfFormat.from_media_type(media) if media else None
    if rdf_format is not None:
        return (quad.triple for quad in ox.parse(reader, rdf_format))
    raise StoreError(f"the remote store answered in {media or 'an unnamed format'}, not a SPARQL result format")
