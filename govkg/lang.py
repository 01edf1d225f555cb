"""The one rule for the language of pages, answers and command output.

The language asked for (``lang=`` on the web, ``--lang`` on the command line), else the one the
browser prefers (its Accept-Language header, for HTTP), else Danish. :mod:`api.lang` applies it to
requests; :func:`lang_option` gives every command the same ``--lang``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

import click

from govkg.answers.models import Lang

DEFAULT: Lang = "da"
LANGS: tuple[Lang, ...] = ("da", "en")

F = TypeVar("F", bound=Callable[..., Any])


@lru_cache(maxsize=256)
def from_accept_language(header: str | None) -> Lang:
    """The first of da/en the header prefers (``en-GB;q=0.8, da`` gives da), else Danish."""
    best: tuple[float, int, Lang] | None = None
    for position, item in enumerate((header or "").split(",")):
        tag, *params = item.strip().split(";")
        primary = tag.strip().lower().split("-")[0]
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        for lang in LANGS:
            if primary == lang and quality > 0 and (best is None or (quality, -position) > (best[0], -best[1])):
                best = (quality, position, lang)
    return best[2] if best else DEFAULT


def choose(asked: str | None, accept_language: str | None = None) -> Lang:
    """``asked`` when it is da or en, else what an Accept-Language header prefers, else Danish."""
    if asked == "da":
        return "da"
    if asked == "en":
        return "en"
    return from_accept_language(accept_language)


def lang_option(what: str = "Language of names and texts") -> Callable[[F], F]:
    """``--lang da|en`` for a command; the command receives da or en (Danish when not given)."""
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=None,
        callback=lambda _ctx, _param, value: choose(value),
        help=f"{what} (default: {DEFAULT})",
    )
