"""Named SPARQL questions: the ``queries/*.rq`` files beside this module, loaded by name.

Each file is a complete query that any SPARQL client can run as it stands. A parameter is a slot
written ``VALUES ?name { UNDEF }`` (unbound: "any"); :func:`question` fills slots with terms, each
serialised by pyoxigraph, which escapes IRIs and literals. Text from a user never reaches a query
any other way: there is deliberately no string formatting of parameters here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

import pyoxigraph as ox

Value = ox.NamedNode | ox.Literal

_SLOT = re.compile(r"VALUES \?(\w+) \{ UNDEF \}")


@cache
def names() -> tuple[str, ...]:
    """The names of all questions, sorted."""
    folder = resources.files("govkg") / "queries"
    return tuple(sorted(p.name.removesuffix(".rq") for p in folder.iterdir() if p.name.endswith(".rq")))


@cache
def text(name: str) -> str:
    """A question's SPARQL as written, with its slots unbound.

    Raises:
        KeyError: there is no question of that name.
    """
    if name not in names():
        raise KeyError(f"no question named {name!r}")
    return (resources.files("govkg") / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def slots(name: str) -> list[str]:
    """The parameters a question takes, in the order they appear."""
    return _SLOT.findall(text(name))


def question(name: str, **bindings: Sequence[Value] | None) -> str:
    """A question with some slots bound; a slot given ``None`` stays unbound, one given ``[]`` matches nothing.

    Raises:
        KeyError: no such question, or a binding for a slot it does not have.
        TypeError: a value that is not a pyoxigraph IRI or literal (plain strings are refused on purpose).
    """
    sparql = text(name)
    unknown = set(bindings) - set(slots(name))
    if unknown:
        raise KeyError(f"question {name!r} has no slot {', '.join(sorted(unknown))}")
    for values in bindings.values():
        for value in values or ():
            if not isinstance(value, ox.NamedNode | ox.Literal):
                raise TypeError(f"bind pyoxigraph terms, not {type(value).__name__}")

    def fill(match: re.Match[str]) -> str:
        values = bindings.get(match.group(1))
        if values is None:
            return match.group(0)
        return f"VALUES ?{match.group(1)} {{ {' '.join(str(v) for v in values)} }}"

    return _SLOT.sub(fill, sparql)
