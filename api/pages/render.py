"""The template environment: autoescaping jinja2, a link helper for entity pages, and the pages' words."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from api.pages.words import WORDS
from govkg.answers.models import page_of

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_URL = "/static/pages"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("api.pages", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(page_url=_page_url, static=STATIC_URL)
    return env


def _page_url(slug: str | None, lang: str | None = None) -> str | None:
    """An entity page's path, in the language the reader is reading in."""
    page = page_of(slug)
    return f"{page}?lang={lang}" if page and lang else page


def render(template: str, lang: str, **context: Any) -> str:
    """A page from its template, with the words of ``lang`` as ``w`` and the other language as ``other``."""
    words = WORDS.get(lang, WORDS["da"])
    other = "en" if lang == "da" else "da"
    return _environment().get_template(template).render(lang=lang, other=other, w=words, **context)
