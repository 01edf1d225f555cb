"""SHACL Core constraints as SPARQL: property paths, terms and "this node conforms" expressions.

:class:`Conditions` turns a shape into a SPARQL expression that is true exactly when a node (a
variable) conforms to it: value constraints become plain expressions (``sameTerm``, ``REGEX``,
``langMatches`` …), ``sh:class`` an ``EXISTS`` over ``rdf:type/rdfs:subClassOf*``, and nested shapes
(``sh:node``, ``sh:or``, ``sh:and``, ``sh:not``, ``sh:xone``, ``sh:property``) the same recursively.
Whatever it cannot express raises :class:`Unsupported`, and the rule runs in pyshacl instead.
Expressions are wrapped in ``COALESCE(…, false)`` where they are used, so a type error counts as
"does not conform", as SHACL wants (e.g. ``sh:minInclusive`` on an incomparable value).
"""

from __future__ import annotations

from collections.abc import Iterator

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

CLASS_PATH = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
CASTABLE = {XSD[name] for name in ("integer", "decimal", "double", "float", "boolean", "dateTime", "date", "time")}
RANGES = {
    SH.minInclusive: (">=", SH.MinInclusiveConstraintComponent),
    SH.maxInclusive: ("<=", SH.MaxInclusiveConstraintComponent),
    SH.minExclusive: (">", SH.MinExclusiveConstraintComponent),
    SH.maxExclusive: ("<", SH.MaxExclusiveConstraintComponent),
}
# Parameters this module (or compile.py, at the top of a rule) understands; any other sh: parameter
# on a shape makes the shape unsupported rather than silently ignored.
VALUE_PARAMETERS = frozenset(
    {SH["class"], SH.datatype, SH.nodeKind, SH["in"], SH.pattern, SH.flags, SH.languageIn, SH.minLength}
    | {SH.maxLength, SH.node, SH["or"], SH["and"], SH["not"], SH.xone, *RANGES}
)
FOCUS_PARAMETERS = frozenset({SH.minCount, SH.maxCount, SH.hasValue, SH.uniqueLang, SH.property})
QUALIFIED = frozenset({SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount})
DESCRIPTIVE = frozenset(
    {SH.path, SH.name, SH.description, SH.message, SH.severity, SH.deactivated, SH.order, SH.group}
    | {SH.defaultValue, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf}
    | {SH.qualifiedValueShapesDisjoint, SH.declare, SH.prefixes, SH.sparql}
)
MAX_NESTED_COUNT = 3


class Unsupported(Exception):
    """A shape uses something this translation does not cover (the reason is the message)."""


def term(node: Node) -> str:
    """An IRI or literal as SPARQL text.

    Raises:
        Unsupported: a blank node (it has no name a query could use).
    """
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if isinstance(node, rdflib.Literal):
        text = str(node).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if node.language:
            return f'"{text}"@{node.language}'
        if node.datatype is not None and node.datatype != XSD.string:
            return f'"{text}"^^<{node.datatype}>'
        return f'"{text}"'
    raise Unsupported(f"a blank node as a constant: {node!r}")


def path_sparql(graph: rdflib.Graph, path: Node) -> str:
    """A SHACL property path as a SPARQL property path.

    Raises:
        Unsupported: not a well-formed SHACL path.
    """
    if isinstance(path, rdflib.URIRef):
        return f"<{path}>"
    if graph.value(path, RDF.first) is not None:
        steps = [path_sparql(graph, step) for step in Collection(graph, path)]
        return "(" + "/".join(steps) + ")" if len(steps) > 1 else steps[0]
    for predicate, template in (
        (SH.inversePath, "^({})"),
        (SH.zeroOrMorePath, "({})*"),
        (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return template.format(path_sparql(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(path_sparql(graph, a) for a in Collection(graph, alternatives)) + ")"
    raise Unsupported(f"not a SHACL path: {path!r}")


def items(graph: rdflib.Graph, node: Node) -> list[Node]:
    """The members of an RDF list."""
    return list(Collection(graph, node))


def check_parameters(graph: rdflib.Graph, shape: Node, allowed: frozenset[rdflib.URIRef]) -> None:
    """Raise :class:`Unsupported` for any sh: parameter of ``shape`` outside ``allowed``."""
    for predicate in set(graph.predicates(shape)):
        if str(predicate).startswith(str(SH)) and predicate not in allowed | DESCRIPTIVE:
            raise Unsupported(f"{predicate} is not translated")


class Conditions:
    """Builds conformance expressions over one shapes graph, with fresh variable names."""

    def __init__(self, shapes: rdflib.Graph) -> None:
        self.shapes = shapes
        self._count = 0
        self._active: set[Node] = set()

    def fresh(self) -> str:
        self._count += 1
        return f"?_v{self._count}"

    def value_checks(self, shape: Node, v: str) -> Iterator[tuple[rdflib.URIRef, str]]:
        """Each value constraint of ``shape`` on the node ``v``: (constraint component, conforms expression)."""
        g = self.shapes
        for cls in g.objects(shape, SH["class"]):
            yield SH.ClassConstraintComponent, f"EXISTS {{ {v} {CLASS_PATH} {term(cls)} }}"
        for datatype in g.objects(shape, SH.datatype):
            check = f"isLiteral({v}) && sameTerm(DATATYPE({v}), {term(datatype)})"
            if datatype in CASTABLE:
                check += f" && isLiteral({term(datatype)}(STR({v})))"
            yield SH.DatatypeConstraintComponent, f"({check})"
        for kind in g.objects(shape, SH.nodeKind):
            if not isinstance(kind, rdflib.URIRef) or kind not in NODE_KINDS:
                raise Unsupported(f"unknown sh:nodeKind {kind}")
            yield SH.NodeKindConstraintComponent, NODE_KINDS[kind].format(v=v)
        for members in g.objects(shape, SH["in"]):
            listed = [f"sameTerm({v}, {term(m)})" for m in items(g, members)]
            yield SH.InConstraintComponent, "(" + (" || ".join(listed) or "false") + ")"
        for pattern in g.objects(shape, SH.pattern):
            flags = g.value(shape, SH.flags)
            regex = f"REGEX(STR({v}), {term(rdflib.Literal(str(pattern)))}"
            regex += f", {term(rdflib.Literal(str(flags)))})" if flags is not None else ")"
            yield SH.PatternConstraintComponent, f"(!isBlank({v}) && {regex})"
        for languages in g.objects(shape, SH.languageIn):
            tags = [f"langMatches(LANG({v}), {term(rdflib.Literal(str(t)))})" for t in items(g, languages)]
            yield SH.LanguageInConstraintComponent, f"(isLiteral({v}) && (" + (" || ".join(tags) or "false") + "))"
        for predicate, op, component in (
            (SH.minLength, ">=", SH.MinLengthConstraintComponent),
            (SH.maxLength, "<=", SH.MaxLengthConstraintComponent),
        ):
            for length in g.objects(shape, predicate):
                yield component, f"(!isBlank({v}) && STRLEN(STR({v})) {op} {term(length)})"
        for predicate, (op, component) in RANGES.items():
            for bound in g.objects(shape, predicate):
                yield component, f"({v} {op} {term(bound)})"
        yield from self.logical_checks(shape, v)

    def logical_checks(self, shape: Node, v: str) -> Iterator[tuple[rdflib.URIRef, str]]:
        """``sh:node``, ``sh:not``, ``sh:and``, ``sh:or``, ``sh:xone`` on the node ``v``."""
        g = self.shapes
        for node in g.objects(shape, SH.node):
            yield SH.NodeConstraintComponent, self.conforms(node, v)
        for node in g.objects(shape, SH["not"]):
            yield SH.NotConstraintComponent, f"!{self.conforms(node, v)}"
        for members in g.objects(shape, SH["and"]):
            yield SH.AndConstraintComponent, self._join(items(g, members), v, " && ", "true")
        for members in g.objects(shape, SH["or"]):
            yield SH.OrConstraintComponent, self._join(items(g, members), v, " || ", "false")
        for members in g.objects(shape, SH.xone):
            ones = [f"IF({self.conforms(m, v)}, 1, 0)" for m in items(g, members)]
            yield SH.XoneConstraintComponent, "((" + (" + ".join(ones) or "0") + ") = 1)"

    def _join(self, shapes: list[Node], v: str, op: str, empty: str) -> str:
        return "(" + (op.join(self.conforms(s, v) for s in shapes) or empty) + ")"

    def conforms(self, shape: Node, v: str) -> str:
        """An expression true exactly when the node ``v`` conforms to ``shape`` (errors count as false).

        Raises:
            Unsupported: the shape (or one it refers to) is recursive or uses an untranslated feature.
        """
        g = self.shapes
        if (shape, SH.deactivated, rdflib.Literal(True)) in g:
            return "true"
        if shape in self._active:
            raise Unsupported("a recursive shape")
        self._active.add(shape)
        try:
            path = g.value(shape, SH.path)
            if path is not None:
                check_parameters(g, shape, VALUE_PARAMETERS | FOCUS_PARAMETERS - {SH.property})
                parts = list(self._property_checks(shape, path_sparql(g, path), v))
            else:
                check_parameters(g, shape, VALUE_PARAMETERS | {SH.property, SH.hasValue})
                parts = [expr for _component, expr in self.value_checks(shape, v)]
                parts += [f"sameTerm({v}, {term(value)})" for value in g.objects(shape, SH.hasValue)]
                parts += [self.conforms(prop, v) for prop in g.objects(shape, SH.property)]
            return "(" + (" && ".join(f"COALESCE({p}, false)" for p in parts) or "true") + ")"
        finally:
            self._active.discard(shape)

    def _property_checks(self, shape: Node, path: str, v: str) -> Iterator[str]:
        g = self.shapes
        for count in g.objects(shape, SH.minCount):
            yield self._distinct_values(path, v, _int(count), exists=True)
        for count in g.objects(shape, SH.maxCount):
            yield self._distinct_values(path, v, _int(count) + 1, exists=False)
        for value in g.objects(shape, SH.hasValue):
            yield f"EXISTS {{ {v} {path} {term(value)} }}"
        if (shape, SH.uniqueLang, rdflib.Literal(True)) in g:
            a, b = self.fresh(), self.fresh()
            same = f"!sameTerm({a}, {b}) && LANG({a}) != '' && LCASE(LANG({a})) = LCASE(LANG({b}))"
            yield f"NOT EXISTS {{ {v} {path} {a} . {v} {path} {b} FILTER ({same}) }}"
        each = self.fresh()
        checks = [expr for _component, expr in self.value_checks(shape, each)]
        if checks:
            failing = " || ".join(f"!COALESCE({c}, false)" for c in checks)
            yield f"NOT EXISTS {{ {v} {path} {each} FILTER ({failing}) }}"

    def _distinct_values(self, path: str, v: str, n: int, *, exists: bool) -> str:
        """``EXISTS`` (or ``NOT EXISTS``) ``n`` pairwise different values of ``path`` from ``v``."""
        if n <= 0:
            return "true" if exists else "false"
        if n > MAX_NESTED_COUNT:
            raise Unsupported(f"a nested count of {n}")
        names = [self.fresh() for _ in range(n)]
        pattern = " . ".join(f"{v} {path} {name}" for name in names)
        apart = [f"!sameTerm({a}, {b})" for i, a in enumerate(names) for b in names[i + 1 :]]
        if apart:
            pattern += " FILTER (" + " && ".join(apart) + ")"
        return f"{'' if exists else 'NOT '}EXISTS {{ {pattern} }}"


def _int(node: Node) -> int:
    if not isinstance(node, rdflib.Literal) or not isinstance(node.toPython(), int):
        raise Unsupported(f"not an integer: {node!r}")
    return int(node.toPython())
