"""``govkg compare FROM TO``: what changes between two states, as text, JSON or a Markdown change note.

FROM and TO are scenario slugs, named graphs, ``data@REV`` (the data folder at a git revision,
read with ``git show``; nothing is checked out) or folders of Turtle files. Exit status 0 on
success, 2 when a state cannot be read.
"""

from __future__ import annotations

from pathlib import Path

import click

from govkg.cli import EXIT_USAGE, fail, loaded_store, settings_with_data
from govkg.compare.diff import compare_states
from govkg.compare.render import render
from govkg.compare.resolve import resolve_state, vocabulary
from govkg.errors import GovkgError
from govkg.lang import lang_option


@click.command()
@click.argument("before", metavar="FROM")
@click.argument("after", metavar="TO")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@lang_option("Language of names")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to FILE")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="More Turtle files or folders")
def compare(before: str, after: str, fmt: str, lang: str, output: Path | None, data: tuple[Path, ...]) -> None:
    """Compare two states: scenarios (rm-organisering-2016-as-is), graphs, data@REV or folders."""
    settings = settings_with_data(data)
    store = loaded_store(settings)
    try:
        states = [resolve_state(store, s, settings.base_iri, settings.data_dir, files=True) for s in (before, after)]
        comparison = compare_states(states[0], states[1], lang, vocabulary(store))
    except GovkgError as exc:
        fail(exc, EXIT_USAGE)
    text = render(comparison, fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}", EXIT_USAGE)
