"""Server-rendered HTML pages: one page per entity (``/id/{slug}``), the vocabulary, ``/docs`` and "not found".

Templates are jinja2 with autoescape on, so every label from the data is escaped; styles and scripts
are files under ``/static/pages`` (no inline ``<script>`` or ``style=""``), so the pages work under a
strict Content-Security-Policy. The data comes from :mod:`govkg.answers`; nothing here queries.
"""

from __future__ import annotations

from api.pages.render import STATIC_DIR, render

__all__ = ["STATIC_DIR", "render"]
