"""Linear-time reading of SPARQL 1.1 text: what is code, what is a string, IRI, comment or variable.

The guard (:mod:`govkg.sparql_safety`) and :mod:`govkg.sparql_text` need to know where keywords
can be, without parsing. This module follows the grammar's terminals: ``IRIREF`` (with ``\\u``
escapes), string literals (short and long, with escapes), comments (ending at ``\\n`` *or*
``\\r``), variables and the escapes of prefixed names' local parts (``ex:a\\#b`` is a name, not a
comment). Each of those starts with its own character, the patterns never overlap and never
backtrack further than the next character that ends them, and replacements are constant strings:
a megabyte of any text is read in milliseconds, never in quadratic time. An unterminated string
runs to the end of its line (the engine refuses it anyway), so no quote is scanned twice.

The engine's parser matches keywords without a word boundary (``SERVICE:x``, ``SERVICEex:x`` and
``1SERVICE`` all hold the keyword), so :func:`watched_word` looks for keywords inside any name-like
run of code that is not the local part of a prefixed name, and lets a prefix name such as
``service:`` pass only when the engine cannot read it as the keyword.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

_STRINGS = r"""
    \#[^\r\n]*
    | '''(?:[^'\\]|\\.|'(?!''))*+(?:''')?
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*+(?:\"\"\")?
    | '(?:[^'\\\r\n]|\\.)*+'?
    | "(?:[^"\\\r\n]|\\.)*+"?
    | \\[_~.\-!$&'()*+,;=/?\#@%]
"""
_IRI = r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*+>"
_VAR = "[?$][A-Za-z0-9_\u00b7-\U000effff]*+"
#: comments, strings and local-name escapes: what no bracket or keyword can hide in.
LITERALS = re.compile(_STRINGS, re.VERBOSE | re.DOTALL)
#: and also IRIs and variables: what is never a keyword.
OPAQUE = re.compile(f"{_STRINGS} | {_IRI} | {_VAR}", re.VERBOSE | re.DOTALL)

_NAME = "A-Za-z0-9_\\-%\u00b7-\U000effff"
#: comments and strings blanked, IRIs kept whole (so a ``#`` in one starts no comment).
_DEPTH_MASK = re.compile(f"{_STRINGS} | (?P<iri>{_IRI})", re.VERBOSE | re.DOTALL)
_BRACKETS = re.compile(r"<<|>>|[{}()\[\]]")
_DEPTH = {"{": 1, "(": 1, "[": 1, "<<": 1, "}": -1, ")": -1, "]": -1, ">>": -1}
_WORDS = re.compile(rf"(?<![:.{_NAME}])[A-Za-z]+(?![:{_NAME}])")


def depth(text: str) -> int:
    """How deep braces, parentheses, brackets and ``<<`` nest outside comments and strings.

    Brackets inside IRIs count too: the engine may read ``<`` as less-than where an IRI could be.
    """
    steps = map(_DEPTH.__getitem__, _BRACKETS.findall(_DEPTH_MASK.sub(r"\g<iri>", text)))
    return max(accumulate(steps), default=0)


def code(text: str) -> str:
    """The text with comments, strings, IRIs and variables each replaced by one space."""
    return OPAQUE.sub(" ", text)


def masked(text: str) -> str:
    """As :func:`code` but every blanked part keeps its length, so offsets stay those of ``text``."""
    return OPAQUE.sub(lambda m: " " * len(m.group()), text)


@lru_cache(maxsize=1024)
def keywords(text: str) -> frozenset[str]:
    """The upper-cased bare words of the code (not prefixed names, not ``.``-glued parts)."""
    return frozenset(word.upper() for word in _WORDS.findall(code(text)))


_ESCAPE = re.compile(r"\\U([0-9A-F]{8})|\\U([0-9A-F]{4})")


def _unescape(match: re.Match[str]) -> str:
    point = int(match.group(1) or match.group(2), 16)
    return chr(point) if point < 0x110000 else " "


_RUNS = re.compile(rf"(?<![:{_NAME}])[{_NAME}]+")
_DECLARED = re.compile(rf"PREFIX\s*([{_NAME}.]*):")
_SILENT = "SILENT"


@dataclass(frozen=True)
class Watched:
    """A watched keyword the engine may read in the text; ``prefix``: the prefix name it stands in, if any."""

    keyword: str
    prefix: str | None = None
    #: the declared prefix that makes the engine read ``prefix:x`` as ``keyword`` followed by ``declared:x``
    declared: str | None = None


@lru_cache(maxsize=1024)
def watched_word(text: str, watched: tuple[str, ...]) -> Watched | None:
    """The first of ``watched`` (upper case) the engine may read as a keyword in the code, or None.

    A run is a maximal stretch of name characters; one that follows ``:`` (the local part of a
    prefixed name, like ``schema:serviceType``: the engine reads local names greedily) is skipped.
    Any other run holding the keyword anywhere counts (``SERVICE``, ``x.SERVICE``, ``1SERVICE``),
    unless it is the prefix of a prefixed name that the engine cannot read as the keyword. By the
    grammar ``service:x`` is one PNAME_LN token, but the engine matches keywords without a word
    boundary: where a pattern may start it reads ``service:x`` as ``SERVICE :x`` — a remote call —
    whenever that parses, that is when what follows the keyword in the prefix (``""`` here,
    ``"foo"`` for ``servicefoo:x``, also after an optional ``SILENT``) is itself a declared prefix.
    So a prefix holding the keyword passes only while no such prefix is declared anywhere in the
    text (compared without case: better a refused query now and then than a fetch).
    """
    upper = code(text).upper()
    if "\\U" in upper:  # the spec lets codepoint escapes spell keywords: read them as the letters they are
        upper = _ESCAPE.sub(_unescape, upper).upper()
    declared: set[str] | None = None
    for run in _RUNS.finditer(upper):
        name = run.group()
        for word in watched:
            start = name.find(word)
            while start >= 0:
                if not upper.startswith(":", run.end()):
                    return Watched(word)
                if declared is None:
                    declared = set(_DECLARED.findall(upper))
                rest = name[start + len(word) :]
                for after in (rest, rest.removeprefix(_SILENT) if rest.startswith(_SILENT) else None):
                    if after is not None and after in declared:
                        return Watched(word, name, after)
                start = name.find(word, start + 1)
    return None
