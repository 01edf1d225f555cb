"""The one rule for the language of pages and answers: ``lang=`` if given, else Accept-Language, else Danish."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from fastapi import Query, Request

from govkg.answers.models import Lang

DEFAULT: Lang = "da"
LANGS: tuple[Lang, ...] = ("da", "en")

LangParam = Annotated[
    Lang | None, Query(description="Language of labels and texts; default: the Accept-Language header, else da")
]


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


def pick_lang(request: Request, lang: str | None) -> Lang:
    """``lang`` when it is da or en, else what the client's Accept-Language prefers, else Danish."""
    if lang == "da" or lang == "en":
        return lang
    return from_accept_language(request.headers.get("accept-language"))
