"""The secretariat tools over HTTP: the duty calendar, the responsibility matrix, the workbook template.

Thin handlers over :mod:`govkg.secretariat`; an unknown slug is 404 like everywhere else in ``/api``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.deps import SettingsDep, StoreDep
from api.lang import LangDep
from api.models import errors
from govkg.answers.params import SLUG
from govkg.secretariat import Raci, duty_calendar, raci
from govkg.secretariat.raci import render
from govkg.secretariat.sheets import export_store
from govkg.secretariat.sheets_export import template

router = APIRouter(prefix="/api", tags=["secretariat"])

ICS = "text/calendar; charset=utf-8"
DOWNLOADS = {
    "csv": "text/csv; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SUFFIX = {"csv": "csv", "markdown": "md", "xlsx": "xlsx"}


@router.get(
    "/obligations.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "An iCalendar feed"}, **errors(404, 422)},
)
def read_duty_calendar(
    store: StoreDep,
    settings: SettingsDep,
    lang: LangDep,
    party: Annotated[
        str | None,
        Query(pattern=SLUG, max_length=200, description="Only duties this entity is obliged party or counterparty of"),
    ] = None,
    start: Annotated[
        date | None, Query(description="Where series from undated agreements start (default: 1 January this year)")
    ] = None,
) -> Response:
    """The duties as an iCalendar feed to subscribe to: one recurring all-day event per weekly, monthly,
    quarterly or yearly duty, starting on its agreement's date; the others are listed in the feed's description.
    """
    payload = duty_calendar(store, party=party, lang=lang, start=start, base=settings.base_iri)
    headers = {"Content-Disposition": f'inline; filename="{party or "duties"}.ics"'}
    return Response(payload, media_type=ICS, headers=headers)


@router.get("/raci", response_model=Raci, responses=errors(404, 422))
def read_raci(
    store: StoreDep,
    settings: SettingsDep,
    lang: LangDep,
    agreement: Annotated[
        str, Query(pattern=SLUG, max_length=200, description="The agreement, e.g. aftale-dmcg-regionerne")
    ],
    format_: Annotated[
        Literal["json", "csv", "xlsx", "markdown"], Query(alias="format", description="JSON, or a file to hand out")
    ] = "json",
) -> Raci | Response:
    """The responsibility matrix of an agreement: a row per duty, per party R (obliged), A (the party it
    reports to or that approves its proposals), C (who advises it or prepares its cases) or I (counterparty,
    or whom it informs), each row with its quoted passages. The README states the rules.
    """
    matrix = raci(store, agreement, lang, settings.base_iri)
    if format_ == "json":
        return matrix
    headers = {"Content-Disposition": f'attachment; filename="raci-{agreement}.{SUFFIX[format_]}"'}
    return Response(render(matrix, format_, lang), media_type=DOWNLOADS[format_], headers=headers)


def _workbook(payload: bytes, filename: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(payload, media_type=DOWNLOADS["xlsx"], headers=headers)


@router.get("/sheets/template.xlsx", response_class=Response, responses={200: {"content": {DOWNLOADS["xlsx"]: {}}}})
def read_sheet_template() -> Response:
    """The empty authoring workbook (a help sheet, then bodies, lines, posts, memberships, duties, passages,
    documents), to fill in and turn into Turtle with `govkg import`.
    """
    return _workbook(template(), "govkg-template.xlsx")


@router.get("/sheets/export.xlsx", response_class=Response, responses={200: {"content": {DOWNLOADS["xlsx"]: {}}}})
def read_sheet_export(store: StoreDep, settings: SettingsDep) -> Response:
    """Today's graph in the authoring workbook, to edit and bring back with `govkg import`."""
    return _workbook(export_store(store, settings.base_iri), "govkg.xlsx")
