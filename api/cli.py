"""``govkg serve``: the HTTP service, started from the command line."""

from __future__ import annotations

import os
from pathlib import Path

import click
import uvicorn

from api.app import create_app
from govkg.cli import EXIT_USAGE, fail, settings_with_data
from govkg.config import Settings, settings_env
from govkg.errors import GovkgError, StoreError
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
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, help="Server processes (more than one needs --store-dir)"
)
def serve(
    host: str | None,
    port: int | None,
    data: tuple[Path, ...],
    update_token: str | None,
    workers: int,
    **remote: object,
) -> None:
    """Serve the SPARQL endpoint, REST API, audit and org graph over HTTP."""
    settings = settings_with_data(data)
    given = {"host": host, "port": port, "update_token": update_token, **remote}
    updates = {k: v for k, v in given.items() if v is not None}
    settings = settings.model_validate({**settings.model_dump(), **updates, "store_shared": workers > 1})
    if workers > 1:
        serve_processes(settings, workers)
        return
    try:
        store = open_store(settings)
        click.echo(f"govkg: {describe_store(store, settings)}", err=True)
        count = reload(store, settings)
    except GovkgError as exc:
        fail(exc, EXIT_USAGE)
    click.echo(f"govkg: {count} triples served; listening on http://{settings.host}:{settings.port}/", err=True)
    uvicorn.run(create_app(settings, store=store), host=settings.host, port=settings.port, log_level="info")


def serve_processes(settings: Settings, workers: int) -> None:
    """``workers`` uvicorn processes over one on-disk store (:mod:`govkg.store.handle`, shared mode).

    In memory each process would hold its own copy and writes would diverge; a remote store's
    version is counted per process, so ETags would disagree. Both are refused.
    """
    if settings.store_dir is None or settings.store_url:
        fail(StoreError("--workers N needs --store-dir (an on-disk store the processes share)"), EXIT_USAGE)
    try:
        store = open_store(settings)
        count = reload(store, settings)  # the processes find the files loaded and the first version published
        del store
    except GovkgError as exc:
        fail(exc, EXIT_USAGE)
    click.echo(f"govkg: on-disk store in {settings.store_dir}, shared by {workers} server processes", err=True)
    click.echo(f"govkg: {count} triples served; listening on http://{settings.host}:{settings.port}/", err=True)
    os.environ.update(settings_env(settings))
    uvicorn.run(
        "api.app:create_app", factory=True, workers=workers, host=settings.host, port=settings.port, log_level="info"
    )
