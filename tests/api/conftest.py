"""Fixtures for the REST answers: a small invented graph with known answers, an app over it, the seed texts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from govkg.config import Settings
from govkg.loading import read_sources
from govkg.namespaces import ID
from govkg.store import EmbeddedStore, Store
from tests.conftest import DATA, SEEDS

FIXTURE = DATA / "answers"


def fixture_store() -> EmbeddedStore:
    """A fresh store over the answers fixture (its own mini ontology, so edits to the real one do not move it)."""
    store = EmbeddedStore()
    store.load(read_sources([("ontology", FIXTURE / "ontology"), ("data", FIXTURE / "data")], str(ID)))
    return store


@pytest.fixture(scope="session")
def answers_store() -> Store:
    """The answers fixture, loaded once (read-only: tests that change data call ``fixture_store()``)."""
    return fixture_store()


@pytest.fixture(scope="session")
def answers_client(settings: Settings, answers_store: Store) -> Iterator[TestClient]:
    """An in-process client of an app over the answers fixture."""
    with TestClient(create_app(settings, store=answers_store)) as client:
        yield client


def _flatten(text: str, hyphen: str) -> str:
    return " ".join(re.sub(r"-[ \t]*\r?\n\s*", hyphen, text).split())


@pytest.fixture(scope="session")
def in_seed() -> Callable[[str, str], bool]:
    """``in_seed(quote, identifier)``: does the quote occur in that seed file (line breaks and hyphenation undone)?"""
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}

    def check(quote: str, identifier: str) -> bool:
        raw = texts.get(identifier)
        return raw is not None and any(" ".join(quote.split()) in _flatten(raw, h) for h in ("", "-"))

    return check
