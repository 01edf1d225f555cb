"""Query results, materialised within the limits, and their standard serialisations.

The SPARQL endpoint and the CLI share these: SPARQL 1.1 Query Results JSON, XML, CSV and TSV for
solutions and booleans, and pyoxigraph's RDF serialisers for graphs.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from govkg.errors import QueryTimeout, ResultTooLarge

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Form = Literal["SELECT", "ASK", "GRAPH"]
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass
class QueryResult:
    """What a query answered: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    form: Form
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def records(self) -> Iterator[dict[str, Term]]:
        """Each solution as a dict of the bound variables."""
        for row in self.rows:
            yield {name: value for name, value in zip(self.variables, row, strict=True) if value is not None}

    def __len__(self) -> int:
        return len(self.rows) if self.form == "SELECT" else len(self.triples)


def materialise(
    answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
    *,
    limit: int | None = None,
    deadline: float | None = None,
) -> QueryResult:
    """Read a pyoxigraph answer into a :class:`QueryResult`, enforcing the result cap and deadline.

    Raises:
        ResultTooLarge: more than ``limit`` rows or triples.
        QueryTimeout: reading the answer ran past ``deadline`` (a ``time.monotonic()`` value).
    """

    def check(count: int) -> None:
        if limit is not None and count > limit:
            raise ResultTooLarge(f"the query returns more than {limit} results; add a LIMIT or narrow it")
        if deadline is not None and count % 256 == 0 and time.monotonic() > deadline:
            raise QueryTimeout("the query ran past its time limit")

    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(form="ASK", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows: list[tuple[Term | None, ...]] = []
        for solution in answer:
            rows.append(tuple(solution))  # in variable order, None where unbound; twice as fast as by name
            check(len(rows))
        return QueryResult(form="SELECT", variables=variables, rows=rows)
    triples: list[ox.Triple] = []
    for triple in answer:
        triples.append(triple)
        check(len(triples))
    return QueryResult(form="GRAPH", triples=triples)


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.form == "ASK":
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings = [{k: _json_term(v) for k, v in record.items()} for record in result.records()]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
        f"</predicate><object>{_xml_term(term.object)}</object></triple>"
    )


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>")
    if result.form == "ASK":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for record in result.records():
            cells = "".join(f"<binding name={quoteattr(k)}>{_xml_term(v)}</binding>" for k, v in record.items())
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    return "\n".join(out)


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV (values only, as the format prescribes)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.form == "ASK":
        writer.writerow(["_askResult"])
        writer.writerow(["true" if result.boolean else "false"])
    else:
        writer.writerow(result.variables)
        writer.writerows([_csv_value(t) for t in row] for row in result.rows)
    return buffer.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV (terms in Turtle syntax)."""
    if result.form == "ASK":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_rdf(result: QueryResult, format: ox.RdfFormat) -> bytes:
    """The triples of a CONSTRUCT/DESCRIBE answer in an RDF format."""
    return ox.serialize(result.triples, format=format) or b""


def to_table(result: QueryResult) -> str:
    """A plain-text table for people at a terminal."""
    if result.form == "ASK":
        return "true" if result.boolean else "false"
    if result.form == "GRAPH":
        return to_rdf(result, ox.RdfFormat.TURTLE).decode()
    rows = [[_csv_value(t) for t in row] for row in result.rows]
    widths = [max([len(v), *(len(r[i]) for r in rows)]) for i, v in enumerate(result.variables)]
    line = "  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
