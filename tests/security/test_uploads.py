"""Uploads that would make the RDF/XML parser expand entities are refused; plain RDF/XML still loads."""

from __future__ import annotations

import httpx
import pytest

from tests.live import LiveServer
from tests.security.conftest import AUTH

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
 <rdf:Description rdf:about="http://example.org/s"><ex:p>&d;</ex:p></rdf:Description>
</rdf:RDF>
"""
PLAIN = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
 <rdf:Description rdf:about="http://example.org/s"><ex:p>plain</ex:p></rdf:Description>
</rdf:RDF>
"""
URL = "/store?graph=urn:security:xml"
XML = {**AUTH, "Content-Type": "application/rdf+xml"}


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (LAUGHS.encode(), 400),
        (LAUGHS.replace("<!DOCTYPE", "<! doctype").encode(), 400),
        (LAUGHS.encode("utf-16"), 415),
    ],
)
def test_entity_declarations_are_refused(hardened: LiveServer, body: bytes, status: int) -> None:
    answer = httpx.put(hardened.url + URL, content=body, headers=XML, timeout=10)
    assert answer.status_code == status


def test_plain_rdf_xml_still_loads(hardened: LiveServer) -> None:
    assert httpx.put(hardened.url + URL, content=PLAIN.encode(), headers=XML, timeout=10).status_code in (201, 204)
    assert httpx.delete(hardened.url + URL, headers=AUTH, timeout=10).status_code == 204
