"""Generated spellings of SERVICE and LOAD that reach the network if a guard misses them.

Every text here must be refused before the engine sees it. They vary the keyword's case, what
separates it from what comes before and after (spaces, tabs, comments ended by ``\\n``, ``\\r`` or
``\\r\\n``, nothing at all), what it is glued to (a prefixed name, a number, ``.``), where it
stands (top level, OPTIONAL, a subquery, FILTER EXISTS, after other update operations), and hide
it behind constructs a careless masker misreads (escapes in IRIs and local names, comments).
"""

from __future__ import annotations

from itertools import product

CASES = ("SERVICE", "service", "SeRvIcE")
LOADS = ("LOAD", "load", "LoAd")
BEFORE = (" ", "\n", "\t", "# note\n", "# note\r", "#\r\n", " #x\r ")
AFTER = (" ", "", "\r", "# c\r", "\t")


def services(base: str) -> list[str]:
    """Queries that call ``base`` (a listener URL ending in ``/``) with SERVICE."""
    prefixes = f"PREFIX : <{base}> PREFIX ex: <{base}> "
    targets = (f"<{base}sparql>", ":sparql", "ex:sparql", f"SILENT <{base}sparql>", "SILENT:sparql")
    queries = []
    for case, before, after, target in product(CASES, BEFORE, AFTER, targets):
        gap = after if target[0] in "<:" or after else " "
        queries.append(f"{prefixes}SELECT * WHERE {{{before}{case}{gap}{target} {{ ?s ?p ?o }} }}")
    glued = (
        "?s ?p ?o.{k}",
        "?s ?p 1{k}",
        "?s ?p 1.0e1.{k}",
        '?s ?p "x"@en.{k}',
        '?s ?p "x"@en-gb.{k}',
        "?s ?p true.{k}",
        "?s ?p true{k}",
        "?s ?p _:b.{k}",
        "?s a ?o .{k}",
        "<urn:\\u0041#> <urn:p> ?o . {k}",
        "?s ?p ex:a\\#x . {k}",
        "?s ?p ex:a\\'x . {k}",
        "OPTIONAL {{ {k}",
        "FILTER EXISTS {{ {k}",
        "{{ SELECT * WHERE {{ {k}",
        "FILTER(?a<?b) {k}",
    )
    for pattern, case, target in product(glued, CASES, targets[:3]):
        body = pattern.format(k=f"{case} {target} {{ ?s ?p ?o }}")
        closing = "}" * (body.count("{") - body.count("}"))
        queries.append(f"{prefixes}SELECT * WHERE {{ {body} {closing}}}")
    queries.append(f"{prefixes}SELECT * WHERE {{ \\u0053ERVICE <{base}sparql> {{ ?s ?p ?o }} }}")
    queries.append(f"{prefixes}SELECT * WHERE {{ SERVICEex:sparql {{ ?s ?p ?o }} }}")
    return queries


def loads(base: str) -> list[str]:
    """Updates that fetch from ``base`` with LOAD."""
    prefixes = f"PREFIX : <{base}> PREFIX ex: <{base}> "
    sources = (f"<{base}data.nt>", ":data.nt", "ex:data.nt", f"SILENT <{base}data.nt>")
    updates = []
    for case, before, after, source in product(LOADS, BEFORE, AFTER, sources):
        gap = after if source[0] in "<:" or after else " "
        updates.append(f"{prefixes}{before}{case}{gap}{source}")
    lead = (
        "INSERT DATA { <urn:a> <urn:b> <urn:c> };",
        'INSERT DATA { <urn:a> <urn:b> "c"@en-gb};',
        "CLEAR SILENT GRAPH <urn:g> ;",
        "DELETE WHERE { <urn:x> ?p ?o } ;\r",
        "INSERT DATA { <urn:a> <urn:b> ex:a\\#c };",
    )
    for first, case, source in product(lead, LOADS, sources):
        updates.append(f"{prefixes}{first}{case} {source} INTO GRAPH <urn:g>")
    updates.append(f"{prefixes}LOADex:data.nt")
    updates.append(f"\\u004cOAD <{base}data.nt>")
    return updates
