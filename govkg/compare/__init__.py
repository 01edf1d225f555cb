"""Comparing two states of the governance in governance terms: entities, lines, attributes, duties.

A state is a scenario, a named graph, a folder of Turtle files or the data folder at a git
revision (:mod:`.resolve`); :func:`compare_states` gives a :class:`Comparison` (:mod:`.models`)
that :mod:`.render` writes as text, Markdown or JSON. Nothing here knows HTTP.
"""

from govkg.compare.diff import compare_states
from govkg.compare.models import Comparison
from govkg.compare.render import render
from govkg.compare.resolve import Scenario, resolve_state, scenarios, vocabulary
from govkg.compare.state import State, folder_state, git_state

__all__ = [
    "Comparison",
    "Scenario",
    "State",
    "compare_states",
    "folder_state",
    "git_state",
    "render",
    "resolve_state",
    "scenarios",
    "vocabulary",
]
