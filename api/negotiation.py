"""HTTP content negotiation: pick the best offered media type for an ``Accept`` header (RFC 9110 §12.5.1).

Quality values, wildcards (``type/*``, ``*/*``) and combined lists are honoured; a more specific
range decides the quality of a type it matches (``text/*;q=0.2, text/csv`` prefers CSV). Between
equally acceptable types the client's order wins, then the server's. Results are cached per
header, so negotiation costs a dictionary lookup on the hot path. Nothing here knows SPARQL.
"""

from __future__ import annotations

from functools import lru_cache

Range = tuple[str, str, float, int]  # type, subtype, quality, position in the header


@lru_cache(maxsize=512)
def parse_accept(header: str) -> tuple[Range, ...]:
    """The media ranges of an ``Accept`` header; malformed entries are skipped, a bad q counts as 0."""
    ranges: list[Range] = []
    for position, item in enumerate(header.split(",")):
        media, *params = item.split(";")
        kind, _, subtype = media.strip().lower().partition("/")
        if not kind or not subtype:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((kind, subtype, quality, position))
    return tuple(ranges)


def _match(media_type: str, ranges: tuple[Range, ...]) -> tuple[float, int, int]:
    """Quality, specificity and client position of the most specific range matching a media type."""
    kind, _, subtype = media_type.partition("/")
    best = (0.0, -1, 0)
    for r_kind, r_subtype, quality, position in ranges:
        if r_kind == kind and r_subtype == subtype:
            specificity = 2
        elif r_kind == kind and r_subtype == "*":
            specificity = 1
        elif r_kind == "*" and r_subtype == "*":
            specificity = 0
        else:
            continue
        if specificity > best[1]:
            best = (quality, specificity, position)
    return best


@lru_cache(maxsize=1024)
def choose(accept: str | None, offers: tuple[str, ...]) -> str | None:
    """The offer (a lower-case ``type/subtype``) the client prefers, or None when it accepts none of them."""
    ranges = parse_accept(accept) if accept and accept.strip() else (("*", "*", 1.0, 0),)
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for index, offer in enumerate(offers):
        quality, specificity, position = _match(offer, ranges)
        if quality <= 0:
            continue
        key = (quality, specificity, -position, -index)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen


def media_type_of(content_type: str | None) -> tuple[str, dict[str, str]]:
    """A ``Content-Type`` value split into the lower-case media type and its parameters."""
    if not content_type:
        return "", {}
    media, *params = content_type.split(";")
    parsed = {}
    for param in params:
        name, _, value = param.partition("=")
        if name.strip():
            parsed[name.strip().lower()] = value.strip().strip('"')
    return media.strip().lower(), parsed
