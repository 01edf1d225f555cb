"""The SPARQL engine: every translated rule as queries on the store, pyshacl only for the rest.

:func:`run_sparql_engine` runs the plan of :mod:`.compile` through a ``select`` function (the store's
SPARQL, embedded or remote), turns each solution into a :class:`~.results.Result`, adds govkg's
whole-graph rules (:mod:`.rules`) and the reporting cycles (:mod:`.cycles`, on the upward lines
fetched by one query), and runs each rule the plan could not translate in pyshacl alone, on an
rdflib copy of just the triples it can reach (:mod:`.fallback`). Nothing here reads the data as a
whole: the cost is the queries' plus one step per result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import rdflib
from rdflib.namespace import SH
from rdflib.term import Node

from govkg.audit.compile import Check, Plan, compile_shapes, rule_shapes
from govkg.audit.cycles import CYCLE_COMPONENT, CYCLE_RULE, find_cycles, upward_predicates
from govkg.audit.describe import compact
from govkg.audit.model import AuditError
from govkg.audit.results import Result, results_from_report
from govkg.audit.rules import Select, rule_rows, sparql_rules

SPARQL, PYSHACL, NETWORKX = "sparql", "pyshacl", "networkx"
WORKERS = 2  # queries at a time: this machine's cores; a server answers two requests at once as well
Fallback = Callable[[rdflib.Graph, Node], rdflib.Graph]  # (shapes, rule) -> pyshacl's report for that rule alone


@dataclass
class Outcome:
    """What an engine found: the results, the graph their paths live in, and who ran each rule."""

    results: list[Result] = field(default_factory=list)
    paths: rdflib.Graph = field(default_factory=rdflib.Graph)
    engines: dict[Node, str] = field(default_factory=dict)


def run_sparql_engine(shapes: rdflib.Graph, select: Select, fallback: Fallback, plan: Plan | None = None) -> Outcome:
    """Validate through ``select`` with the shapes' plan; ``fallback`` runs untranslated rules.

    Raises:
        AuditError: a SHACL-SPARQL constraint reported a failure, or the cycle rule's path is not a
            list of predicates.
    """
    plan = plan or compile_shapes(shapes)
    outcome = Outcome()
    untranslated = {f.shape for f in plan.fallbacks}
    outcome.engines |= {rule: PYSHACL if rule in untranslated else SPARQL for rule in rule_shapes(shapes)}
    outcome.engines |= {rule.shape: SPARQL for rule in sparql_rules(shapes)}
    queries = [rule.query for rule in sparql_rules(shapes)]
    queries += [c.query for c in plan.checks if (c.rule or c.shape) not in untranslated]
    cycles = _cycle_query(shapes)
    select = prefetched(select, queries + ([cycles] if cycles else []))
    for check in plan.checks:
        rule = check.rule or check.shape
        if rule in untranslated:
            continue
        outcome.engines[rule] = SPARQL
        outcome.results.extend(check_results(shapes, check, select(check.query)))
        _copy_path(shapes, check.path, outcome.paths)
    for missing in plan.fallbacks:
        outcome.engines[missing.shape] = PYSHACL
        report = fallback(shapes, missing.shape)
        own = _property_closure(shapes, missing.shape)
        for result in results_from_report(report):
            if result.shape in own:
                outcome.results.append(result)
                _copy_path(report, result.path, outcome.paths)
    outcome.results.extend(_rule_results(shapes, select, outcome))
    outcome.results.extend(_cycle_results(shapes, select, outcome))
    return outcome


def prefetched(select: Select, queries: list[str], workers: int = WORKERS) -> Select:
    """Run the queries ``workers`` at a time (the store evaluates them outside the GIL, or on a
    server); the returned select answers them from memory and any other query as ``select`` does.

    The longest texts go first: they name the most patterns, and a long query started last would
    leave the other worker idle at the end.
    """
    ordered = sorted(set(queries), key=lambda query: (-len(query), query))
    with ThreadPoolExecutor(workers) as pool:
        answers = dict(zip(ordered, pool.map(lambda query: list(select(query)), ordered), strict=True))

    def answer(query: str) -> Iterable[Mapping[str, Node]]:
        return answers[query] if query in answers else select(query)

    return answer


def check_results(shapes: rdflib.Graph, check: Check, rows: Iterable[Mapping[str, Node]]) -> Iterator[Result]:
    """The results of one check from its query's solutions."""
    severity = shapes.value(check.shape, SH.severity) or SH.Violation
    messages = tuple(m for m in shapes.objects(check.shape, SH.message) if isinstance(m, rdflib.Literal))
    if not messages and not check.messages:
        messages = (rdflib.Literal(f"Fails {compact(str(check.component))}"),)
    seen: set[tuple[Node | None, ...]] = set()
    for row in rows:
        focus = row.get("this")
        if focus is None:
            continue
        if check.value_of != "sparql":
            value = row.get("value") if check.value_of == "value" else focus if check.value_of == "focus" else None
            yield Result(focus, check.shape, check.component, severity, check.path, value, messages)
            continue
        if row.get("failure") == rdflib.Literal(True):
            raise AuditError(f"the SPARQL constraint of {check.shape} reported a failure for {focus}")
        path = row.get("path") or check.path
        value = row.get("value") or (focus if check.path is None else None)
        key = (focus, path, value)
        if key not in seen:
            seen.add(key)
            worded = tuple(_substitute(m, row) for m in (*check.messages, *messages))
            yield Result(focus, check.shape, check.component, severity, path, value, worded)


def _substitute(message: rdflib.Literal, row: Mapping[str, Node]) -> rdflib.Literal:
    text = str(message)
    for name, value in row.items():
        text = text.replace(f"{{?{name}}}", str(value)).replace(f"{{${name}}}", str(value))
    return rdflib.Literal(text, lang=message.language) if text != str(message) else message


def _rule_results(shapes: rdflib.Graph, select: Select, outcome: Outcome) -> Iterator[Result]:
    inverse: dict[Node, rdflib.BNode] = {}
    for row in rule_rows(shapes, select):
        outcome.engines[row.shape] = SPARQL
        path: Node | None = row.path
        if row.inverse_path is not None:
            if row.inverse_path not in inverse:
                inverse[row.inverse_path] = rdflib.BNode()
                outcome.paths.add((inverse[row.inverse_path], SH.inversePath, row.inverse_path))
            path = inverse[row.inverse_path]
        severity = shapes.value(row.shape, SH.severity) or SH.Violation
        messages = tuple(m for m in shapes.objects(row.shape, SH.message) if isinstance(m, rdflib.Literal))
        yield Result(row.focus, row.shape, SH.SPARQLConstraintComponent, severity, path, row.value, messages)


def _cycle_query(shapes: rdflib.Graph) -> str | None:
    """The upward lines that may lie on a cycle: a line s -> o can only when something leads up to s
    and o leads up further (at 1M triples that keeps one line in eight). Both sets are found once
    and joined (a lookup per line instead was 5x slower on an on-disk store)."""
    if (CYCLE_RULE, None, None) not in shapes:
        return None
    predicates = upward_predicates(shapes)
    if not predicates:
        return None
    values = " ".join(f"<{p}>" for p in predicates)
    into = " UNION ".join(f"{{ [] <{p}> ?s }}" for p in predicates)
    onwards = " UNION ".join(f"{{ ?o <{p}> [] }}" for p in predicates)
    return (
        f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o FILTER (!isLiteral(?o)) "
        f"{{ SELECT DISTINCT ?s WHERE {{ {into} }} }} {{ SELECT DISTINCT ?o WHERE {{ {onwards} }} }} }}"
    )


def _cycle_results(shapes: rdflib.Graph, select: Select, outcome: Outcome) -> Iterator[Result]:
    query = _cycle_query(shapes)
    if (CYCLE_RULE, None, None) not in shapes:
        return
    outcome.engines[CYCLE_RULE] = NETWORKX
    if query is None:
        return
    order: dict[Node, int] = {p: i for i, p in enumerate(upward_predicates(shapes))}
    lines = sorted(((r["s"], r["p"], r["o"]) for r in select(query)), key=lambda line: order[line[1]])
    severity = shapes.value(CYCLE_RULE, SH.severity) or SH.Violation
    messages = tuple(m for m in shapes.objects(CYCLE_RULE, SH.message) if isinstance(m, rdflib.Literal))
    for step in find_cycles(lines):  # type: ignore[arg-type]
        yield Result(step.node, CYCLE_RULE, CYCLE_COMPONENT, severity, step.predicate, step.successor, messages)


def _property_closure(shapes: rdflib.Graph, rule: Node) -> set[Node]:
    """The rule and the property shapes it holds, and those they hold (the sources of its results)."""
    found, stack = {rule}, [rule]
    while stack:
        for prop in shapes.objects(stack.pop(), SH.property):
            if prop not in found:
                found.add(prop)
                stack.append(prop)
    return found


def _copy_path(source: rdflib.Graph, path: Node | None, target: rdflib.Graph) -> None:
    """Copy a blank-node path structure into ``target`` (once)."""
    if not isinstance(path, rdflib.BNode) or (path, None, None) in target:
        return
    stack = [path]
    while stack:
        node = stack.pop()
        for triple in source.triples((node, None, None)):
            if triple not in target:
                target.add(triple)
                if isinstance(triple[2], rdflib.BNode):
                    stack.append(triple[2])
