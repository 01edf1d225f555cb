"""Answering a query on a remote store: the server's bytes go out as they came when it wrote the asked format.

Called by :func:`api.sparql_runner.evaluate` when the store is a
:class:`~govkg.store.remote.RemoteStore`: it asks the server for the formats the client negotiated
and, when the answer comes back in one of them, passes the body through after checking the result
cap (:mod:`govkg.store.passthrough`): no parsing into Python terms, no writing out again. Headers
(ETag, Last-Modified, Vary, our Content-Type) and errors are the endpoint's own, as for any answer.
"""

from __future__ import annotations

from api.sparql_formats import GRAPH_FORMATS, SOLUTION_FORMATS, Format
from govkg.store.passthrough import RawAnswer
from govkg.store.remote import RemoteStore

_BY_KEY = {False: {f.key: f for f in SOLUTION_FORMATS.values()}, True: {f.key: f for f in GRAPH_FORMATS.values()}}


def media_of(fmt: Format) -> str:
    return fmt.content_type.split(";")[0]


def remote_answer(
    store: RemoteStore,
    text: str,
    dataset: tuple[list[str] | None, list[str] | None],
    keys: tuple[str | None, str | None],
    timeout: float,
    limit: int,
) -> tuple[str, bytes]:
    """The form (``GRAPH`` or not) and body of a query's answer from the remote store, as :func:`evaluate` gives."""
    solutions = _BY_KEY[False].get(keys[0] or "")
    graphs = _BY_KEY[True].get(keys[1] or "")
    offered = {media_of(f): f for f in (solutions, graphs) if f is not None}
    answer = store.query_in(
        text, list(offered), default_graphs=dataset[0], named_graphs=dataset[1], timeout=timeout, limit=limit
    )
    if isinstance(answer, RawAnswer):
        return ("GRAPH" if offered[answer.media_type] is graphs else "SELECT"), answer.body
    fmt = graphs if answer.form == "GRAPH" else solutions
    return answer.form, b"" if fmt is None else fmt.render(answer)
