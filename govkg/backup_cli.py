"""``govkg backup`` and ``govkg restore``: copies of the whole dataset, every graph and the default graph.

Two kinds of copy:

- a **store folder** (``govkg backup PATH`` with the store not in use): RocksDB's own consistent
  backup of the on-disk store (``GOVKG_STORE_DIR`` / ``--store-dir``), hard links where it can,
  openable as a store as it is; catalog and dataset version included;
- an **N-Quads file** (``PATH`` ending in ``.nq``, or ``--url`` to read a running service through
  its Graph Store, which needs the update token): every quad, portable to any RDF store.

``govkg restore PATH`` puts either kind back into the store folder, which must be new or empty
(``--force`` replaces it) and not in use by a running service.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import httpx
import pyoxigraph as ox

from govkg.cli import EXIT_USAGE, fail
from govkg.errors import GovkgError, StoreError
from govkg.store import EmbeddedStore
from govkg.store.base import all_quads

N_QUADS = "application/n-quads"
STORE_DIR = click.option(
    "--store-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="GOVKG_STORE_DIR",
    help="The on-disk store [default: GOVKG_STORE_DIR]",
)


def write_nquads(quads: list[ox.Quad], path: Path) -> None:
    """Write N-Quads, replacing ``path`` only once the file is complete."""
    scratch = path.with_name(f".{path.name}.partial")
    ox.serialize(quads, str(scratch), format=ox.RdfFormat.N_QUADS)
    scratch.replace(path)


def open_unused(store_dir: Path | None) -> EmbeddedStore:
    """The on-disk store, opened by this process alone.

    Raises:
        StoreError: no store folder is configured, or a running service holds it.
    """
    if store_dir is None:
        raise StoreError("no store folder: set GOVKG_STORE_DIR or pass --store-dir")
    if not store_dir.is_dir():
        raise StoreError(f"no store in {store_dir}")
    try:
        return EmbeddedStore(store_dir)
    except StoreError as exc:
        raise StoreError(f"{exc.message} (a running service holds it? back it up with --url)") from None


def fetch_nquads(url: str, token: str | None) -> bytes:
    """The whole dataset of a running govkg service, as N-Quads from its Graph Store.

    Raises:
        StoreError: the service refused or could not be reached.
    """
    headers = {"Accept": N_QUADS, **({"Authorization": f"Bearer {token}"} if token else {})}
    try:
        response = httpx.get(f"{url.rstrip('/')}/store", headers=headers, timeout=600, trust_env=False)
    except httpx.HTTPError as exc:
        raise StoreError(f"cannot reach {url}: {exc}") from None
    if response.status_code != 200:
        raise StoreError(f"{url} answered HTTP {response.status_code}: {response.text[:300]}")
    return response.content


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@STORE_DIR
@click.option("--url", default=None, help="A running govkg service to copy, e.g. http://127.0.0.1:8000")
@click.option("--token", envvar="GOVKG_UPDATE_TOKEN", default=None, help="The service's update token")
def backup(path: Path, store_dir: Path | None, url: str | None, token: str | None) -> None:
    """Copy the whole dataset to PATH: a store folder, or an N-Quads file (PATH ending in .nq, or --url)."""
    if path.exists():
        fail(f"{path} already exists: back up to a new path", EXIT_USAGE)
    try:
        if url:
            data = fetch_nquads(url, token)
            scratch = path.with_name(f".{path.name}.partial")
            scratch.write_bytes(data)
            scratch.replace(path)
            lines = data.count(b"\n")
            click.echo(f"{path}: {lines} quads from {url}")
            return
        store = open_unused(store_dir)
        if path.suffix == ".nq":
            quads = all_quads(store)
            write_nquads(quads, path)
            click.echo(f"{path}: {len(quads)} quads from {store_dir}")
        else:
            store.backup(path)
            click.echo(f"{path}: backup of {store_dir} ({store.triple_count()} triples, version {store.version.etag})")
    except GovkgError as exc:
        fail(exc)


@click.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@STORE_DIR
@click.option("--force", is_flag=True, help="Replace a store folder that is not empty")
def restore(path: Path, store_dir: Path | None, force: bool) -> None:
    """Put a backup (store folder or N-Quads file) into the store folder; the service must be stopped."""
    if store_dir is None:
        fail("no store folder: set GOVKG_STORE_DIR or pass --store-dir", EXIT_USAGE)
        return
    try:
        if store_dir.exists() and any(store_dir.iterdir()):
            if not force:
                fail(f"{store_dir} is not empty: pass --force to replace it", EXIT_USAGE)
            held = open_unused(store_dir)  # refuses while a running service holds it
            del held
        staged = store_dir.with_name(f".{store_dir.name}.restoring")
        shutil.rmtree(staged, ignore_errors=True)
        if path.is_dir():
            shutil.copytree(path, staged)
        else:
            fresh = ox.Store(str(staged))
            fresh.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
            fresh.flush()
            del fresh
        restored = EmbeddedStore(staged)
        count, version = restored.triple_count(), restored.version.etag
        del restored
        shutil.rmtree(store_dir, ignore_errors=True)
        staged.rename(store_dir)
    except (GovkgError, OSError, SyntaxError) as exc:
        fail(exc if isinstance(exc, GovkgError) else str(exc))
    click.echo(f"{store_dir}: restored from {path} ({count} triples, version {version})")
