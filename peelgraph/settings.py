"""Settings, read from environment variables and a `.env` file in the project's own directory (or the file
PEELGRAPH_ENV_FILE names): never from the working directory, where anyone may have left one."""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from peelgraph.schema.budget import DEFAULT_MAX_COST

DEFAULT_MAX_INPUT_MB = 64
"""The largest input file `parse` and `load` read unless PEELGRAPH_MAX_INPUT_MB says otherwise: a PEEL
report's text is under 1 MB, a reference table under 100 KB."""

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
LEGACY_PASSWORD = "peelgraph-dev"
"""The password peelgraph before 0.2 gave every managed instance; `neo4j start` replaces it (neo4j_server.py)."""
PASSWORD_FILE = "password"
"""The generated password's file in a managed instance's home (the home is 0700, the file 0600)."""


def env_file() -> Path:
    """The `.env` settings are read from: PEELGRAPH_ENV_FILE, else `.env` in the project's own directory."""
    named = os.environ.get("PEELGRAPH_ENV_FILE")
    return Path(named) if named else PROJECT_ROOT / ".env"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=env_file(), extra="ignore", populate_by_name=True)

    neo4j_uri: str = Field("bolt://127.0.0.1:7687", alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", alias="NEO4J_USER")
    neo4j_password: str | None = Field(None, alias="NEO4J_PASSWORD")
    """Set: the password, also a new managed instance's. Unset: a managed instance's generated one (`password`)."""
    neo4j_database: str = Field("neo4j", alias="NEO4J_DATABASE")

    host: str = Field("127.0.0.1", alias="PEELGRAPH_HOST")
    port: int = Field(8000, alias="PEELGRAPH_PORT")
    debug: bool = Field(False, alias="PEELGRAPH_DEBUG")
    workers: int = Field(1, alias="PEELGRAPH_WORKERS")
    introspection: bool = Field(True, alias="PEELGRAPH_INTROSPECTION")
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list, alias="PEELGRAPH_CORS_ORIGINS")
    """Origins allowed to call the API from a browser, comma-separated."""
    query_timeout: float = Field(10.0, gt=0, alias="PEELGRAPH_QUERY_TIMEOUT")
    """Seconds one GraphQL request may take in all (its Neo4j transaction, building and encoding its answer)."""
    max_cost: int = Field(DEFAULT_MAX_COST, gt=0, alias="PEELGRAPH_MAX_COST")
    """The most objects one request may ask for, estimated before it runs (schema/cost.py)."""
    max_answer_mb: float = Field(32, gt=0, alias="PEELGRAPH_MAX_ANSWER_MB")
    """The largest answer, in megabytes of JSON, the API sends; a larger one becomes an error."""
    max_body_bytes: int = Field(100_000, alias="PEELGRAPH_MAX_BODY_BYTES")
    response_cache_mb: float = Field(64, ge=0, alias="PEELGRAPH_RESPONSE_CACHE_MB")
    """Memory per process for answers to repeated requests (peelgraph/http/response_cache.py); 0 turns it off."""
    apq_cache_mb: float = Field(4, ge=0, alias="PEELGRAPH_APQ_CACHE_MB")
    """Memory per process for automatic persisted queries' texts (peelgraph/http/persisted_queries.py); 0 turns
    registering off (listed operations still run by hash)."""
    persisted_queries: Annotated[list[Path], NoDecode] = Field(default_factory=list,
                                                               alias="PEELGRAPH_PERSISTED_QUERIES")
    """Persisted query manifests (`peelgraph allowlist` writes one), comma-separated: their operations run by
    hash in every process."""
    arbitrary_queries: bool = Field(True, alias="PEELGRAPH_ARBITRARY_QUERIES")
    """False: only the operations PEELGRAPH_PERSISTED_QUERIES lists run, by hash or by text."""
    cache_max_age: int = Field(0, ge=0, alias="PEELGRAPH_CACHE_MAX_AGE")
    """Seconds a browser or CDN may reuse a GET answer without asking again (`Cache-Control: max-age`); with 0
    it asks each time, with `If-None-Match`, and an unchanged graph answers 304 (peelgraph/http/http_cache.py)."""
    warm_up: bool = Field(True, alias="PEELGRAPH_WARM_UP")
    """Run the bundled example queries once at start-up, so that Neo4j has planned them (peelgraph/http/warm_up.py)."""
    max_input_mb: float = Field(DEFAULT_MAX_INPUT_MB, gt=0, alias="PEELGRAPH_MAX_INPUT_MB")
    """The largest file `parse` and `load` read; a larger one is refused before it is read."""

    neo4j_dir: Path = Field(default_factory=lambda: Path.cwd() / ".neo4j", alias="PEELGRAPH_NEO4J_DIR")
    """Where `peelgraph neo4j install` puts the jars and where managed instances live (default `.neo4j` in the
    directory the command runs in, like a virtual environment: the project's folder for `make`)."""
    neo4j_instance: str = Field("dev", alias="PEELGRAPH_NEO4J_INSTANCE")
    neo4j_http_port: int = Field(7474, alias="PEELGRAPH_NEO4J_HTTP_PORT")
    neo4j_heap: str = Field("1g", alias="PEELGRAPH_NEO4J_HEAP")
    neo4j_pagecache: str = Field("512m", alias="PEELGRAPH_NEO4J_PAGECACHE")

    @field_validator("cors_origins", "persisted_queries", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @cached_property
    def bolt_host(self) -> str:
        return urlsplit(self.neo4j_uri).hostname or "127.0.0.1"

    @cached_property
    def bolt_port(self) -> int:
        return urlsplit(self.neo4j_uri).port or 7687

    @property
    def neo4j_is_local(self) -> bool:
        """A loopback `bolt://` or `neo4j://` URI: the project may manage that server itself."""
        scheme = urlsplit(self.neo4j_uri).scheme
        return scheme in {"bolt", "neo4j"} and self.bolt_host in LOOPBACK_HOSTS

    @property
    def neo4j_home(self) -> Path:
        return self.neo4j_dir / self.neo4j_instance

    @property
    def password_file(self) -> Path:
        return self.neo4j_home / PASSWORD_FILE

    @property
    def neo4j_secret(self) -> str:
        """The password to connect with: NEO4J_PASSWORD if set; for the managed instance, the one generated on its
        first start (read each time: `neo4j start` may have just written it), or the old fixed one if it was
        created by an older peelgraph and not started since; otherwise none."""
        if self.neo4j_password is not None:
            return self.neo4j_password
        if not self.neo4j_is_local:
            return ""
        try:
            return self.password_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return LEGACY_PASSWORD if self.has_store else ""

    @property
    def has_store(self) -> bool:
        """The managed instance has been started before (it has databases)."""
        return (self.neo4j_home / "data" / "databases").exists()

    @property
    def max_input_bytes(self) -> int:
        return int(self.max_input_mb * 2**20)

    @property
    def neo4j_uri_for_display(self) -> str:
        """The URI without any user-info, safe to print."""
        parts = urlsplit(self.neo4j_uri)
        netloc = parts.hostname or ""
        if parts.port:
            netloc = f"{netloc}:{parts.port}"
        return f"{parts.scheme}://{netloc}"


def get_settings() -> Settings:
    return Settings()
