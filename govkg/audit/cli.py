"""``govkg audit``: the completeness and integrity audit from the command line, fit to gate a pipeline.

Exit status: 0 when no open finding is at or above ``--fail-on``, 1 when one is, 2 for a usage error,
data or shapes that do not load, a scope that names nothing, or an output file that cannot be
written. Findings covered by an accepted exception (``shapes/accepted.ttl`` or ``--accepted``) are
shown but never fail the run. ``--severity`` and ``--findings`` only filter what is shown;
``--fail-on`` looks at every finding in scope. With ``--baseline`` (a JSON report saved earlier)
each finding is marked new or unchanged and the resolved ones are listed; ``--fail-on-new`` then
fails only on open findings new since that baseline, instead of ``--fail-on``.
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import click

from govkg.audit import SEVERITIES, run_audit
from govkg.audit.baseline import Baseline, BaselineError, against_baseline, read_baseline
from govkg.audit.i18n import counts_line
from govkg.audit.model import parse_severity
from govkg.audit.render import FORMATS, render_bytes
from govkg.audit.schema import ScopeModel
from govkg.audit.scope import Scope
from govkg.audit.triage import ACCEPTED_FILTERS, Filters, parse_accepted, scoped, shown
from govkg.audit.validate import ENGINES, Engine
from govkg.cli import EXIT_USAGE, fail, loaded_store, settings_with_data
from govkg.errors import GovkgError
from govkg.lang import lang_option

EXIT_FINDINGS = 1
FAIL_ON = (*SEVERITIES[:2], "never")
Paths = tuple[Path, ...]


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format")
@lang_option("Language of the report")
@click.option(
    "--severity",
    type=click.Choice(SEVERITIES),
    default="info",
    show_default=True,
    help="Show findings at this severity or worse",
)
@click.option(
    "--findings",
    "which",
    type=click.Choice(ACCEPTED_FILTERS),
    default="all",
    show_default=True,
    help="Show open findings, accepted ones, or all",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="violation",
    show_default=True,
    help="Exit 1 when an open (not accepted) finding in scope is at this severity or worse",
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to FILE")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="More Turtle files or folders")
@click.option(
    "--accepted",
    "accepted",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Accepted exceptions (Turtle file or folder) instead of shapes/accepted.ttl",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="sparql",
    show_default=True,
    help="sparql: shapes as queries on the store; pyshacl: the reference, on an rdflib copy",
)
@click.option("--under", metavar="SLUG", help="Only this entity and everything below it")
@click.option("--document", metavar="FILE", help="Only entities this document describes (seed or data file name)")
@click.option("--scenario", metavar="SLUG", help="Only entities this scenario's named graph describes")
@click.option("--rule", metavar="NAME", help="Only this rule (IRI, gsh:Name or Name)")
@click.option(
    "--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), help="Judge exceptions' expiry on this day (default: today)"
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A JSON report saved earlier: mark findings new or unchanged and list the resolved ones",
)
@click.option(
    "--fail-on-new",
    type=click.Choice(FAIL_ON[:2]),
    help="With --baseline: exit 1 only when an open finding new since the baseline is this bad or worse",
)
def audit(
    fmt: str,
    lang: str,
    severity: str,
    which: str,
    fail_on: str,
    output: Path | None,
    data: Paths,
    accepted: Paths,
    engine: Engine,
    under: str | None,
    document: str | None,
    scenario: str | None,
    rule: str | None,
    as_of: datetime | None,
    baseline: Path | None,
    fail_on_new: str | None,
) -> None:
    """Check the graph against shapes/: gaps in the paper trail and defects in the graph."""
    if fail_on_new is not None and baseline is None:
        fail("--fail-on-new needs --baseline (a JSON report saved earlier)", EXIT_USAGE)
    settings = settings_with_data(data)
    if accepted:
        settings = settings.model_copy(update={"accepted_paths": list(accepted)})
    store = loaded_store(settings)
    scope = Scope(under=under, document=document, scenario=scenario, rule=rule)
    filters = Filters(scope, parse_severity(severity), parse_accepted(which))
    try:
        report = scoped(run_audit(store, lang, engine), store, scope, as_of.date() if as_of else date.today())
        if baseline is not None:
            report = against_baseline(report, _read_baseline(baseline), ScopeModel(**asdict(scope)))
    except GovkgError as exc:
        fail(exc, EXIT_USAGE)
    visible = shown(report, filters)
    body = render_bytes(visible, fmt, filters)
    if output is None:
        click.echo(body, nl=not body.endswith(b"\n"))
    else:
        try:
            output.write_bytes(body)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror}", EXIT_USAGE)
        click.echo(f"{counts_line(visible)} → {output}", err=True)
    if fail_on_new is not None:
        failing = report.fails_on_new(parse_severity(fail_on_new))
    else:
        failing = fail_on != "never" and report.fails_at(parse_severity(fail_on))
    sys.exit(EXIT_FINDINGS if failing else 0)


def _read_baseline(path: Path) -> Baseline:
    try:
        return read_baseline(path.read_bytes(), str(path))
    except OSError as exc:
        raise BaselineError(f"cannot read {path}: {exc.strerror}") from None
