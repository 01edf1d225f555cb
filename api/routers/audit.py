"""The audit over HTTP: ``GET /api/audit`` (JSON, or the SHACL report as Turtle) and ``GET /audit`` (a page).

Both take ``lang`` and ``severity``. The audit runs once per dataset version (``govkg.audit.cached_audit``)
and every representation carries that version in its ETag, so a client can revalidate cheaply.
Handlers are plain ``def``: the first request after a load runs pyshacl, which is CPU-bound.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse

from api.caching import not_modified, version_etag
from api.deps import StoreDep
from api.models import ErrorBody
from api.negotiation import choose
from govkg.audit import AuditReport, Severity, cached_audit
from govkg.audit.html import render_html
from govkg.audit.render import render_turtle
from govkg.audit.schema import AuditReportModel, report_model

router = APIRouter(tags=["audit"])

JSON = "application/json"
TURTLE = "text/turtle"
LangQuery = Annotated[Literal["en", "da"], Query(description="Language of names and messages")]
SeverityQuery = Annotated[Severity, Query(description="Include findings at this severity or worse")]


def _audit(store: StoreDep, lang: str, severity: Severity) -> AuditReport:
    return cached_audit(store, lang).filtered(severity)


def _etag(report: AuditReport, *parts: str) -> str:
    return version_etag(report.version, *parts)


@router.get(
    "/api/audit",
    response_model=AuditReportModel,
    responses={
        200: {"content": {TURTLE: {"schema": {"type": "string"}}}, "description": "The report (JSON or Turtle)"},
        406: {"model": ErrorBody, "description": "The Accept header allows neither JSON nor Turtle"},
        422: {"model": ErrorBody, "description": "An unknown language or severity"},
    },
)
def read_audit(
    request: Request, store: StoreDep, lang: LangQuery = "en", severity: SeverityQuery = "info"
) -> Response | AuditReportModel:
    """Every finding of the completeness and integrity audit, worst first, with counts by severity and rule.

    `Accept: text/turtle` gives the SHACL validation report graph (`sh:ValidationReport`) instead.
    """
    media = choose(request.headers.get("accept"), (JSON, TURTLE))
    if media is None:
        raise HTTPException(406, detail=f"/api/audit offers {JSON} and {TURTLE}")
    report = _audit(store, lang, severity)
    etag = _etag(report, lang, severity, "ttl" if media == TURTLE else "json")
    headers = {"ETag": etag, "Vary": "Accept"}
    if not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    if media == TURTLE:
        return Response(render_turtle(report), media_type=f"{TURTLE}; charset=utf-8", headers=headers)
    body = report_model(report, severity)
    return Response(body.model_dump_json(), media_type=JSON, headers=headers)


@router.get("/audit", response_class=HTMLResponse, tags=["pages"])
def read_audit_page(
    request: Request, store: StoreDep, lang: LangQuery = "en", severity: SeverityQuery = "info"
) -> Response:
    """The audit report as a page: counts by severity and rule, then each rule's findings with their quotes."""
    report = _audit(store, lang, severity)
    etag = _etag(report, lang, severity, "html")
    if not_modified(request, etag):
        return Response(status_code=304, headers={"ETag": etag})
    return HTMLResponse(render_html(report, severity, link_base=""), headers={"ETag": etag})
