"""Fixtures for the entity pages: a tiny world whose labels carry HTML, to prove every page escapes them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from govkg.config import Settings
from govkg.service import reload
from govkg.store import EmbeddedStore

MISCHIEF = '<script>alert("x")</script><img src=x onerror=alert(1)>'
WORLD = f"""
PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX id: <https://w3id.org/govkg/id/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

id:top a org:FormalOrganization ; skos:prefLabel "Top & Co"@da, "Top & Co"@en .
id:evil a gov:SteeringGroup ;
    skos:prefLabel {MISCHIEF!r}@da, "Evil <b>group</b>"@en ;
    skos:altLabel "\\"><svg onload=alert(2)>"@da ;
    org:subOrganizationOf id:top ;
    prov:wasDerivedFrom id:evil-passage .
id:evil-passage a gov:Passage ; gov:quote "Citat med <i>tags</i> & mere" ; dct:isPartOf id:evil-doc .
id:evil-doc a gov:SourceDocument ; dct:title "<em>Dokument</em>" ; dct:identifier "evil.txt" .
"""


@pytest.fixture(scope="session")
def mischief_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An app over the tiny world with HTML in its labels, quotes and titles."""
    root: Path = tmp_path_factory.mktemp("mischief")
    (root / "data").mkdir()
    (root / "shapes").mkdir()
    (root / "data" / "world.ttl").write_text(WORLD, encoding="utf-8")
    settings = Settings(data_dir=root / "data", shapes_dir=root / "shapes", extra_paths=[])
    store = EmbeddedStore()
    reload(store, settings)
    with TestClient(create_app(settings, store=store)) as client:
        yield client
