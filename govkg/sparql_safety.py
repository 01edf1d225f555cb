"""Refuse SPARQL that would reach the network: ``SERVICE`` clauses and ``LOAD`` operations.

pyoxigraph (like rdflib) fetches ``SERVICE`` endpoints and ``LOAD`` URLs over HTTP when asked to;
a governance service on a closed hospital network must never do so on a user's behalf. The check
looks at keywords only (:func:`govkg.sparql_text.keywords` blanks comments, strings, IRIs,
variables and prefixed names first), so a variable ``?service`` or a label saying "load" passes.
"""

from __future__ import annotations

from govkg.errors import QueryRefused
from govkg.sparql_text import keywords

REFUSED = ("SERVICE", "LOAD")


def refuse_remote(sparql: str) -> None:
    """Raise if the query or update asks for a ``SERVICE`` call or a ``LOAD``.

    Raises:
        QueryRefused: naming the keyword found.
    """
    found = keywords(sparql)
    for keyword in REFUSED:
        if keyword in found:
            raise QueryRefused(f"{keyword} is not allowed: this service never fetches remote data on a query's behalf")
