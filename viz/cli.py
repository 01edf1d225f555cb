"""``govkg graph``: write the org graph as one self-contained HTML file that opens offline from disk."""

from __future__ import annotations

from pathlib import Path

import click

from govkg.cli import EXIT_USAGE, fail, loaded_store, settings_with_data
from govkg.errors import GovkgError
from govkg.lang import lang_option
from viz.findings import audit_overlay
from viz.kinds import KINDS, RELATIONS
from viz.projection import InvalidFilter, project
from viz.render import render_html


def _names(value: str | None) -> list[str] | None:
    return None if value is None or not value.strip() else [v for v in value.split(",") if v.strip()]


@click.command()
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write")
@click.option("--focus", default=None, help="Slug or name (any case, æ/ø/å as ae/o/aa) of the entity to centre on")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(0, 10), help="Edges from the focus")
@click.option("--types", default=None, help=f"Comma-separated node types ({', '.join(k.key for k in KINDS)})")
@click.option("--relations", default=None, help=f"Comma-separated relations ({', '.join(r.key for r in RELATIONS)})")
@click.option("--docs", default=None, help="Comma-separated source documents (slug, id:doc-…, IRI or seed file name)")
@click.option("--mode", type=click.Choice(["org", "network"]), default="org", show_default=True)
@lang_option("Language the page opens in")
@click.option("--no-audit", is_flag=True, help="Leave out the audit's gap markers")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="More Turtle files or folders")
def graph(
    output: Path,
    focus: str | None,
    depth: int,
    types: str | None,
    relations: str | None,
    docs: str | None,
    mode: str,
    lang: str,
    no_audit: bool,
    data: tuple[Path, ...],
) -> None:
    """Write the interactive org graph (search, filters, details, da/en) to OUTPUT as self-contained HTML."""
    store = loaded_store(settings_with_data(data))
    severities, findings = ({}, {}) if no_audit else audit_overlay(store)
    try:
        projection = project(
            store.rdflib_graph(frozenset({"ontology", "data"})),
            severities,
            findings,
            types=_names(types),
            relations=_names(relations),
            docs=_names(docs),
            focus=focus,
            depth=depth,
        )
    except InvalidFilter as exc:
        fail(str(exc), EXIT_USAGE)
    except GovkgError as exc:
        fail(exc, EXIT_USAGE)
    html = render_html(projection, mode="org" if mode == "org" else "network", lang="en" if lang == "en" else "da")
    try:
        output.write_text(html, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    click.echo(f"{output}: {projection.number_of_nodes()} nodes, {projection.number_of_edges()} edges", err=True)
