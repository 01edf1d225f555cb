"""The duty calendar: one recurring iCalendar event per duty whose frequency is known.

Frequencies map to RRULEs: ``gov:Weekly`` weekly, ``gov:Monthly`` monthly, ``gov:Quarterly`` every three
months, ``gov:Annual`` yearly. Events are all-day and transparent (a duty does not block time). A
series starts on the date of the agreement that states the duty (its first day for a month or a year);
when the agreement is undated it starts on ``start`` (by default 1 January of this year), and the event
says so and carries ``X-GOVKG-UNDATED:TRUE``. Duties with no frequency or one that is no rhythm
(``gov:Continuous``, ``gov:AsNeeded``) are not events: the feed's description lists them. No HTTP here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar, Event, vCalAddress, vText

from govkg.answers.models import Lang, Ref
from govkg.answers.vocab import local_name
from govkg.namespaces import ID
from govkg.secretariat.duties import Duty, duties
from govkg.store import Store

RRULES: dict[str, dict[str, object]] = {
    "Weekly": {"freq": "weekly"},
    "Monthly": {"freq": "monthly"},
    "Quarterly": {"freq": "monthly", "interval": 3},
    "Annual": {"freq": "yearly"},
}
WORDS = {
    "da": {
        "name": "Forpligtelser",
        "for": "for",
        "undated": "Aftalen er udateret: serien begynder {start} efter konvention, ikke efter teksten.",
        "unscheduled": "Forpligtelser uden fast rytme (ikke i kalenderen):",
        "none": "ingen hyppighed angivet",
        "agreement": "Aftale",
        "obliged": "Forpligtet",
        "counterparty": "Over for",
        "source": "Kilde",
    },
    "en": {
        "name": "Duties",
        "for": "for",
        "undated": "The agreement is undated: the series starts on {start} by convention, not by the text.",
        "unscheduled": "Duties with no fixed rhythm (not in the calendar):",
        "none": "no frequency given",
        "agreement": "Agreement",
        "obliged": "Obliged",
        "counterparty": "Towards",
        "source": "Source",
    },
}


def rrule(duty: Duty) -> dict[str, object] | None:
    """The recurrence of a duty, or None when its frequency is unknown or no rhythm."""
    frequency = duty.obligation.frequency
    return RRULES.get(local_name(frequency.iri)) if frequency else None


def duty_calendar(
    store: Store, party: str | None = None, lang: Lang = "en", start: date | None = None, base: str = str(ID)
) -> bytes:
    """The duties as an iCalendar feed (RFC 5545), optionally only those a party takes part in.

    Args:
        store: the dataset.
        party: slug of an entity; keeps the duties where it is obliged party or counterparty.
        lang: language of summaries and descriptions.
        start: where the series of a duty from an undated agreement starts (default: 1 January this year).
        base: the namespace of our entity IRIs.

    Raises:
        NotFound: ``party`` is not an entity of the dataset.
    """
    w = WORDS[lang]
    found = duties(store, party=party, lang=lang, base=base)
    first = start or date(datetime.now(UTC).year, 1, 1)
    stamp = store.version.modified.astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//govkg//duty calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = f"{w['name']} {w['for']} {party}" if party else w["name"]
    calendar.add("name", name)
    calendar.add("x-wr-calname", vText(name))
    unscheduled = [d for d in found if rrule(d) is None]
    summary = "\n".join(
        [w["unscheduled"]]
        + [
            f"- {d.obligation.label} ({d.obligation.frequency.label if d.obligation.frequency else w['none']})"
            for d in unscheduled
        ]
    )
    calendar.add("description", summary)
    calendar.add("x-wr-caldesc", vText(summary))
    for duty in found:
        recurrence = rrule(duty)
        if recurrence is not None:
            calendar.add_component(_event(duty, recurrence, first, stamp, lang))
    ical: bytes = calendar.to_ical()
    return ical


def _event(duty: Duty, recurrence: dict[str, object], start: date, stamp: datetime, lang: Lang) -> Event:
    w = WORDS[lang]
    obligation = duty.obligation
    event = Event()
    event.add("uid", f"{obligation.slug or obligation.iri}@govkg")
    event.add("dtstamp", stamp)
    event.add("dtstart", duty.agreement_date or start)
    event.add("rrule", recurrence)
    event.add("summary", obligation.label)
    event.add("transp", "TRANSPARENT")
    event.add("url", obligation.iri)
    lines = [obligation.action or obligation.label]
    if duty.agreement_date is None:
        lines.append(w["undated"].format(start=start.isoformat()))
    if obligation.agreement:
        lines.append(f"{w['agreement']}: {obligation.agreement.label}")
    lines.append(f"{w['obliged']}: {', '.join(r.label for r in obligation.obliged_parties)}")
    if obligation.counterparties:
        lines.append(f"{w['counterparty']}: {', '.join(r.label for r in obligation.counterparties)}")
    for passage in obligation.passages:
        document = passage.document
        where = (document.title or document.identifier or document.iri) if document else ""
        identifier = f" ({document.identifier})" if document and document.identifier else ""
        lines.append(f"{w['source']}: “{passage.quote}” — {where}{identifier}")
    event.add("description", "\n".join(lines))
    if duty.agreement_date is None:
        event.add("x-govkg-undated", "TRUE")
    seen: set[str] = set()
    for role, refs in (("REQ-PARTICIPANT", obligation.obliged_parties), ("OPT-PARTICIPANT", obligation.counterparties)):
        for ref in refs:
            if ref.iri not in seen:
                seen.add(ref.iri)
                event.add("attendee", _attendee(ref, role), encode=False)
    return event


def _attendee(ref: Ref, role: str) -> vCalAddress:
    """A party as an attendee: its IRI as the address (a URI, as RFC 5545 asks), its name as CN."""
    address = vCalAddress(ref.iri)
    address.params["cn"] = ref.label
    address.params["role"] = role
    address.params["cutype"] = "GROUP"
    return address
