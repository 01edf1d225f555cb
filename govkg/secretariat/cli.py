"""``govkg calendar | raci | import | export``: the secretariat tools from the command line.

Exit status: 0 done, 1 a rejected workbook or an unknown slug, 2 a usage error or data that does not load.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from govkg.answers.models import Lang
from govkg.cli import EXIT_USAGE, fail, loaded_store, settings_with_data
from govkg.errors import GovkgError
from govkg.secretariat.calendar import duty_calendar
from govkg.secretariat.raci import FORMATS, render
from govkg.secretariat.raci import raci as build_raci

DATA_OPTION = click.option(
    "--data", "data", multiple=True, type=click.Path(path_type=Path), help="More Turtle files or folders"
)


def write_bytes(output: Path | None, payload: bytes) -> None:
    """Write to ``output``, or to stdout when none is given."""
    if output is None:
        click.echo(payload.decode("utf-8"), nl=False)
        return
    try:
        output.write_bytes(payload)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}", EXIT_USAGE)


@click.command()
@click.option("--party", help="Only the duties this entity (slug) is obliged party or counterparty of")
@click.option("--lang", type=click.Choice(["da", "en"]), default="en", show_default=True)
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Where series from undated agreements start (default: 1 January this year)",
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the .ics to FILE")
@DATA_OPTION
def calendar(party: str | None, lang: str, start: datetime | None, output: Path | None, data: tuple[Path, ...]) -> None:
    """The duties as an iCalendar feed: one recurring event per duty with a weekly to yearly rhythm."""
    store = loaded_store(settings_with_data(data))
    first = start.date() if start else None
    try:
        payload = duty_calendar(store, party=party, lang="da" if lang == "da" else "en", start=first)
    except GovkgError as exc:
        fail(exc)
    write_bytes(output, payload)


@click.command()
@click.option("--agreement", required=True, help="The agreement (slug) whose duties make the rows")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="markdown", show_default=True)
@click.option("--lang", type=click.Choice(["da", "en"]), default="en", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to FILE")
@DATA_OPTION
def raci(agreement: str, fmt: str, lang: str, output: Path | None, data: tuple[Path, ...]) -> None:
    """The responsibility matrix of an agreement: a row per duty, R/A/C/I per party, with the sources."""
    if fmt == "xlsx" and output is None:
        fail("--format xlsx needs -o FILE", EXIT_USAGE)
    store = loaded_store(settings_with_data(data))
    language: Lang = "da" if lang == "da" else "en"
    try:
        payload = render(build_raci(store, agreement, language), fmt, language)
    except GovkgError as exc:
        fail(exc)
    write_bytes(output, payload)
