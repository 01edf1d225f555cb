"""``govkg audit``: the completeness and integrity audit from the command line, fit to gate a pipeline.

Exit status: 0 when no finding is at or above ``--fail-on``, 1 when one is, 2 for a usage error,
data or shapes that do not load, or an output file that cannot be written. ``--severity`` only
filters what is shown; ``--fail-on`` always looks at every finding.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govkg.audit import LANGUAGES, SEVERITIES, AuditError, run_audit
from govkg.audit.i18n import counts_line
from govkg.audit.model import parse_severity
from govkg.audit.render import FORMATS, render
from govkg.audit.validate import ENGINES, Engine
from govkg.cli import EXIT_USAGE, fail, loaded_store, settings_with_data

EXIT_FINDINGS = 1
FAIL_ON = (*SEVERITIES[:2], "never")


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of the report")
@click.option(
    "--severity",
    type=click.Choice(SEVERITIES),
    default="info",
    show_default=True,
    help="Show findings at this severity or worse",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="violation",
    show_default=True,
    help="Exit 1 when a finding is at this severity or worse",
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to FILE")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="More Turtle files or folders")
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="sparql",
    show_default=True,
    help="sparql: shapes as queries on the store; pyshacl: the reference, on an rdflib copy",
)
def audit(
    fmt: str, lang: str, severity: str, fail_on: str, output: Path | None, data: tuple[Path, ...], engine: Engine
) -> None:
    """Check the graph against shapes/: gaps in the paper trail and defects in the graph."""
    minimum = parse_severity(severity)
    store = loaded_store(settings_with_data(data))
    try:
        report = run_audit(store, lang, engine)
    except AuditError as exc:
        fail(exc, EXIT_USAGE)
    shown = report.filtered(minimum)
    text = render(shown, fmt, minimum)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror}", EXIT_USAGE)
        click.echo(f"{counts_line(shown)} → {output}", err=True)
    failing = fail_on != "never" and report.has_at_least(parse_severity(fail_on))
    sys.exit(EXIT_FINDINGS if failing else 0)
