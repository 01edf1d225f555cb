"""Reading a SPARQL 1.1 Protocol request: which operation it carries, with which dataset, or why it is wrong.

A request is a query or an update, never both, sent as GET ``?query=``, a POST form, or a POST body of
``application/sparql-query`` / ``application/sparql-update`` (UTF-8). The dataset comes from
``default-graph-uri``/``named-graph-uri`` (queries) or ``using-graph-uri``/``using-named-graph-uri``
(updates), in the URL or, for a form, in the body too. Anything else the protocol forbids is a
:class:`ProtocolError` with the status to send. Evaluation and authorisation happen elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal
from urllib.parse import parse_qsl

import pyoxigraph as ox

from api.negotiation import media_type_of

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
VERSIONS = frozenset({"1.1", "1.2"})
QUERY_DATASET = ("default-graph-uri", "named-graph-uri")
UPDATE_DATASET = ("using-graph-uri", "using-named-graph-uri")


class ProtocolError(Exception):
    """A request the protocol does not allow; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Operation:
    """A query or update and the dataset the request names for it (None: not named by the request)."""

    kind: Literal["query", "update"]
    text: str
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = field(default=None)

    @property
    def names_dataset(self) -> bool:
        return self.default_graphs is not None or self.named_graphs is not None


Params = list[tuple[str, str]]


def _values(params: Params, name: str) -> list[str]:
    return [value for key, value in params if key == name]


def _graph_names(params: Params, name: str) -> list[str]:
    names = _values(params, name)
    for iri in names:
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise ProtocolError(400, f"{name} must be an absolute IRI, not {iri!r}: {exc}") from None
    return names


def _check_version(values: list[str]) -> None:
    if len(values) > 1:
        raise ProtocolError(400, "the request gives more than one version parameter")
    if values and values[0] not in VERSIONS:
        raise ProtocolError(400, f"unsupported SPARQL version {values[0]!r}; supported: 1.1, 1.2")


def operation(params: Params) -> Operation | None:
    """The single query or update named by these parameters, with its dataset; None if there is neither.

    Raises:
        ProtocolError: two queries or updates, a query and an update, a dataset parameter of the
            wrong kind, a graph name that is not an IRI, or a bad ``version``.
    """
    queries, updates = _values(params, "query"), _values(params, "update")
    _check_version(_values(params, "version"))
    if queries and updates:
        raise ProtocolError(400, "a request carries either a query or an update, not both")
    if len(queries) > 1 or len(updates) > 1:
        raise ProtocolError(400, f"the request gives more than one {'query' if queries else 'update'} parameter")
    if not queries and not updates:
        return None
    kind: Literal["query", "update"] = "query" if queries else "update"
    own, other = (QUERY_DATASET, UPDATE_DATASET) if queries else (UPDATE_DATASET, QUERY_DATASET)
    misplaced = [name for name in other if _values(params, name)]
    if misplaced:
        raise ProtocolError(400, f"{misplaced[0]} does not apply to a SPARQL {kind}; use {own[0]}")
    defaults, named = _graph_names(params, own[0]), _graph_names(params, own[1])
    if not defaults and not named:
        return Operation(kind, (queries or updates)[0])
    return Operation(kind, (queries or updates)[0], defaults, named)


def from_get(url_params: Params, has_body: bool) -> Operation | None:
    """The operation of a GET request (queries only; updates must be POSTed).

    Raises:
        ProtocolError: a body on the GET, an update, or any error of :func:`operation`.
    """
    if has_body:
        raise ProtocolError(400, "a GET request must not have a body; POST the query instead")
    found = operation(url_params)
    if found is not None and found.kind == "update":
        raise ProtocolError(400, "updates must be sent with POST")
    return found


@lru_cache(maxsize=256)
def from_query_string(query_string: bytes) -> Operation | None:
    """:func:`from_get` for a body-less GET's raw query string, remembered: clients repeat their queries.

    Raises:
        ProtocolError: as :func:`from_get` (errors are not remembered).
    """
    return from_get(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True), has_body=False)


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"the request body is not valid UTF-8: {exc}") from None


def from_post(url_params: Params, content_type: str | None, body: bytes) -> Operation:
    """The operation of a POST request: a form, or a query or update sent directly.

    Raises:
        ProtocolError: 415 for a missing or unsupported media type or charset; 400 for a body that is
            not UTF-8, an operation outside the body, or any error of :func:`operation`.
    """
    media, media_params = media_type_of(content_type)
    if media == FORM:
        if _values(url_params, "query") or _values(url_params, "update"):
            raise ProtocolError(400, "a form POST carries the query or update in its body, not in the URL")
        params = url_params + parse_qsl(_utf8(body), keep_blank_values=True)
        found = operation(params)
        if found is None:
            raise ProtocolError(400, "the form has neither a query nor an update parameter")
        return found
    if media not in (QUERY_TYPE, UPDATE_TYPE):
        shown = f"media type {media!r}" if media else "no media type"
        raise ProtocolError(415, f"{shown}: POST {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}")
    charset = media_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"charset {charset!r} is not supported; send the {media} body as UTF-8")
    _check_version([media_params["version"]] if "version" in media_params else [])
    if _values(url_params, "query") or _values(url_params, "update"):
        raise ProtocolError(400, f"a {media} POST carries the operation in its body; no query/update parameter")
    param = "query" if media == QUERY_TYPE else "update"
    found = operation([*url_params, (param, _utf8(body))])
    assert found is not None
    return found
