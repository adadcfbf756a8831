"""Facts a reader wants beside a cable: TAGS meanings and addressees decoded to posts.

Everything here reads the packaged tables (``data/tags.csv``, ``stations.csv``, ``posts.csv``)
and never the cable store, so it is pure and cached for the life of the process.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from cablebase.parse.posts import post

# Words that name the kind of post, not the post: AMEMBASSY MEXICO is the post MEXICO.
_POST_WORDS = re.compile(r"^(?:AMEMBASSY|AMCONSUL|USMISSION|AMEMB|AMCONGEN)\s+")
_NOT_LETTERS = re.compile(r"[^A-Z]")


@dataclass(frozen=True, slots=True)
class TagMeaning:
    code: str
    kind: str
    meaning: str


@functools.cache
def _tags() -> dict[str, tuple[TagMeaning, ...]]:
    found: dict[str, list[TagMeaning]] = {}
    with resources.files("cablebase.data").joinpath("tags.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            found.setdefault(row["code"], []).append(
                TagMeaning(row["code"], row["kind"], row["meaning"])
            )
    return {code: tuple(rows) for code, rows in found.items()}


def tag_meanings(code: str) -> tuple[TagMeaning, ...]:
    """Every known reading of a TAGS code (AL is both Albania and an organisation)."""
    return _tags().get(code.strip().upper(), ())


def tag_label(code: str) -> str:
    """One line for a tag: its meanings joined, else its kind, else empty."""
    rows = tag_meanings(code)
    meanings = [r.meaning for r in rows if r.meaning]
    if meanings:
        return "; ".join(meanings)
    return " / ".join(r.kind for r in rows)


@functools.cache
def _stations() -> dict[str, str]:
    with resources.files("cablebase.data").joinpath("stations.csv").open(encoding="utf-8") as fh:
        return {row["spelling"]: row["station"] for row in csv.DictReader(fh)}


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
    return {
        **recipient,
        "station": station,
        "post": (row or {}).get("origin") or None,
        "city": (row or {}).get("city") or None,
        "country": (row or {}).get("country") or None,
    }
