"""``govkg calendar | raci | import | export``: the secretariat tools from the command line.

Exit status: 0 done, 1 a rejected workbook or an unknown slug, 2 a usage error or data that does not load.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from govkg.answers.models import Lang
from govkg.cli import EXIT_USAGE, fail, loaded_store, settings_with_data
from govkg.config import PROJECT_ROOT
from govkg.errors import GovkgError
from govkg.lang import lang_option
from govkg.secretariat.calendar import duty_calendar
from govkg.secretariat.raci import FORMATS, render
from govkg.secretariat.raci import raci as build_raci
from govkg.secretariat.sheets import export_store, import_into, write_turtle
from govkg.secretariat.sheets_export import template as workbook_template
from govkg.secretariat.sheets_read import SheetError, read_sheets

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
@lang_option()
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
@lang_option()
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


def default_seeds() -> Path | None:
    """The seed texts beside the project (``../shared/seeds``), when they are there."""
    folder = PROJECT_ROOT.parent / "shared" / "seeds"
    return folder if folder.is_dir() else None


@click.command("import")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False), help="Turtle to write")
@click.option("--template", is_flag=True, help="Write the empty workbook to fill in (to -o) instead")
@click.option("--seeds", type=click.Path(file_okay=False, path_type=Path), help="Seed texts to check quotes against")
@DATA_OPTION
def import_sheet(
    paths: tuple[Path, ...], output: Path, template: bool, seeds: Path | None, data: tuple[Path, ...]
) -> None:
    """Turn a workbook (.xlsx, or one .csv per sheet: bodies.csv, duties.csv …) into Turtle for data/.

    Every row must cite a document and a verbatim quote. The result is checked against the graph and
    the SHACL shapes before it is written; a bad row is reported as sheet!row and nothing is written.
    """
    if template:
        write_bytes(output, workbook_template())
        click.echo(f"template → {output}", err=True)
        return
    if not paths:
        fail("give a workbook (.xlsx) or .csv files, or --template", EXIT_USAGE)
    store = loaded_store(settings_with_data(data))
    try:
        imported = import_into(store, read_sheets(list(paths)), output, seeds or default_seeds())
    except SheetError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        fail(f"{len(exc.problems)} problem(s); nothing written")
    except GovkgError as exc:
        fail(exc)
    for gap in imported.gaps:
        click.echo(f"gap: {gap}", err=True)
    try:
        write_turtle(imported.graph, output)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}", EXIT_USAGE)
    click.echo(f"{len(imported.graph)} triples → {output} ({len(imported.gaps)} gaps to fill, see above)", err=True)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["xlsx"]), default="xlsx", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False))
@DATA_OPTION
def export(fmt: str, output: Path, data: tuple[Path, ...]) -> None:
    """Write today's graph into the authoring workbook, to edit and bring back with govkg import."""
    store = loaded_store(settings_with_data(data))
    write_bytes(output, export_store(store))
    click.echo(f"{fmt} → {output}", err=True)
