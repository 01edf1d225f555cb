"""Checks every query and update passes before any parser sees it: no network, no deep nesting.

pyoxigraph (like rdflib) fetches ``SERVICE`` endpoints and ``LOAD`` URLs over HTTP when asked to,
and it has no switch to stop that; a governance service on a closed hospital network must never do
so on a user's behalf. Its parser also crashes the process on deeply nested brackets. So the text
is read with :mod:`govkg.sparql_lexer` (linear time, comments/strings/IRIs/variables told apart)
and refused when a word *starts* with ``SERVICE`` or ``LOAD`` (the engine reads ``SERVICE:x`` and
``LOADex:f`` as the keyword) or brackets nest deeper than the limit. A variable ``?service`` or a
label saying "load" passes.
"""

from __future__ import annotations

from functools import lru_cache

from govkg.errors import QueryRefused
from govkg.sparql_lexer import depth, watched_word

MAX_DEPTH = 100
REFUSED = ("SERVICE", "LOAD")


def refuse_remote(sparql: str) -> None:
    """Raise if the query or update asks for a ``SERVICE`` call or a ``LOAD``.

    Raises:
        QueryRefused: naming the keyword found.
    """
    keyword = watched_word(sparql, REFUSED)
    if keyword is not None:
        raise QueryRefused(
            f"{keyword} is not allowed: this service never fetches remote data on a query's behalf "
            f"(a word or prefixed name starting with {keyword} counts as the keyword)"
        )


def check_nesting(sparql: str, limit: int = MAX_DEPTH) -> None:
    """Raise if braces, parentheses, brackets or ``<<`` nest deeper than ``limit`` (outside strings and IRIs).

    Raises:
        QueryRefused: too deep, with the depth found and the limit.
    """
    found = _depth(sparql)
    if found > limit:
        raise QueryRefused(f"brackets nest {found} levels deep; this service allows at most {limit}")


@lru_cache(maxsize=1024)
def _depth(sparql: str) -> int:
    return depth(sparql)


def guard(sparql: str, max_depth: int = MAX_DEPTH) -> None:
    """Both checks: no ``SERVICE``/``LOAD`` and nesting within ``max_depth``.

    Raises:
        QueryRefused: either check failed.
    """
    check_nesting(sparql, max_depth)
    refuse_remote(sparql)
