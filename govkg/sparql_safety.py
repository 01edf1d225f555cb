"""Refuse SPARQL that would reach the network: ``SERVICE`` clauses and ``LOAD`` operations.

pyoxigraph (like rdflib) fetches ``SERVICE`` endpoints and ``LOAD`` URLs over HTTP when asked to;
a governance service on a closed hospital network must never do so on a user's behalf. The check
looks at keywords only, after blanking comments, strings, IRIs, variables and prefixed names, so a
variable called ``?service`` or a label containing "load" is not mistaken for the keyword.
"""

from __future__ import annotations

import re

from govkg.errors import QueryRefused

_NOT_KEYWORDS = re.compile(
    r"""
    \#[^\n]*                                   # comment
    | '''(?:[^'\\]|\\.|'(?!''))*'''            # long strings
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n]|\\.)*'                      # short strings
    | "(?:[^"\\\n]|\\.)*"
    | <[^<>"{}|^`\\\s]*>                       # IRIs
    | [?$][A-Za-z0-9_\u00B7-\uFFFF]+           # variables
    | [A-Za-z0-9_\u00B7-\uFFFF.-]*:[A-Za-z0-9_\u00B7-\uFFFF.:%-]*   # prefixed names
    """,
    re.VERBOSE,
)
_REFUSED = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)


def refuse_remote(sparql: str) -> None:
    """Raise if the query or update asks for a ``SERVICE`` call or a ``LOAD``.

    Raises:
        QueryRefused: naming the keyword found.
    """
    match = _REFUSED.search(_NOT_KEYWORDS.sub(" ", sparql))
    if match:
        keyword = match.group(1).upper()
        raise QueryRefused(f"{keyword} is not allowed: this service never fetches remote data on a query's behalf")
