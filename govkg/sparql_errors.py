"""Parser messages a person can read: one line, ``line:column``, what was expected in words, what was found.

pyoxigraph reports ``error at 1:24: expected one of "$", "'", … ['A' ..= 'Z' | '\\u{00C0}'..=…]``:
every alternative of its grammar at that point, Unicode ranges included, over several lines. Here
that becomes ``syntax error at 1:24: expected a variable, an IRI, a prefixed name, …; found the end
of the query``. An undeclared prefix (the parser's "Prefix not found") names the prefix and says that
``PREFIX`` is missing, with the declaration to add when the ontology knows the prefix. Messages that
are not the parser's pass through unchanged.
"""

from __future__ import annotations

import re

from govkg.namespaces import PREFIXES

_HEAD = re.compile(r"^(?:syntax )?error at (\d+):(\d+): (.*)$", re.DOTALL)
_ALTERNATIVE = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:[^\]\\]|\\.)*\]|[^,\[\]"]+')
_OPAQUE = re.compile(
    r"""\#[^\n]*|'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\""""
    r"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>"""
)
_USED = re.compile(r"(?<![\w.:?$-])([A-Za-z][\w.-]*)?:(?!//)")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_TERMS = {
    "$": "a variable",
    "?": "a variable",
    "<": "an IRI",
    ":": "a prefixed name",
    "'": "a string",
    "'''": "a string",
    '\\"': "a string",
    '\\"\\"\\"': "a string",
    "+": "a number",
    "-": "a number",
    "true": "true or false",
    "false": "true or false",
    "_:": "a blank node",
    "[": "a blank node",
    "<<": "a quoted triple",
    "<<(": "a quoted triple",
}
_ORDER = ["a variable", "an IRI", "a prefixed name", "a string", "a number", "true or false", "a blank node"]
_FUNCTIONS = {"STR", "ABS", "BOUND", "REGEX", "LANG", "CONCAT", "IRI", "COUNT", "SUM", "NOT", "EXISTS"}
_PREDECLARED_NOTE = "govkg query declares " + ", ".join(f"{p}:" for p in PREFIXES)
_ENDPOINT_NOTE = "this endpoint declares no prefixes for you"
SHOWN_KEYWORDS = 8


def _words(alternative: str) -> str | None:
    """One grammar alternative in words, or None for what says nothing to a person."""
    if alternative.startswith("["):
        if "'A' ..= 'Z'" in alternative:
            return "a prefixed name"
        return "a number" if "'0'" in alternative and "'A'" not in alternative and "'-'" not in alternative else None
    if alternative.startswith('"'):
        inner = alternative[1:-1]
        if inner in _TERMS:
            return _TERMS[inner]
        return None if inner.startswith("\\\\") else f"'{inner}'"
    return alternative


def _rank(words: str) -> tuple[int, int]:
    if words in _ORDER:
        return (0, _ORDER.index(words))
    return (1, 0) if words.startswith("'") or words == "a quoted triple" else (2, 0)


def _expected(alternatives: list[str]) -> str:
    if any(a.startswith('"\\\\') for a in alternatives):
        return "expected the string's closing quote"
    shown: list[str] = []
    for alternative in alternatives:
        words = _words(alternative)
        if words and words not in shown:
            shown.append(words)
    keywords = [a for a in alternatives if a[:1] not in '["' and " " not in a]
    if len(keywords) > SHOWN_KEYWORDS or _FUNCTIONS & set(keywords):
        shown = [w for w in shown if w not in keywords] + ["an expression or a keyword"]
    if not shown:
        return "the query cannot go on here (an extra '}', or a variable bound twice?)"
    shown.sort(key=_rank)
    if len(shown) == 1:
        return f"expected {shown[0]}"
    return f"expected {', '.join(shown[:-1])} or {shown[-1]}"


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    if line > len(lines):
        return len(text)
    return min(sum(len(part) + 1 for part in lines[: line - 1]) + column - 1, len(text))


def _found(text: str, offset: int) -> str:
    rest = text[offset:]
    if not rest.strip():
        return "found the end of the query"
    token = re.match(r"\s*(\S{1,30})", rest)
    return f"found '{token.group(1) if token else rest[:1]}'"


def _undeclared(text: str) -> tuple[str, int] | None:
    """The first prefix used but not declared in ``text``, with its offset (strings, IRIs, comments skipped)."""
    masked = _OPAQUE.sub(lambda m: " " * len(m.group()), text)
    declared = {m.group(1) or "" for m in _DECLARED.finditer(masked)}
    for match in _USED.finditer(masked):
        prefix = match.group(1) or ""
        if prefix not in declared and not re.search(r"PREFIX\s*$", masked[: match.start()], re.IGNORECASE):
            return prefix, match.start()
    return None


def _position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _prefix_message(prefix: str, predeclared: bool) -> str:
    known = PREFIXES.get(prefix)
    fix = f'add "PREFIX {prefix}: <{known}>"' if known else f"add PREFIX {prefix}: <…namespace IRI…>"
    note = _PREDECLARED_NOTE if predeclared else _ENDPOINT_NOTE
    return f"the prefix '{prefix}:' is not declared: PREFIX {prefix}: is missing; {fix} at the top ({note})"


def readable(message: str, text: str, *, predeclared: bool = False) -> str:
    """The parser's ``message`` about ``text`` as one readable line (unchanged when it is not the parser's).

    ``predeclared`` says the text was run with the ontology's prefixes declared (``govkg query``).
    """
    head = _HEAD.match(message.strip())
    if head is None:
        return " ".join(message.split())
    line, column, detail = int(head.group(1)), int(head.group(2)), " ".join(head.group(3).split())
    offset = _offset(text, line, column)
    undeclared = _undeclared(text)
    if undeclared is not None and undeclared[1] <= offset:
        at = _position(text, undeclared[1])
        return f"syntax error at {at[0]}:{at[1]}: {_prefix_message(undeclared[0], predeclared)}"
    where = f"syntax error at {line}:{column}"
    if not detail.startswith("expected "):
        return f"{where}: {detail}"
    body = detail.removeprefix("expected one of ").removeprefix("expected ")
    alternatives = [a.strip() for a in _ALTERNATIVE.findall(body) if a.strip() not in ("", "Prefix not found")]
    sentences = [a for a in alternatives if " " in a and a[0] not in '["']
    if sentences:
        first = sentences[0]
        first = first[0].lower() + first[1:] if first[1:2].islower() else first
        return f"{where}: {first}; {_found(text, offset)}"
    return f"{where}: {_expected(alternatives)}; {_found(text, offset)}"


_POSITION = re.compile(r"^((?:syntax )?error at )(\d+):")


def shift_position(message: str, lines: int) -> str:
    """A message with its line number moved back by the ``lines`` put in front of the user's text."""
    return _POSITION.sub(lambda m: f"{m.group(1)}{max(int(m.group(2)) - lines, 1)}:", message, count=1)
