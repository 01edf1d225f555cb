"""The typed answer of a comparison: what changed between two states, in governance terms.

Every item names its things by label (in the language asked for) and carries the passages it
rests on in each state, so a reader can check a change against both texts.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from govkg.answers.models import Answer, Passage, Ref, Term


class StateInfo(Answer):
    """One side of the comparison: what was asked for and which graphs or files it read."""

    name: str
    label: str
    sources: list[str] = Field(description="Named graphs or files the state is made of")
    triples: int


class EntityChange(Answer):
    """An entity (body, organisation, post, person, agreement ...) that one state has and the other lacks."""

    entity: Ref
    types: list[Term]
    passages: list[Passage] = Field(description="Passages the entity rests on in the state that has it")


class LineChange(Answer):
    """A line between two entities (reports to, prepares cases for, membership, post in ...) added or removed."""

    source: Ref
    relation: Term
    target: Ref
    role: Ref | None = Field(None, description="For a membership: the role held in the organisation")
    passages: list[Passage] = Field(description="Passages the line rests on in the state that has it")


class AttributeChange(Answer):
    """A value of an entity both states have that differs: standing, mandate status, label, frequency, party."""

    entity: Ref
    attribute: Term
    before: list[str]
    after: list[str]
    passages_from: list[Passage] = Field(alias="passagesFrom")
    passages_to: list[Passage] = Field(alias="passagesTo")


class DutyChange(Answer):
    """An obligation one state has and the other lacks, with its party and action."""

    duty: Ref
    obliged_party: list[Ref] = Field(alias="obligedParty")
    action: str | None = None
    frequency: Term | None = None
    passages: list[Passage]


class EntityChanges(Answer):
    added: list[EntityChange]
    removed: list[EntityChange]


class LineChanges(Answer):
    added: list[LineChange]
    removed: list[LineChange]


class DutyChanges(Answer):
    added: list[DutyChange]
    removed: list[DutyChange]


class TripleCounts(Answer):
    """The raw triple difference underneath, for completeness."""

    added: int
    removed: int
    unchanged: int


class Comparison(Answer):
    """What changes from one state to the other."""

    from_: StateInfo = Field(alias="from")
    to: StateInfo
    lang: Literal["da", "en"]
    entities: EntityChanges
    lines: LineChanges
    changed: list[AttributeChange]
    duties: DutyChanges
    triples: TripleCounts

    @property
    def empty(self) -> bool:
        """True when the two states say the same thing."""
        return self.triples.added == 0 and self.triples.removed == 0
