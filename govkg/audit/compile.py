"""Shapes to SPARQL: each rule's constraints as SELECT queries that run where the data lives.

A rule is a shape with a target (``sh:targetClass`` following ``rdfs:subClassOf*``, ``sh:targetNode``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, or an implicit class target), with the property shapes
it holds through ``sh:property``. Each constraint becomes one query whose solutions are exactly its
validation results: ``?this`` the focus node, ``?value`` the value node where SHACL reports one (and
``?path`` for SHACL-SPARQL constraints). Counting constraints group by focus node and count distinct
value nodes (:mod:`.counting`); value constraints filter the values by the expressions of
:mod:`.conditions`; a
SHACL-SPARQL constraint runs with its focus nodes joined in at the top of its ``WHERE``, which is
what pre-binding ``$this`` means under the restrictions SHACL puts on those queries. A shape that
uses anything else is listed as a :class:`Fallback`, to be run by pyshacl on its own.

Deactivated shapes are skipped (govkg's whole-graph rules among them run in :mod:`.rules` and
:mod:`.cycles`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from govkg.audit.conditions import (
    CLASS_PATH,
    FOCUS_PARAMETERS,
    QUALIFIED,
    VALUE_PARAMETERS,
    Conditions,
    Unsupported,
    check_parameters,
    path_sparql,
    term,
)
from govkg.audit.counting import has_value, max_count, min_count, unique_lang

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
ValueOf = Literal["value", "focus", "none", "sparql"]
_FIRST_BRACE = re.compile(r"\bSELECT\b[^{]*\{", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Check:
    """One query for one constraint of one shape; each solution is a validation result."""

    shape: Node
    component: rdflib.URIRef
    path: Node | None  # the shape's sh:path, in the shapes graph
    query: str
    value_of: ValueOf  # where sh:value comes from: ?value, the focus node, nowhere, or SHACL-SPARQL rules
    messages: tuple[rdflib.Literal, ...] = ()  # a SHACL-SPARQL constraint's own messages
    rule: Node | None = None  # the rule (shape with targets) it belongs to, when not ``shape`` itself


@dataclass(frozen=True)
class Fallback:
    """A rule the translation does not cover, and why."""

    shape: Node
    reason: str


@dataclass
class Plan:
    """The queries for every translated rule, and the rules left to pyshacl."""

    checks: list[Check] = field(default_factory=list)
    fallbacks: list[Fallback] = field(default_factory=list)

    def translated(self) -> list[Node]:
        """The rules that run as SPARQL, in a stable order."""
        fallen = {fallback.shape for fallback in self.fallbacks}
        return sorted({check.rule or check.shape for check in self.checks} - fallen, key=str)


def rule_shapes(shapes: rdflib.Graph) -> list[Node]:
    """The shapes that have targets and are not deactivated, in a stable order."""
    found = {shape for predicate in TARGETS for shape in shapes.subjects(predicate, None)}
    for kind in (SH.NodeShape, SH.PropertyShape):
        for shape in shapes.subjects(RDF.type, kind):
            if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
                found.add(shape)
    return sorted((s for s in found if (s, SH.deactivated, rdflib.Literal(True)) not in shapes), key=str)


def compile_shapes(shapes: rdflib.Graph) -> Plan:
    """The plan for every rule of a shapes graph."""
    plan = Plan()
    for shape in rule_shapes(shapes):
        try:
            plan.checks.extend(Compiler(shapes).rule(shape))
        except Unsupported as exc:
            plan.fallbacks.append(Fallback(shape, str(exc)))
    return plan


def targets(shapes: rdflib.Graph, shape: Node) -> list[str]:
    """The graph patterns that bind ``?this`` to the shape's own targets."""
    patterns = [f"?this {CLASS_PATH} {term(c)} ." for c in shapes.objects(shape, SH.targetClass)]
    if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
        patterns.append(f"?this {CLASS_PATH} {term(shape)} .")
    patterns += [f"VALUES ?this {{ {term(n)} }}" for n in shapes.objects(shape, SH.targetNode)]
    for predicate, template in ((SH.targetSubjectsOf, "?this {} [] ."), (SH.targetObjectsOf, "[] {} ?this .")):
        listed = sorted(term(p) for p in shapes.objects(shape, predicate))
        if len(listed) == 1:
            patterns.append(template.format(listed[0]))
        elif listed:  # one scan per predicate, without a UNION branch each
            patterns.append(f"VALUES ?_target {{ {' '.join(listed)} }} " + template.format("?_target"))
    return sorted(patterns)


def focus_block(patterns: list[str]) -> str:
    """A sub-select of the distinct focus nodes of these target patterns."""
    union = " UNION ".join(f"{{ {p} }}" for p in patterns)
    return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


class Compiler:
    """Compiles one rule (and the property shapes it holds) into checks."""

    def __init__(self, shapes: rdflib.Graph) -> None:
        self.shapes = shapes
        self.conditions = Conditions(shapes)

    def rule(self, shape: Node) -> list[Check]:
        """The checks of one rule.

        Raises:
            Unsupported: some part of the rule is not translated.
        """
        g, patterns = self.shapes, targets(self.shapes, shape)
        if g.value(shape, SH.path) is not None:
            return list(self.property_shape(shape, patterns))
        checks = list(self.node_shape(shape, focus_block(patterns)))
        for prop in sorted(g.objects(shape, SH.property), key=str):
            if (prop, SH.deactivated, rdflib.Literal(True)) not in g:
                nested = self.property_shape(prop, patterns + targets(g, prop))
                checks.extend(replace(check, rule=shape) for check in nested)
        return checks

    def node_shape(self, shape: Node, focus: str) -> Iterator[Check]:
        g = self.shapes
        check_parameters(g, shape, VALUE_PARAMETERS | {SH.property, SH.hasValue})
        for component, expr in self.conditions.value_checks(shape, "?this"):
            query = f"SELECT ?this WHERE {{ {focus} FILTER (!COALESCE({expr}, false)) }}"
            yield Check(shape, component, None, query, "focus")
        for value in g.objects(shape, SH.hasValue):
            query = f"SELECT ?this WHERE {{ {focus} FILTER (!sameTerm(?this, {term(value)})) }}"
            yield Check(shape, SH.HasValueConstraintComponent, None, query, "none")
        yield from self.sparql_checks(shape, focus, None)

    def property_shape(self, shape: Node, patterns: list[str]) -> Iterator[Check]:
        g = self.shapes
        check_parameters(g, shape, VALUE_PARAMETERS | FOCUS_PARAMETERS - {SH.property} | QUALIFIED)
        path_node = g.value(shape, SH.path)
        assert path_node is not None
        path, focus = path_sparql(g, path_node), focus_block(patterns)

        def check(component: rdflib.URIRef, query: str, value_of: ValueOf = "none") -> Check:
            return Check(shape, component, path_node, query, value_of)

        for count in g.objects(shape, SH.minCount):
            n = int(count)  # type: ignore[call-overload]
            if n > 0:
                yield check(SH.MinCountConstraintComponent, min_count(g, path_node, focus, n))
        for count in g.objects(shape, SH.maxCount):
            n = int(count)  # type: ignore[call-overload]
            yield check(SH.MaxCountConstraintComponent, max_count(g, path_node, focus, n))
        for value in g.objects(shape, SH.hasValue):
            yield check(SH.HasValueConstraintComponent, has_value(g, path_node, focus, term(value)))
        if (shape, SH.uniqueLang, rdflib.Literal(True)) in g:
            yield check(SH.UniqueLangConstraintComponent, unique_lang(g, path_node, focus))
        for component, expr in self.conditions.value_checks(shape, "?value"):
            query = f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value "
            yield check(component, query + f"FILTER (!COALESCE({expr}, false)) }}", "value")
        yield from self.qualified(shape, path, focus, check)
        yield from self.sparql_checks(shape, focus, path)

    def qualified(self, shape: Node, path: str, focus: str, check: Callable[..., Check]) -> Iterator[Check]:
        g = self.shapes
        qualified = g.value(shape, SH.qualifiedValueShape)
        if qualified is None:
            return
        condition = self.conditions.conforms(qualified, "?value")
        if (shape, SH.qualifiedValueShapesDisjoint, rdflib.Literal(True)) in g:
            for parent in g.subjects(SH.property, shape):
                for sibling in g.objects(parent, SH.property):
                    other = g.value(sibling, SH.qualifiedValueShape)
                    if sibling != shape and other is not None:
                        condition += f" && !{self.conditions.conforms(other, '?value')}"
        counted = f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?value "
        counted += f"FILTER (COALESCE({condition}, false)) }} }} "
        for predicate, op, component in (
            (SH.qualifiedMinCount, "<", SH.QualifiedMinCountConstraintComponent),
            (SH.qualifiedMaxCount, ">", SH.QualifiedMaxCountConstraintComponent),
        ):
            for count in g.objects(shape, predicate):
                yield check(component, counted + f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) {op} {count})")

    def sparql_checks(self, shape: Node, focus: str, path: str | None) -> Iterator[Check]:
        """SHACL-SPARQL constraints (``sh:sparql [ sh:select … ]``) with ``$this`` pre-bound by a join."""
        g = self.shapes
        for constraint in g.objects(shape, SH.sparql):
            if (constraint, SH.deactivated, rdflib.Literal(True)) in g:
                continue
            select = g.value(constraint, SH.select)
            if select is None:
                raise Unsupported("a SPARQL constraint without sh:select")
            text = str(select)
            if re.search(r"[?$]shapesGraph\b", text) or (path is None and re.search(r"\$PATH\b", text)):
                raise Unsupported("a SPARQL constraint that needs $shapesGraph or $PATH")
            text = re.sub(r"[?$]currentShape\b", term(shape), text)
            if path is not None:
                text = re.sub(r"\$PATH\b", path, text)
            match = _FIRST_BRACE.search(text)
            if match is None:
                raise Unsupported("a SPARQL constraint whose SELECT has no WHERE")
            text = text[: match.end()] + f" {focus} " + text[match.end() :]
            messages = tuple(m for m in g.objects(constraint, SH.message) if isinstance(m, rdflib.Literal))
            yield Check(
                shape,
                SH.SPARQLConstraintComponent,
                g.value(shape, SH.path),
                prologue(g, constraint) + text,
                "sparql",
                messages,
            )


def prologue(shapes: rdflib.Graph, constraint: Node) -> str:
    """The PREFIX lines a SHACL-SPARQL constraint declares through ``sh:prefixes``."""
    declared = {
        (str(shapes.value(d, SH.prefix)), str(shapes.value(d, SH.namespace)))
        for ontology in shapes.objects(constraint, SH.prefixes)
        for d in shapes.objects(ontology, SH.declare)
    }
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(declared))
