"""Tools for the secretariats: a duty calendar, a responsibility (RACI) matrix, and spreadsheet authoring.

Plain functions over a store; the HTTP layer (``api.routers.secretariat``) and the command line
(``govkg.secretariat.cli``) are thin wrappers around them.
"""

from __future__ import annotations

from govkg.secretariat.calendar import duty_calendar
from govkg.secretariat.duties import Duty, duties
from govkg.secretariat.raci import Raci, RaciRow, raci

__all__ = ["Duty", "Raci", "RaciRow", "duties", "duty_calendar", "raci"]
