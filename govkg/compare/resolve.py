"""Turning what a user names as a state into a :class:`State`: a scenario, a named graph, files, a revision.

- ``SLUG`` of a scenario (a named graph typed ``gov:Scenario``): that graph plus every data graph that
  is not a scenario, so two scenarios of one document differ by what their own graphs say;
- a named graph, by IRI or by the part after ``…/id/graph/``: that graph alone;
- ``FOLDER@REV``: the Turtle files under a folder at a git revision (``data@HEAD~1``), read with
  ``git show``; ``@REV`` alone means the data folder;
- a folder or file on disk (command line only): its Turtle files as they are now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from govkg.compare.diff import participants
from govkg.compare.state import State, folder_state, git_state
from govkg.errors import InvalidParameter, NotFound
from govkg.namespaces import GOV, SKOS
from govkg.store import Store

SCENARIO = str(GOV.Scenario)
SCENARIO_OF = str(GOV.scenarioOf)
SCENARIO_KIND = str(GOV.scenarioKind)
STANDING = str(GOV.standing)
EXISTING = frozenset({str(GOV.Established), str(GOV.UnderRevision)})
# A git revision as a user types one (HEAD~1, main, v1.0, a hash); never an option such as --output.
_REVISION = re.compile(r"^[A-Za-z0-9_.~^/{}:@+][A-Za-z0-9_.~^/{}:@+-]*$")


@dataclass(frozen=True)
class Scenario:
    """A named graph that is one state of an organisation, as a document describes it."""

    graph: str
    slug: str
    labels: dict[str, str]
    document: str | None
    kind: str | None


def scenarios(store: Store, base_iri: str) -> list[Scenario]:
    """The scenarios in the store, by graph name."""
    query = f"""
        SELECT ?g ?label ?doc ?kind WHERE {{
          GRAPH ?g {{ ?g a <{SCENARIO}> }}
          OPTIONAL {{ ?g <{SKOS.prefLabel}> ?label }}
          OPTIONAL {{ ?g <{SCENARIO_OF}> ?doc }}
          OPTIONAL {{ ?g <{SCENARIO_KIND}> ?kind }}
        }}"""
    found: dict[str, Scenario] = {}
    for row in store.query(query).records():
        graph = _value(row["g"])
        if graph is None:
            continue
        scenario = found.setdefault(
            graph, Scenario(graph, _graph_slug(graph, base_iri), {}, _value(row.get("doc")), _value(row.get("kind")))
        )
        label = row.get("label")
        if isinstance(label, ox.Literal) and label.language:
            scenario.labels.setdefault(label.language, label.value)
    return sorted(found.values(), key=lambda s: s.slug)


def resolve_state(store: Store, spec: str, base_iri: str, data_dir: Path, files: bool = False) -> State:
    """The state a user names (see the module docstring); ``files`` allows folders on disk.

    Raises:
        NotFound: no scenario, graph, folder or revision by that name.
        InvalidParameter: the name cannot be a state (an empty name, or a revision that looks like an option).
    """
    spec = spec.strip()
    if not spec:
        raise InvalidParameter("state", "name a state: a scenario slug, a graph, or FOLDER@REVISION")
    if "@" in spec and not spec.startswith(("http://", "https://")):
        folder, revision = spec.rsplit("@", 1)
        if not _REVISION.match(revision):
            raise InvalidParameter("state", f"{revision!r} is not a git revision")
        if folder and not files and Path(folder).name != data_dir.name:
            raise NotFound(f"only the data folder can be read at a revision here ({data_dir.name}@REV)")
        path = Path(folder) if folder and files else data_dir
        return git_state(path, revision, name=spec)
    for scenario in scenarios(store, base_iri):
        if spec in (scenario.slug, scenario.graph):
            return _scenario_state(store, scenario)
    graph = spec if spec.startswith(("http://", "https://")) else f"{base_iri}graph/{spec}"
    if graph in store.catalog:
        return State.of(graph, store.get_graph(graph), [graph])
    if files and Path(spec).exists():
        return folder_state(Path(spec))
    known = ", ".join(s.slug for s in scenarios(store, base_iri)) or "none loaded"
    raise NotFound(f"no scenario or graph {spec!r} (scenarios: {known})")


def vocabulary(store: Store) -> State:
    """The ontology graphs, for naming properties and classes."""
    names = [name for name, info in store.catalog.items() if info.kind == "ontology"]
    return State.of("ontology", [t for name in names for t in store.get_graph(name)], names)


def _scenario_state(store: Store, scenario: Scenario) -> State:
    """The scenario's graph and every data graph that is no scenario; what only a sibling involves is elsewhere.

    Siblings are the other scenarios of the same document: a body that only the proposal's graph
    gives a line, a seat or a duty takes no part in the current state, even though the document's
    graph describes it, and a body only the current state involves has no place in the proposal.
    In an as-is scenario, what exists today by its standing (established, under revision) is
    present whatever its graph mentions.
    """
    every = scenarios(store, "")
    names = [scenario.graph] + sorted(
        name for name, info in store.catalog.items() if info.kind == "data" and name not in {s.graph for s in every}
    )
    own = store.get_graph(scenario.graph)
    siblings = [s.graph for s in every if s.document == scenario.document and s.graph != scenario.graph]
    elsewhere = {n for graph in siblings for n in participants(store.get_graph(graph))} - participants(own)
    triples = own + [t for name in names[1:] for t in store.get_graph(name)]
    if scenario.kind == str(GOV.AsIsScenario):
        elsewhere -= {t.subject for t in triples if t.predicate.value == STANDING and str(t.object)[1:-1] in EXISTING}
    return State.of(scenario.graph, triples, names, elsewhere)


def _graph_slug(graph: str, base_iri: str) -> str:
    prefix = f"{base_iri}graph/"
    return graph[len(prefix) :] if graph.startswith(prefix) else graph


def _value(term: object) -> str | None:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else None
