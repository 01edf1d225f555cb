"""Content negotiation as clients send it: q-values, wildcards, combined lists and nothing acceptable."""

from __future__ import annotations

import pytest

from api.negotiation import choose, media_type_of
from api.sparql_formats import GRAPH_OFFERS, SOLUTION_OFFERS


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        pytest.param(None, "application/sparql-results+json", id="no-header-gets-json"),
        pytest.param("*/*", "application/sparql-results+json", id="anything-gets-json"),
        pytest.param("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml", id="q-values"),
        pytest.param("*/*;q=0.9, text/csv", "text/csv", id="named-type-beats-wildcard"),
        pytest.param("text/*;q=0.2, text/tab-separated-values", "text/tab-separated-values", id="specific-range-wins"),
        pytest.param("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml", id="q-zero"),
        pytest.param(
            "application/sparql-results+xml, application/sparql-results+json",
            "application/sparql-results+xml",
            id="client-order-breaks-ties",
        ),
        pytest.param(
            "application/sparql-results+json,application/json,text/javascript,application/javascript",
            "application/sparql-results+json",
            id="sparqlwrapper-json",
        ),
        pytest.param("application/json", "application/json", id="alias-answered-as-asked"),
        pytest.param("TEXT/CSV", "text/csv", id="case-insensitive"),
        pytest.param("image/png, text/html", None, id="nothing-acceptable"),
        pytest.param("text/csv;q=oops", None, id="malformed-q-counts-as-zero"),
    ],
)
def test_results_format_for_accept_header(accept: str | None, expected: str | None) -> None:
    assert choose(accept, SOLUTION_OFFERS) == expected


def test_construct_answers_prefer_turtle_and_honour_rdf_xml_clients() -> None:
    assert choose("*/*", GRAPH_OFFERS) == "text/turtle"
    assert choose("application/sparql-results+xml, application/rdf+xml", GRAPH_OFFERS) == "application/rdf+xml"
    assert choose("application/ld+json;q=0.9, application/n-triples", GRAPH_OFFERS) == "application/n-triples"


def test_content_type_parameters_are_read() -> None:
    assert media_type_of("Application/SPARQL-Query; charset=UTF-16; version=1.2") == (
        "application/sparql-query",
        {"charset": "UTF-16", "version": "1.2"},
    )
    assert media_type_of(None) == ("", {})
