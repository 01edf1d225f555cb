"""``govkg serve``: the HTTP service, started from the command line."""

from __future__ import annotations

from pathlib import Path

import click
import uvicorn

from api.app import create_app
from govkg.cli import EXIT_USAGE, fail, settings_with_data
from govkg.errors import GovkgError
from govkg.service import describe_store, open_store, reload


@click.command()
@click.option("--host", default=None, help="Interface to listen on [default: 127.0.0.1]")
@click.option("--port", type=int, default=None, help="Port to listen on [default: 8000]")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="More Turtle files or folders")
@click.option("--update-token", default=None, help="Enable SPARQL Update and the Graph Store behind this bearer token")
@click.option(
    "--store-dir", type=click.Path(file_okay=False, path_type=Path), help="Keep the data on disk in this folder"
)
@click.option("--store-url", default=None, help="SPARQL query endpoint of a remote store [default: embedded store]")
@click.option("--update-url", default=None, help="SPARQL Update endpoint of the remote store")
@click.option("--graph-store-url", default=None, help="Graph Store HTTP Protocol endpoint of the remote store")
@click.option("--store-auth", default=None, help="'user:password' (basic) or a bearer token for the remote store")
def serve(
    host: str | None, port: int | None, data: tuple[Path, ...], update_token: str | None, **remote: object
) -> None:
    """Serve the SPARQL endpoint, REST API, audit and org graph over HTTP."""
    settings = settings_with_data(data)
    given = {"host": host, "port": port, "update_token": update_token, **remote}
    updates = {k: v for k, v in given.items() if v is not None}
    settings = settings.model_validate({**settings.model_dump(), **updates})
    try:
        store = open_store(settings)
        click.echo(f"govkg: {describe_store(store, settings)}", err=True)
        count = reload(store, settings)
    except GovkgError as exc:
        fail(exc, EXIT_USAGE)
    click.echo(f"govkg: {count} triples served; listening on http://{settings.host}:{settings.port}/", err=True)
    uvicorn.run(create_app(settings, store=store), host=settings.host, port=settings.port, log_level="info")
