"""The ``govkg`` command line: thin commands over plain functions of the core.

User mistakes (a malformed file, a bad query) go to stderr with a non-zero exit and no traceback.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import click
import pyoxigraph as ox

from govkg.config import Settings
from govkg.errors import GovkgError, QuerySyntaxError
from govkg.loading import check_paths, format_files
from govkg.namespaces import PREFIXES
from govkg.results import QueryResult, to_csv, to_json, to_rdf, to_table
from govkg.service import open_store, reload
from govkg.sparql_errors import readable, shift_position
from govkg.store import Store

EXIT_USAGE = 2
PROLOGUE = " ".join(f"PREFIX {prefix}: <{iri}>" for prefix, iri in PREFIXES.items())


def fail(error: GovkgError | str, code: int = 1) -> None:
    """Print an error for a person and exit."""
    click.echo(f"error: {error.message if isinstance(error, GovkgError) else error}", err=True)
    sys.exit(code)


def settings_with_data(data: tuple[Path, ...]) -> Settings:
    """Settings from the environment, with ``--data`` paths added as extra data sources."""
    settings = Settings()
    return settings.model_copy(update={"extra_paths": [*settings.extra_paths, *data]}) if data else settings


def loaded_store(settings: Settings) -> Store:
    """A store with the configured folders loaded, or a clean exit when they do not load."""
    store = open_store(settings)
    try:
        reload(store, settings)
    except GovkgError as exc:
        fail(exc, EXIT_USAGE)
    return store


class LazyGroup(click.Group):
    """A group whose commands from other packages are imported only when used.

    The core never imports the HTTP layer or the picture layer; ``serve`` and ``graph`` live beside
    them (``api.cli``, ``viz.cli``) and are named here by import path, as click's docs suggest.
    """

    def __init__(self, *args: Any, lazy_subcommands: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = lazy_subcommands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy_subcommands])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands:
            module_name, attr = self.lazy_subcommands[cmd_name].rsplit(".", 1)
            command = getattr(importlib.import_module(module_name), attr)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


LAZY_COMMANDS = {
    "serve": "api.cli.serve",
    "backup": "govkg.backup_cli.backup",
    "restore": "govkg.backup_cli.restore",
    "graph": "viz.cli.graph",
    "audit": "govkg.audit.cli.audit",
    "dump": "govkg.dump_cli.dump",
    "compare": "govkg.compare.cli.compare",
    "calendar": "govkg.secretariat.cli.calendar",
    "raci": "govkg.secretariat.cli.raci",
    "import": "govkg.secretariat.cli.import_sheet",
    "export": "govkg.secretariat.cli.export",
}


@click.group(cls=LazyGroup, lazy_subcommands=LAZY_COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govkg")
def main() -> None:
    """govkg: a knowledge graph of who sits where, reports to whom and must do what in Danish health governance."""


def read_query(text: str) -> str:
    """A query given inline, or ``@file.rq`` to read it from a file."""
    if text.startswith("@"):
        try:
            return Path(text[1:]).read_text(encoding="utf-8")
        except OSError as exc:
            fail(f"cannot read query file {text[1:]}: {exc.strerror}", EXIT_USAGE)
    return text


def render(result: QueryResult, fmt: str) -> str:
    """A result in the format asked for on the command line."""
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "turtle":
        if result.form != "GRAPH":
            fail("--format turtle needs a CONSTRUCT or DESCRIBE query", EXIT_USAGE)
        return to_rdf(result, ox.RdfFormat.TURTLE).decode()
    return to_table(result)


@main.command()
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "turtle"]), default="table")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="More Turtle files or folders")
def query(query: str, fmt: str, data: tuple[Path, ...]) -> None:
    """Run a SPARQL QUERY (or @file.rq) over the loaded data and print the answer.

    The ontology's prefixes (cv, dct, foaf, gov, id, org, owl, prov, rdf, rdfs, sh, skos, xsd) are
    declared for you; a PREFIX in the query overrides them.
    """
    settings = settings_with_data(data)
    store = loaded_store(settings)
    text = f"{PROLOGUE}\n{read_query(query)}"
    try:
        result = store.query(text, timeout=settings.query_timeout, limit=settings.result_limit)
    except QuerySyntaxError as exc:
        fail(shift_position(readable(exc.message, text, predeclared=True), 1))
    except GovkgError as exc:
        fail(exc)
    text = render(result, fmt)
    click.echo(text, nl=not text.endswith("\n"))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Only report files not in canonical form; exit 1 if any")
def fmt(paths: tuple[Path, ...], check: bool) -> None:
    """Rewrite data/ (or PATHS) as canonical Turtle (rdflib longturtle)."""
    targets = list(paths) or [Settings().data_dir]
    try:
        changed = format_files(targets, check=check)
    except GovkgError as exc:
        fail(exc)
    for path in changed:
        click.echo(f"{'would reformat' if check else 'reformatted'} {path}")
    if check and changed:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, required=True, help="Parse and report; load nothing")
def load(paths: tuple[Path, ...], check: bool) -> None:
    """Parse Turtle PATHS and report triple counts, or the first error with file and line."""
    try:
        for path, count in check_paths(list(paths)):
            click.echo(f"{path}: {count} triples")
    except GovkgError as exc:
        fail(exc)
