"""``GET /docs``: Swagger UI served from this service (a pinned copy under ``/static/pages/swagger-ui``).

FastAPI's own ``/docs`` loads Swagger UI from a CDN (a blank page on a closed network) and starts it
with an inline script (refused under a strict Content-Security-Policy); here the assets are local
and the start-up script is a file too. ``make swagger-ui`` refreshes the copy from npm.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.pages.render import STATIC_URL
from api.pages.render import render as render_page

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def read_docs(request: Request) -> HTMLResponse:
    """The OpenAPI description in Swagger UI, with every asset from this service."""
    return HTMLResponse(
        render_page("docs.html", "en", openapi_url=request.app.openapi_url, assets=f"{STATIC_URL}/swagger-ui")
    )
