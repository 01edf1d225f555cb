"""The language of pages and answers (:mod:`govkg.lang`): ``lang=`` if given, else Accept-Language, else Danish.

Every route that speaks a language takes ``lang: LangDep``. An answer chosen from the header says so
with ``Vary: Accept-Language`` (:class:`VaryOnLanguage`), so caches keep the languages apart.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govkg.answers.models import Lang
from govkg.lang import DEFAULT, LANGS, choose, from_accept_language

__all__ = ["DEFAULT", "LANGS", "LangDep", "LangParam", "VaryOnLanguage", "from_accept_language", "pick_lang"]

LangParam = Annotated[
    Lang | None, Query(description="Language of labels and texts; default: the Accept-Language header, else da")
]
NEGOTIATED = "lang_from_header"


def pick_lang(request: Request, lang: str | None) -> Lang:
    """``lang`` when it is da or en, else what the client's Accept-Language prefers, else Danish."""
    if lang != "da" and lang != "en":
        setattr(request.state, NEGOTIATED, True)
    return choose(lang, request.headers.get("accept-language"))


def request_lang(request: Request, lang: LangParam = None) -> Lang:
    """The language of this request's answer (a FastAPI dependency)."""
    return pick_lang(request, lang)


LangDep = Annotated[Lang, Depends(request_lang)]


class VaryOnLanguage:
    """Adds ``Vary: Accept-Language`` to answers whose language came from that header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start" and scope.get("state", {}).get(NEGOTIATED):
                headers = list(message.get("headers", []))
                vary = [i for i, (name, _) in enumerate(headers) if name.lower() == b"vary"]
                if vary:
                    name, value = headers[vary[0]]
                    if b"accept-language" not in value.lower():
                        headers[vary[0]] = (name, value + b", Accept-Language")
                else:
                    headers.append((b"vary", b"Accept-Language"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)
