"""Tools for the secretariats: a duty calendar, a responsibility (RACI) matrix, and spreadsheet authoring.

Plain functions over a store; the HTTP layer (``api.routers.secretariat``) and the command line
(``govkg.secretariat.cli``) are thin wrappers around them.
"""

from __future__ import annotations

from govkg.secretariat.calendar import duty_calendar
from govkg.secretariat.duties import Duty, duties

__all__ = ["Duty", "duties", "duty_calendar"]
