"""Reading SPARQL text at the keyword level: which dataset clauses a request declares, and adding ``USING``.

The SPARQL 1.1 Protocol lets a request name its dataset outside the query (``default-graph-uri``,
``using-graph-uri`` …). Getting the precedence right needs to know whether the text itself has
``FROM``/``USING``/``WITH`` clauses, and the protocol's ``using-graph-uri`` has to become ``USING``
clauses in each operation. This module reads the text's tokens (:mod:`govkg.sparql_lexer`: comments, strings,
IRIs, variables and prefixed names are told apart from keywords), so a label containing "from" or a
variable ``?with`` is never taken for a keyword. It is not a parser: the store parses afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from govkg.sparql_lexer import keywords, masked

_TOKEN = re.compile(r"[{}]|(?<![:.\w%-])[A-Za-z]+(?![:\w%-])")


@lru_cache(maxsize=512)
def declares_dataset(query: str) -> bool:
    """Whether a query names its own dataset with ``FROM`` or ``FROM NAMED`` (remembered: clients repeat queries)."""
    return "FROM" in keywords(query)


def declares_update_dataset(update: str) -> bool:
    """Whether an update names its own dataset with ``USING``, ``USING NAMED`` or ``WITH``."""
    return not keywords(update).isdisjoint({"USING", "WITH"})


def with_using(update: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> str:
    """The update with ``USING <g>`` / ``USING NAMED <g>`` added to every operation that has a ``WHERE``.

    This is what the protocol's ``using-graph-uri`` and ``using-named-graph-uri`` mean (SPARQL 1.1
    Protocol §2.2.3). ``DELETE WHERE`` has no dataset clause and is left as it is. The graph names
    must already be valid absolute IRIs.

    Raises:
        ValueError: the update has its own ``USING``/``WITH`` clauses (the protocol forbids both).
    """
    if declares_update_dataset(update):
        raise ValueError("the update has USING or WITH clauses; it cannot also take using-graph-uri parameters")
    clause = " ".join([*(f"USING <{g}>" for g in default_graphs), *(f"USING NAMED <{g}>" for g in named_graphs)])
    if not clause:
        return update
    depth, previous, cuts = 0, "", []
    for token in _TOKEN.finditer(masked(update)):
        word = token.group().upper()
        if word == "{":
            depth += 1
        elif word == "}":
            depth -= 1
        elif depth == 0:
            if word == "WHERE" and previous != "DELETE":
                cuts.append(token.start())
            previous = word
    for cut in reversed(cuts):
        update = f"{update[:cut]}{clause} {update[cut:]}"
    return update
