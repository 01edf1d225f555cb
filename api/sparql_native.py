"""SPARQL JSON results written by the engine itself, byte for byte what :func:`~api.sparql_formats.to_json_fast` writes.

Reading each solution into Python terms and writing it out again is most of what a small query
costs after its evaluation (and far more for a large answer). pyoxigraph can write SPARQL JSON
itself, in the same bytes, but then the result cap must be checked without the terms: a solution
takes at least three bytes (``{},``), so an answer of at most ``3 × limit`` bytes is within the cap;
a longer one is counted by the C JSON decoder; one that grows past a byte budget is given up and
the query runs again the usual way (:func:`~govkg.results.materialise`), which counts exactly.
"""

from __future__ import annotations

import json
import time

import pyoxigraph as ox

from govkg.errors import QuerySyntaxError, ResultTooLarge
from govkg.results import QueryResult, materialise
from govkg.store import EmbeddedStore

#: Solution formats written by the engine (keys of :data:`api.sparql_formats.SOLUTION_FORMATS`).
KEYS = frozenset({"srj", "json"})
#: Bytes per allowed solution the engine may write before the answer is read the usual way instead.
BYTES_PER_RESULT = 64


class _Over(Exception):
    """The answer grew past its byte budget."""


class _Budgeted:
    """A writer for pyoxigraph that keeps what it is given, up to ``budget`` bytes."""

    def __init__(self, budget: int) -> None:
        self.parts: list[bytes] = []
        self.left = budget

    def write(self, data: bytes) -> int:
        self.left -= len(data)
        if self.left < 0:
            raise _Over
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def native_json(answer: ox.QuerySolutions | ox.QueryBoolean, limit: int) -> bytes | None:
    """The answer as SPARQL JSON written by the engine, or None when it is too long to check cheaply.

    Raises:
        ResultTooLarge: more than ``limit`` solutions.
    """
    writer = _Budgeted(BYTES_PER_RESULT * limit + 4096)
    try:
        answer.serialize(writer, format=ox.QueryResultsFormat.JSON)
    except _Over:
        return None
    except SyntaxError as exc:  # raised while evaluating (a bad regular expression)
        raise QuerySyntaxError(str(exc)) from None
    body = b"".join(writer.parts)
    if isinstance(answer, ox.QueryBoolean) or len(body) // 3 <= limit:
        return body
    if len(json.loads(body)["results"]["bindings"]) > limit:
        raise ResultTooLarge(f"the query returns more than {limit} results; add a LIMIT or narrow it")
    return body


def answer_json(
    store: EmbeddedStore, text: str, defaults: list[str] | None, named: list[str] | None, timeout: float, limit: int
) -> tuple[str, bytes] | QueryResult:
    """A query's form and SPARQL JSON body written by the engine; or its result read the usual way.

    The usual way is for graphs (``CONSTRUCT``, ``DESCRIBE``) and for answers too long to check
    cheaply (the query runs again). Errors as :meth:`~govkg.store.EmbeddedStore.query`.
    """
    deadline = time.monotonic() + timeout
    answer = store.answer(text, default_graphs=defaults, named_graphs=named)
    if not isinstance(answer, ox.QueryTriples):
        body = native_json(answer, limit)
        if body is not None:
            return ("ASK" if isinstance(answer, ox.QueryBoolean) else "SELECT"), body
        answer = store.answer(text, default_graphs=defaults, named_graphs=named)
    try:
        return materialise(answer, limit=limit, deadline=deadline)
    except SyntaxError as exc:
        raise QuerySyntaxError(str(exc)) from None
