"""The audit over HTTP: ``GET /api/audit`` (JSON, Turtle, CSV or XLSX) and ``GET /audit`` (the triage page).

Both take ``lang``, ``severity``, the scope (``under``, ``document``, ``scenario``, ``rule``) and
``accepted`` (all, open or accepted findings); a scope that names nothing the dataset has is a 404.
The audit runs once per dataset version (``govkg.audit.cached_audit``); accepted exceptions and scopes
are applied to its findings per request. Every representation carries the version, the filters and
the day (exceptions expire) in its ETag. Handlers are plain ``def``: the first audit is CPU-bound.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from html import escape
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, HTTPException, Query, Request, Response
from fastapi.responses import FileResponse, HTMLResponse

from api.caching import not_modified, version_etag
from api.deps import StoreDep
from api.lang import LangDep
from api.models import ErrorBody
from api.negotiation import choose
from govkg.audit import AuditReport, Severity, cached_audit
from govkg.audit.baseline import Baseline, against_baseline, baseline_from, remembered_for
from govkg.audit.html import ASSETS, choices_from, render_html
from govkg.audit.render import render_bytes
from govkg.audit.schema import AuditReportModel, ScopeModel
from govkg.audit.scope import Scope, scenario_choices
from govkg.audit.triage import AcceptedFilter, Filters, scoped, shown
from govkg.errors import NotFound

router = APIRouter(tags=["audit"])

JSON = "application/json"
TURTLE = "text/turtle"
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA = {"json": JSON, "turtle": TURTLE, "csv": CSV, "xlsx": XLSX}
SeverityQuery = Annotated[Severity, Query(description="Include findings at this severity or worse")]
UnderQuery = Annotated[str | None, Query(description="Only this entity (slug) and everything below it")]
DocumentQuery = Annotated[
    str | None, Query(description="Only entities this document describes (seed file or data file name)")
]
ScenarioQuery = Annotated[str | None, Query(description="Only entities this scenario's named graph describes")]
RuleQuery = Annotated[str | None, Query(description="Only this rule: IRI, gsh:Name or Name")]
AcceptedQuery = Annotated[AcceptedFilter, Query(description="Open findings, accepted ones, or all")]
FormatQuery = Annotated[
    Literal["json", "turtle", "csv", "xlsx"] | None, Query(description="Overrides the Accept header")
]
EngineQuery = Annotated[
    Literal["sparql", "pyshacl"],
    Query(
        description="Which engine validates: `sparql` runs the shapes as SPARQL on the store (pyshacl only for "
        "rules it cannot translate), `pyshacl` is the reference (an rdflib copy of the data); same findings. "
        "`engines` in the report says which engine ran each rule"
    ),
]
SinceQuery = Annotated[
    str | None,
    Query(
        max_length=100,
        description="A dataset version this service audited before (with the same scope): mark findings new or "
        "unchanged against it and list the resolved ones",
    ),
]


def _responses(report: str, invalid: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI responses both /api/audit operations share: the formats, 404, 406 and 422."""
    return {
        200: {
            "content": {media: {"schema": {"type": "string"}} for media in (TURTLE, CSV, XLSX)},
            "description": report,
        },
        404: {"model": ErrorBody, "description": "The scope names an entity, document, scenario or rule not there"},
        406: {"model": ErrorBody, "description": "The Accept header allows none of the formats"},
        422: {"model": ErrorBody, "description": invalid},
    }


def _filters(
    severity: Severity, under: str | None, document: str | None, scenario: str | None, rule: str | None, accepted: str
) -> Filters:
    scope = Scope(under=under or None, document=document or None, scenario=scenario or None, rule=rule or None)
    return Filters(scope, severity, "accepted" if accepted == "accepted" else "open" if accepted == "open" else "all")


def _etag(version: str, lang: str, filters: Filters, kind: str, *more: str) -> str:
    params = sorted(filters.params().items())
    return version_etag(version, lang, kind, date.today().isoformat(), *(f"{k}={v}" for k, v in params), *more)


@router.get(
    "/api/audit",
    response_model=AuditReportModel,
    responses=_responses(
        "The report (JSON, the SHACL report as Turtle, or the findings as CSV or XLSX)",
        "An unknown language, severity or format",
    ),
)
def read_audit(
    request: Request,
    store: StoreDep,
    lang: LangDep,
    severity: SeverityQuery = "info",
    under: UnderQuery = None,
    document: DocumentQuery = None,
    scenario: ScenarioQuery = None,
    rule: RuleQuery = None,
    accepted: AcceptedQuery = "all",
    format: FormatQuery = None,
    since: SinceQuery = None,
    engine: EngineQuery = "sparql",
) -> Response | AuditReportModel:
    """Every finding of the completeness and integrity audit, worst first, with counts by severity and rule.

    Findings covered by an accepted exception carry it under `accepted`. `Accept: text/turtle` gives the
    SHACL validation report graph; `text/csv` and the XLSX type give the findings as a spreadsheet
    (XLSX adds a sheet of counts per rule). `format=` overrides `Accept`. With `since=VERSION` (a version
    this service audited before with the same scope) each finding says whether it is `new` or `unchanged`
    under `baseline`, and `since.resolved` lists the findings gone since; to compare with a report saved
    elsewhere, POST it here. `engine=pyshacl` validates with the reference engine instead of SPARQL on the
    store (`engines` lists the engine of each rule; the Turtle report says it with `gsh:ruleRun`).
    """
    filters = _filters(severity, under, document, scenario, rule, accepted)
    base = cached_audit(store, lang, engine)
    fmt, media = _format(request, format)
    etag = _etag(base.version, lang, filters, fmt, f"since={since}" if since else "", f"engine={engine}")
    headers = {"ETag": etag, "Vary": "Accept"}
    if not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    whole = scoped(base, store, filters.scope)
    remembered = remembered_for(store)
    remembered.remember(whole, _scope_model(filters))
    baseline = remembered.recall(since, _scope_model(filters)) if since else None
    return _answer(whole, baseline, filters, fmt, media, headers)


@router.post(
    "/api/audit",
    response_model=AuditReportModel,
    responses=_responses(
        "The report with every finding marked new or unchanged against the uploaded one",
        "The body is no full JSON audit report, or covers another scope",
    ),
)
def compare_audit(
    request: Request,
    store: StoreDep,
    lang: LangDep,
    baseline: Annotated[AuditReportModel, Body(description="A JSON report saved earlier, of every severity")],
    severity: SeverityQuery = "info",
    under: UnderQuery = None,
    document: DocumentQuery = None,
    scenario: ScenarioQuery = None,
    rule: RuleQuery = None,
    accepted: AcceptedQuery = "all",
    format: FormatQuery = None,
) -> Response | AuditReportModel:
    """The audit against a report saved earlier (the body): findings new or unchanged since, and those resolved.

    The saved report must hold every severity and every finding (`severity=info`, `accepted=all`) and the
    same scope as this request. A pipeline fails on `since.new` (or on findings whose `baseline` is `new`).
    """
    filters = _filters(severity, under, document, scenario, rule, accepted)
    fmt, media = _format(request, format)
    whole = scoped(cached_audit(store, lang), store, filters.scope)
    return _answer(whole, baseline_from(baseline, "the uploaded report"), filters, fmt, media, {"Vary": "Accept"})


def _format(request: Request, format: str | None) -> tuple[str, str]:
    media = MEDIA[format] if format else choose(request.headers.get("accept"), (JSON, TURTLE, CSV, XLSX))
    if media is None:
        raise HTTPException(406, detail=f"/api/audit offers {', '.join(MEDIA.values())}")
    return next(name for name, offered in MEDIA.items() if offered == media), media


def _scope_model(filters: Filters) -> ScopeModel:
    return ScopeModel(**asdict(filters.scope))


def _answer(
    whole: AuditReport, baseline: Baseline | None, filters: Filters, fmt: str, media: str, headers: dict[str, str]
) -> Response:
    """The scoped report, marked against the baseline when there is one, cut to the filters and rendered."""
    if baseline is not None:
        whole = against_baseline(whole, baseline, _scope_model(filters))
    report = shown(whole, filters)
    body = render_bytes(report, fmt, filters)
    if fmt in ("csv", "xlsx"):
        name = f"govkg-audit-{report.version.strip(chr(34))}.{fmt}"
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    charset = "; charset=utf-8" if fmt in ("turtle", "csv") else ""
    return Response(body, media_type=media + charset, headers=headers)


@router.get("/audit", response_class=HTMLResponse, tags=["pages"])
def read_audit_page(
    request: Request,
    store: StoreDep,
    lang: LangDep,
    severity: SeverityQuery = "info",
    under: UnderQuery = None,
    document: DocumentQuery = None,
    scenario: ScenarioQuery = None,
    rule: RuleQuery = None,
    accepted: AcceptedQuery = "all",
) -> Response:
    """The triage page: filters, counts by severity and rule, then each rule's findings with their quotes."""
    filters = _filters(severity, under, document, scenario, rule, accepted)
    base = cached_audit(store, lang)
    etag = _etag(base.version, lang, filters, "html")
    if not_modified(request, etag):
        return Response(status_code=304, headers={"ETag": etag})
    whole = scoped(base, store, Scope())
    try:
        report = shown(scoped(base, store, filters.scope), filters)
    except NotFound as exc:
        return HTMLResponse(_not_found(exc.message, lang), status_code=404)
    choices = choices_from(whole, scenario_choices(store, lang))
    return HTMLResponse(render_html(report, severity, "", filters, choices), headers={"ETag": etag})


def _not_found(message: str, lang: str) -> str:
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8"><title>govkg · audit</title>'
        '<link rel="stylesheet" href="/audit/audit.css"></head>'
        f"<body><h1>404</h1><p>{escape(message)}</p>"
        f'<p><a href="/audit?lang={escape(lang)}">/audit</a></p></body></html>'
    )


@router.get("/audit/audit.css", include_in_schema=False)
def read_audit_css() -> FileResponse:
    """The audit page's styles (a file, so the page needs no inline styles under a strict CSP)."""
    return FileResponse(ASSETS / "audit.css", media_type="text/css")


@router.get("/audit/audit.js", include_in_schema=False)
def read_audit_js() -> FileResponse:
    """The audit page's one script: apply a filter as soon as it is chosen."""
    return FileResponse(ASSETS / "audit.js", media_type="text/javascript")
