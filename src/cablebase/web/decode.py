"""Facts a reader wants beside a cable: TAGS meanings, addressees decoded to posts and
routing indicators, precedence, caveats, classification and the E.O. line explained.

Everything here reads the packaged tables (:mod:`cablebase.decode`, ``stations.csv``) and
never the cable store, so it is pure and cached for the life of the process.
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict
from typing import Any

from cablebase.decode import (
    Marking,
    Tag,
    caveat_meaning,
    classification,
    executive_order,
    marking,
    precedence,
    reasons,
    routes,
    tag_meaning,
    tags,
)
from cablebase.decode.loader import table
from cablebase.parse.posts import post

# Words that name the kind of post, not the post: AMEMBASSY MEXICO is the post MEXICO.
_POST_WORDS = re.compile(r"^(?:AMEMBASSY|AMCONSUL|USMISSION|AMEMB|AMCONGEN)\s+")
_NOT_LETTERS = re.compile(r"[^A-Z]")


def tag_meanings(code: str) -> tuple[Tag, ...]:
    """Every known reading of a TAGS code (AL is both Albania and an organisation)."""
    return tags(code)


def tag_label(code: str) -> str:
    """One line for a tag: its meanings joined, else its kind, else empty."""
    return tag_meaning(code) or " / ".join(r.kind for r in tags(code))


@functools.cache
def _stations() -> dict[str, str]:
    return {row["spelling"]: row["station"] for row in table("stations.csv")}


def station_for(name: str) -> str | None:
    """``AMEMBASSY BUENOS AIRES`` -> ``BUENOSAIRES``; None for an addressee no table knows."""
    spelled = _NOT_LETTERS.sub("", _POST_WORDS.sub("", name.strip().upper()))
    if not spelled:
        return None
    return _stations().get(spelled) or (spelled if post(spelled) else None)


def decode_recipient(recipient: dict[str, Any]) -> dict[str, Any]:
    """A FROM/TO/INFO entry with its station and the post it stands for, where known."""
    name = str(recipient.get("name") or "")
    station = station_for(name)
    row = post(station) if station else None
    route = str(recipient.get("route") or "")
    return {
        **recipient,
        "route_stations": list(dict.fromkeys(r.station for r in routes(route))) if route else [],
        "station": station,
        "post": (row or {}).get("origin") or None,
        "city": (row or {}).get("city") or None,
        "country": (row or {}).get("country") or None,
    }


def decode_tag(code: str) -> dict[str, Any]:
    """A TAGS code with every reading: kind, meaning, and category for a subject TAG."""
    return {
        "code": code,
        "meanings": [
            {"kind": t.kind, "meaning": t.meaning, "category": t.category} for t in tags(code)
        ],
        "label": tag_label(code),
    }


# The marking lines stand in a cable's first lines: the header and the first line of the text.
_MARKING_LINES = 200


def decode_handling(record: dict[str, Any]) -> dict[str, Any]:
    """Precedence, classification, caveats and the E.O. line of a record, explained."""
    level = str(record.get("classification") or "")
    parts = classification(level) if level else None
    number = str(record.get("executive_order") or "")
    order = executive_order(number) if number else None
    cited = str(record.get("classification_reasons") or "")
    return {
        "precedence": _plain(precedence(str(record.get("precedence") or ""))),
        # With the markings cables of this classification carry; the cable's own come below.
        "classification": _plain(parts),
        "caveats": [
            {"caveat": c, "meaning": caveat_meaning(c)} for c in record.get("caveats") or ()
        ],
        "markings": [
            asdict(m)
            for m in _markings_in(str(record.get("original") or ""))
            if not parts or m.classification == parts.value
        ],
        "executive_order": _plain(order),
        "reasons": [asdict(r) for r in reasons(cited, order.eo if order else None)],
    }


def _plain(found: Any) -> dict[str, Any] | None:
    """A decoded fact as JSON, or None when no table knows the value."""
    return asdict(found) if found else None


def _markings_in(original: str) -> list[Marking]:
    """The header markings of ``original`` and the marking that opens its text, if any."""
    found: list[Marking] = []
    opened = False
    for line in original.splitlines()[:_MARKING_LINES]:
        for m in marking(line):
            if m.where == "body-first-line" and opened:
                continue
            if m not in found:
                found.append(m)
        opened = opened or any(m.where == "body-first-line" for m in found)
    return found
