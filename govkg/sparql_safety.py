"""Checks every query and update passes before any parser sees it: no network, no deep nesting.

pyoxigraph (like rdflib) fetches ``SERVICE`` endpoints and ``LOAD`` URLs over HTTP when asked to,
and it has no switch to stop that; a governance service on a closed hospital network must never do
so on a user's behalf. Its parser also crashes the process on deeply nested brackets. So the text
is read with :mod:`govkg.sparql_lexer` (linear time, comments/strings/IRIs/variables told apart)
and refused when a word holds ``SERVICE`` or ``LOAD`` (the engine reads ``SERVICE:x`` and
``LOADex:f`` as the keyword) or brackets nest deeper than the limit. A variable ``?service``, a
label saying "load", a local name like ``ex:download`` and a prefix like ``service:`` that the
engine cannot read as the keyword pass (see :func:`govkg.sparql_lexer.watched_word`).
"""

from __future__ import annotations

from functools import lru_cache

from govkg.errors import QueryRefused
from govkg.sparql_lexer import depth, watched_word

MAX_DEPTH = 100
REFUSED = ("SERVICE", "LOAD")
#: what a refused prefix might be renamed to
SHORT = {"SERVICE": "svc", "LOAD": "ld"}


def refuse_remote(sparql: str) -> None:
    """Raise if the query or update asks for a ``SERVICE`` call or a ``LOAD``, or may be read so.

    Raises:
        QueryRefused: naming the keyword found, or the prefix the engine would read as the keyword
            (with why, and what to do instead).
    """
    found = watched_word(sparql, REFUSED)
    if found is None:
        return
    keyword = found.keyword
    if found.prefix is None:
        raise QueryRefused(
            f"{keyword} is not allowed: this service never fetches remote data on a query's behalf "
            f"(a word starting with or holding {keyword} counts as the keyword)"
        )
    prefix, declared = found.prefix.lower(), found.declared.lower() if found.declared else ""
    rest = prefix[prefix.find(keyword.lower()) + len(keyword) :]
    renamed = prefix.replace(keyword.lower(), SHORT[keyword])
    raise QueryRefused(
        f"the prefix '{prefix}:' is refused because this text also declares the prefix '{declared}:': "
        f"the SPARQL engine reads a name like '{prefix}:x' as the keyword {keyword} followed by "
        f"'{rest}:x', a {keyword} of remote data, which this service never does. Rename the prefix "
        f"so that it does not hold '{keyword.lower()}' (for example '{renamed}:'), or use full IRIs"
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
