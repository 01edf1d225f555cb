"""How long the pre-parse guard takes on a megabyte of hostile text (it must stay linear).

    .venv/bin/python bench/guard.py

Each input is 1 MB of a pattern that made the old regex masking quadratic or would make a naive
lexer rescan (runs of letters, unterminated strings, IRI openers, prefixed names, brackets). Prints
the seconds :func:`govkg.sparql_safety.guard` takes on each, at 250 kB and 1 MB: linear time means
about four times as long for four times the text. It asserts nothing.
"""

from __future__ import annotations

import time

from govkg.errors import GovkgError
from govkg.sparql_lexer import keywords, watched_word
from govkg.sparql_safety import _depth, guard

PATTERNS = {
    "letters": "A",
    "escaped quotes": '"\\',
    "IRI openers": "<a",
    "prefixed names": "a:",
    "IRIs": "<a>",
    "variables": "?a ",
    "near-keywords": "aservic ",
    "brackets": "{}",
    "triple terms": "<<",
    "long string": "'''a",
}


def seconds(text: str) -> float:
    for cache in (watched_word, keywords, _depth):
        cache.cache_clear()
    start = time.perf_counter()
    try:
        guard(text)
    except GovkgError:
        pass
    return time.perf_counter() - start


def main() -> None:
    print(f"{'input':<16}{'250 kB s':>10}{'1 MB s':>10}{'ratio':>8}")
    for name, unit in PATTERNS.items():
        small, large = (seconds(unit * (size // len(unit))) for size in (250_000, 1_000_000))
        print(f"{name:<16}{small:>10.3f}{large:>10.3f}{large / max(small, 1e-9):>8.1f}")


if __name__ == "__main__":
    main()
