"""The duty calendar: a secretariat subscribes to the duties and sees them recur as the agreements say."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from dateutil.rrule import rrulestr
from icalendar import Calendar, Event

from govkg.cli import main
from govkg.errors import NotFound
from govkg.secretariat import duty_calendar
from govkg.store import Store
from tests.live import LiveServer

START = date(2025, 1, 1)
ID = "https://w3id.org/govkg/id/"


def events(ics: bytes) -> dict[str, Event]:
    """The feed parsed back, its events by UID (parsing is the validation the issue asks for)."""
    calendar = Calendar.from_ical(ics)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def occurrences(event: Event, count: int) -> list[date]:
    """The first ``count`` days the event falls on, by its own DTSTART and RRULE."""
    start = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    return [d.date() for d in rule[:count]]


@pytest.fixture(scope="module")
def seed_feed(seed_store: Store) -> bytes:
    return duty_calendar(seed_store, start=START)


def test_the_weekly_exchange_recurs_every_week(seed_feed: bytes) -> None:
    weekly = events(seed_feed)["obl-kraeft-ugentlig-udveksling@govkg"]
    days = occurrences(weekly, 4)
    assert days == [START + timedelta(weeks=n) for n in range(4)]
    assert "gensidig og ugentlig udveksling" in str(weekly["DESCRIPTION"]), "the quote that says 'weekly' is shown"


def test_the_health_directors_report_status_once_a_quarter(seed_feed: bytes) -> None:
    quarterly = events(seed_feed)["obl-kraeft-kvartalsvis-status@govkg"]
    assert occurrences(quarterly, 4) == [date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1)]
    assert str(quarterly["SUMMARY"]) == "Quarterly status at the health directors' meetings"
    description = str(quarterly["DESCRIPTION"])
    assert "Der gøres status på sundhedsdirektørmøderne én gang i kvartalet." in description
    assert "001_46e8b5131ab1d425.txt" in description, "the document is named"
    attendees = {str(a): a.params for a in quarterly["ATTENDEE"]}
    assert attendees[ID + "sundhedsdirektoerkredsen"]["CN"] == "The circle of regional health directors"
    assert attendees[ID + "sundhedsdirektoerkredsen"]["ROLE"] == "REQ-PARTICIPANT"
    assert attendees[ID + "regionerne"]["ROLE"] == "OPT-PARTICIPANT"


def test_undated_agreements_are_said_to_be_undated_and_dated_ones_start_on_their_date(seed_feed: bytes) -> None:
    found = events(seed_feed)
    quarterly = found["obl-kraeft-kvartalsvis-status@govkg"]
    assert quarterly["X-GOVKG-UNDATED"] == "TRUE" and "undated" in str(quarterly["DESCRIPTION"])
    annual = found["obl-rhrs-aarlige-politiske-droeftelser@govkg"]
    assert "X-GOVKG-UNDATED" not in annual
    assert occurrences(annual, 2) == [date(2018, 8, 6), date(2019, 8, 6)], "the 2018 agreement's date, yearly"


def test_only_duties_with_a_rhythm_are_events_the_rest_are_listed(seed_feed: bytes) -> None:
    calendar = Calendar.from_ical(seed_feed)
    assert set(events(seed_feed)) == {
        "obl-kraeft-ugentlig-udveksling@govkg",
        "obl-kraeft-kvartalsvis-status@govkg",
        "obl-rhrs-aarlige-politiske-droeftelser@govkg",
    }
    listed = str(calendar["DESCRIPTION"])
    assert "Ongoing status on the agreement (Continuous)" in listed
    assert "Inform Danish Regions (As needed)" in listed
    assert "Quarterly status" not in listed


def test_a_party_sees_its_own_duties_in_danish(seed_store: Store) -> None:
    feed = duty_calendar(seed_store, party="sundhedsdirektoerkredsen", lang="da", start=START)
    found = events(feed)
    assert set(found) == {"obl-kraeft-kvartalsvis-status@govkg"}
    assert str(found["obl-kraeft-kvartalsvis-status@govkg"]["SUMMARY"]) == (
        "Status på sundhedsdirektørmøderne hvert kvartal"
    )
    assert "Løbende status på aftalen" in str(Calendar.from_ical(feed)["DESCRIPTION"])


def test_an_unknown_party_is_not_found(seed_store: Store) -> None:
    with pytest.raises(NotFound):
        duty_calendar(seed_store, party="no-such-body")


def test_the_command_writes_a_feed_file(tmp_path: Path) -> None:
    out = tmp_path / "duties.ics"
    result = CliRunner().invoke(
        main, ["calendar", "--party", "kliniske-afdelinger-kraeft", "--start", "2025-01-06", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    weekly = events(out.read_bytes())["obl-kraeft-ugentlig-udveksling@govkg"]
    assert occurrences(weekly, 2) == [date(2025, 1, 6), date(2025, 1, 13)]
    unknown = CliRunner().invoke(main, ["calendar", "--party", "no-such-body"])
    assert unknown.exit_code == 1 and "no entity 'no-such-body'" in unknown.output


@pytest.mark.server
def test_a_calendar_client_subscribes_over_http(server: LiveServer) -> None:
    response = httpx.get(
        f"{server.url}/api/obligations.ics", params={"party": "sundhedsdirektoerkredsen", "lang": "da"}, timeout=60
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    assert set(events(response.content)) == {"obl-kraeft-kvartalsvis-status@govkg"}
    missing = httpx.get(f"{server.url}/api/obligations.ics", params={"party": "no-such-body"}, timeout=60)
    assert missing.status_code == 404 and missing.json()["error"] == "NOT_FOUND"
