"""Settings from the environment (prefix ``GOVKG_``) or passed in by tests; secrets have no defaults."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from govkg.loading import ACCEPTED_FILE

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Where the data lives, where the service listens, and the limits it enforces."""

    model_config = SettingsConfigDict(env_prefix="GOVKG_", extra="ignore")

    ontology_dir: Path = PROJECT_ROOT / "ontology"
    data_dir: Path = PROJECT_ROOT / "data"
    shapes_dir: Path = PROJECT_ROOT / "shapes"
    extra_paths: list[Path] = Field(default_factory=list, description="More Turtle files or folders to load as data")
    accepted_paths: list[Path] | None = Field(
        None, description="Files or folders of accepted audit exceptions; shapes/accepted.ttl when unset"
    )

    host: str = "127.0.0.1"
    port: int = 8000
    base_iri: str = "https://w3id.org/govkg/id/"

    query_timeout: float = Field(10.0, gt=0, description="Seconds a SPARQL query may run")
    result_limit: int = Field(10_000, gt=0, description="Most rows or triples one query may return")
    max_concurrent_queries: int = Field(8, gt=0, description="Queries evaluated at once; more wait their turn")
    update_timeout: float = Field(60.0, gt=0, description="Seconds an update may take in its trial run on a copy")
    isolate_queries: bool = Field(True, description="Evaluate /sparql queries in worker processes that can be killed")
    query_memory_mb: int = Field(2048, gt=0, description="Memory a query's worker may add before it is stopped")
    max_query_bytes: int = Field(1_000_000, gt=0, description="Largest query or update (body or URL); 413 beyond")
    max_data_bytes: int = Field(50_000_000, gt=0, description="Largest Graph Store upload accepted; 413 beyond")
    max_nesting: int = Field(100, gt=0, description="Deepest nesting of brackets a query or update may have")
    frame_ancestors: str = Field("'none'", description="CSP frame-ancestors: who may frame the pages")
    referrer_policy: str = Field("same-origin", description="Referrer-Policy header on every response")
    cors_origins: str = Field(
        "*",
        description="Origins whose browser pages may call the API and /sparql (CORS), comma-separated; "
        "'*' for any (the default: a public, token-protected endpoint), '' for none",
    )
    update_token: SecretStr | None = Field(
        None, description="Bearer token that enables SPARQL Update and the Graph Store"
    )

    store_dir: Path | None = Field(None, description="Folder of the on-disk store (RocksDB); in memory when unset")
    store_shared: bool = Field(
        False, description="Several server processes share store_dir (govkg serve --workers N); writes take turns"
    )
    store_url: str | None = Field(None, description="SPARQL query endpoint of a remote store; embedded when unset")
    update_url: str | None = Field(None, description="SPARQL update endpoint of the remote store")
    graph_store_url: str | None = Field(None, description="Graph Store HTTP Protocol endpoint of the remote store")
    store_auth: SecretStr | None = Field(None, description="'user:password' or a bearer token for the remote store")

    def sources(self) -> list[tuple[str, Path]]:
        """The folders and files to load, each with the kind of graph it holds."""
        return [
            ("ontology", self.ontology_dir),
            ("data", self.data_dir),
            ("shapes", self.shapes_dir),
            *(("data", path) for path in self.extra_paths),
            *(("accepted", path) for path in self.accepted_sources()),
        ]

    def accepted_sources(self) -> list[Path]:
        """The accepted audit exceptions to load: ``accepted_paths``, else ``shapes/accepted.ttl`` if there is one."""
        if self.accepted_paths is not None:
            return list(self.accepted_paths)
        default = self.shapes_dir / ACCEPTED_FILE
        return [default] if default.is_file() else []


def settings_env(settings: Settings) -> dict[str, str]:
    """``GOVKG_*`` environment variables that give another process (a uvicorn worker) these settings."""
    env = {}
    for name, value in settings.model_dump(mode="json").items():
        secret = getattr(settings, name)
        if isinstance(secret, SecretStr):
            value = secret.get_secret_value()
        if value is not None:
            env[f"GOVKG_{name.upper()}"] = value if isinstance(value, str) else json.dumps(value)
    return env
