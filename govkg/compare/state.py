"""A state of the governance: a set of triples with an index by subject, from a store or from files.

A state is what one side of a comparison holds: a scenario (its graph plus everything that is not
a scenario), a named graph, a folder of Turtle files, or the ``data/`` folder at a git revision.
Building one reads triples only; it never changes a store or a working tree.
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from govkg.errors import LoadError, NotFound
from govkg.loading import parse_turtle

Node = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class State:
    """The triples of one state, and who they are about (each subject's triples, for cheap lookups).

    ``elsewhere`` holds things the state's triples describe but that belong to another state only:
    a document's shared graph describes every body it names, while each scenario graph says which
    of them take part in that state. Such things do not count as present in this state.
    """

    name: str
    triples: frozenset[ox.Triple]
    graphs: tuple[str, ...] = ()
    by_subject: dict[Node, list[ox.Triple]] = field(default_factory=dict, compare=False, repr=False)
    elsewhere: frozenset[Node] = frozenset()

    @classmethod
    def of(
        cls, name: str, triples: Iterable[ox.Triple], graphs: Iterable[str] = (), elsewhere: Iterable[Node] = ()
    ) -> State:
        """A state of these triples, grouped by subject."""
        frozen = frozenset(triples)
        by_subject: dict[Node, list[ox.Triple]] = defaultdict(list)
        for triple in frozen:
            by_subject[triple.subject].append(triple)
        return cls(name, frozen, tuple(graphs), dict(by_subject), frozenset(elsewhere))

    def values(self, subject: Node, predicate: str) -> set[Node]:
        """The objects of ``subject predicate ?``."""
        return {t.object for t in self.by_subject.get(subject, ()) if t.predicate.value == predicate}

    def statements(self, subject: Node) -> list[tuple[str, Node]]:
        """Every (predicate IRI, object) said of ``subject``."""
        return [(t.predicate.value, t.object) for t in self.by_subject.get(subject, ())]


def folder_state(path: Path, name: str | None = None) -> State:
    """The Turtle files under a folder (searched recursively), or one file, as one state.

    Raises:
        NotFound: no such file or folder.
        LoadError: a file is not valid Turtle.
    """
    if not path.exists():
        raise NotFound(f"no such file or folder: {path}")
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*.ttl") if p.is_file())
    triples: list[ox.Triple] = []
    for file in files:
        triples.extend(parse_turtle(file))
    return State.of(name or str(path), triples, [str(f) for f in files])


def git_state(folder: Path, revision: str, name: str | None = None) -> State:
    """The Turtle files under ``folder`` as they were at a git revision, read with ``git show``.

    Nothing is checked out: the working tree stays as it is.

    Raises:
        NotFound: the folder is not in a git repository, or the revision is unknown there.
        LoadError: a file at that revision is not valid Turtle.
    """
    folder = folder.resolve()
    top = _git(folder if folder.is_dir() else folder.parent, "rev-parse", "--show-toplevel").strip()
    relative = folder.relative_to(top).as_posix() if folder != Path(top) else "."
    listing = _git(Path(top), "ls-tree", "-r", "--name-only", revision, "--", relative)
    triples: list[ox.Triple] = []
    files = [line for line in listing.splitlines() if line.endswith(".ttl")]
    for file in files:
        text = _git(Path(top), "show", f"{revision}:{file}")
        try:
            quads = ox.parse(text, format=ox.RdfFormat.TURTLE, base_iri=(Path(top) / file).as_uri())
            triples.extend(quad.triple for quad in quads)
        except SyntaxError as exc:
            raise LoadError(f"{revision}:{file}", exc.msg, exc.lineno, exc.offset) from None
    return State.of(name or f"{relative}@{revision}", triples, [f"{revision}:{f}" for f in files])


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        raise NotFound("git is not installed, so revisions cannot be read") from None
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.strip().splitlines()[-1] if exc.stderr.strip() else "git failed"
        raise NotFound(f"cannot read git revision: {message}") from None
    return done.stdout
