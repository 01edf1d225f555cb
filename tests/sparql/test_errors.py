"""Readable SPARQL errors, as a governance designer meets them: at the endpoint, in YASGUI and on the command line.

One line, ``line:column`` of the user's own text (not of the ``BASE`` line the service puts in front),
what was expected in words, what was found; an undeclared prefix is named, with the declaration to
add. The status stays the protocol's 400 with the message in the body.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from govkg.cli import main
from govkg.sparql_errors import readable, shift_position
from tests.sparql.conftest import AUTH


def parser_message(sparql: str) -> str:
    try:
        ox.Store().query(sparql)
    except SyntaxError as exc:
        return str(exc)
    raise AssertionError(f"{sparql!r} parsed")


def error_of(client: TestClient, sparql: str) -> str:
    response = client.post("/sparql", data={"query": sparql})
    assert response.status_code == 400 and response.json()["error"] == "MALFORMED_QUERY"
    message: str = response.json()["message"]
    assert "\n" not in message and "\\u{" not in message and "..=" not in message, message
    return message


def test_an_unfinished_query_says_where_what_was_expected_in_words_and_what_was_found(reader: TestClient) -> None:
    message = error_of(reader, "SELECT * WHERE {\n  ?s ?p ")
    assert message.startswith("syntax error at 2:9: expected a variable, an IRI, a prefixed name, a string"), message
    assert message.endswith("found the end of the query"), message


def test_a_misplaced_word_is_quoted_as_found(reader: TestClient) -> None:
    message = error_of(reader, "SELECT ?x WHERE { ?x ?y ?z } ORDER ?x")
    assert message == "syntax error at 1:38: expected BY; found the end of the query"
    assert error_of(reader, "SELEC ?x WHERE { ?x ?y ?z }").endswith("found 'WHERE'")


def test_an_undeclared_prefix_is_named_and_the_missing_prefix_declaration_given(reader: TestClient) -> None:
    message = error_of(reader, "SELECT ?body WHERE {\n  ?body a gov:Body }")
    assert message.startswith("syntax error at 2:11: the prefix 'gov:' is not declared: PREFIX gov: is missing")
    assert '"PREFIX gov: <https://w3id.org/govkg/ontology#>"' in message
    assert "this endpoint declares no prefixes for you" in message
    unknown = error_of(reader, "SELECT * WHERE { ?s a nope:Thing }")
    assert "the prefix 'nope:' is not declared" in unknown and "PREFIX nope: <…namespace IRI…>" in unknown


def test_an_update_error_reads_the_same(writer: TestClient) -> None:
    response = writer.post("/update", data={"update": "INSERT DATA { id:x a gov:Body }"}, headers=AUTH)
    assert response.status_code == 400
    assert response.json()["message"].startswith("syntax error at 1:15: the prefix 'id:' is not declared")


def test_govkg_query_declares_the_ontologys_prefixes_and_reports_others() -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["query", "ASK { ?s a gov:Body }"])
    assert ok.exit_code == 0, ok.output
    wrong = runner.invoke(main, ["query", "SELECT * WHERE {\n ?s a nope:Thing }"])
    assert wrong.exit_code == 1
    assert wrong.stderr.startswith("error: syntax error at 2:7: the prefix 'nope:' is not declared"), wrong.stderr
    assert "govkg query declares cv:, dct:" in wrong.stderr


@pytest.mark.parametrize(
    ("sparql", "expected"),
    [
        ('SELECT * WHERE {\n ?s ?p "abc }', "syntax error at 2:14: expected the string's closing quote"),
        ("SELECT * WHERE { ?s ?p ?o }}", "syntax error at 1:29: the query cannot go on here"),
        ("SELECT ?y WHERE { ?s ?p ?o } GROUP BY ?s", "syntax error at 1:41: the SELECT contains a variable"),
        ("SELECT * WHERE { ?s <http://a b> ?o }", "syntax error at 1:33: IRI parsing failed; found '?o'"),
        ("SELECT * WHERE { FILTER(1 > ) }", "syntax error at 1:32: expected an expression or a keyword"),
    ],
)
def test_other_parser_messages_become_one_line(sparql: str, expected: str) -> None:
    assert readable(parser_message(sparql), sparql).startswith(expected)


def test_messages_that_are_not_the_parsers_pass_through_and_positions_shift() -> None:
    assert readable("the remote store\nfailed", "SELECT") == "the remote store failed"
    assert (
        readable("error at 2:3: Variable ?x is bound twice", "SELECT\nxyz")
        == "syntax error at 2:3: Variable ?x is bound twice"
    )
    assert shift_position("syntax error at 3:1: x", 1) == "syntax error at 2:1: x"
    assert shift_position("syntax error at 1:4: x", 1) == "syntax error at 1:4: x", "never before the first line"
