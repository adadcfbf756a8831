"""How a cable was to be handled: its precedence, classification, markings and caveats."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cablebase.decode.loader import table

# What each precedence asks of the message centres; the table gives only letter and word.
_PRECEDENCE_NOTES = {
    "FLASH": "the highest precedence: handled ahead of all other traffic",
    "IMMEDIATE": "handled ahead of priority and routine traffic",
    "NIACT IMMEDIATE": "immediate, and to be acted on at once, at night if need be (night action)",
    "PRIORITY": "handled ahead of routine traffic",
    "ROUTINE": "the lowest precedence: normal handling",
}
# What the levels stand for under the classification orders: the damage disclosure could do.
_LEVEL_NOTES = {
    "TOP SECRET": "disclosure could cause exceptionally grave damage to national security",
    "SECRET": "disclosure could cause serious damage to national security",
    "CONFIDENTIAL": "disclosure could cause damage to national security",
    "UNCLASSIFIED": "not classified; it may still carry handling caveats",
}
_SPACED = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Precedence:
    letter: str  # on the first header line: O 201234Z JAN 09
    precedence: str  # the word on the TO line: IMMEDIATE
    note: str


@functools.cache
def _precedences() -> dict[str, Precedence]:
    found: dict[str, Precedence] = {}
    for row in table("precedence.csv"):
        entry = Precedence(
            row["letter"], row["precedence"], _PRECEDENCE_NOTES.get(row["precedence"], "")
        )
        found.setdefault(row["precedence"], entry)
        found.setdefault(row["letter"], entry)  # O is IMMEDIATE, not NIACT IMMEDIATE
    return found


def precedence(value: str) -> Precedence | None:
    """``IMMEDIATE`` or ``O`` -> the immediate precedence; None if unknown."""
    return _precedences().get(_SPACED.sub(" ", value.strip().upper()))


@dataclass(frozen=True, slots=True)
class Caveat:
    caveat: str
    meaning: str | None


@functools.cache
def _caveats() -> dict[str, Caveat]:
    return {r["caveat"]: Caveat(r["caveat"], r["meaning"] or None) for r in table("caveats.csv")}


def caveat(value: str) -> Caveat | None:
    """``NOFORN`` -> No Foreign Distribution; None for a caveat no table lists."""
    return _caveats().get(_SPACED.sub(" ", value.strip().upper()))


def caveat_meaning(value: str) -> str | None:
    found = caveat(value)
    return found.meaning if found else None


@dataclass(frozen=True, slots=True)
class Marking:
    where: str  # header (ZNY CCCCC ZZH) or body-first-line (C O N F I D E N T I A L)
    marking: str
    classification: str  # the published classification cables with this marking carry


@dataclass(frozen=True, slots=True)
class Classification:
    """A published classification taken apart: ``SECRET//NOFORN``."""

    value: str
    level: str
    level_note: str | None
    caveats: tuple[Caveat, ...]  # what follows //, each with its meaning where known
    markings: tuple[Marking, ...]  # the markings cables of this classification carry


@functools.cache
def _markings() -> tuple[Marking, ...]:
    return tuple(
        Marking(r["where"], r["marking"], r["classification"])
        for r in table("classification-markings.csv")
    )


def markings(classification: str) -> tuple[Marking, ...]:
    """The header and first-line markings seen on cables of ``classification``."""
    wanted = classification.strip().upper()
    return tuple(m for m in _markings() if m.classification == wanted)


def marking(line: str) -> tuple[Marking, ...]:
    """The rows for a marking line: ``ZNY CCCCC ZZH`` (the whole line), or a first line of
    text that opens with a marking (``C O N F I D E N T I A L SECTION 01 OF 02 ...``)."""
    text = _SPACED.sub(" ", line.strip().upper())
    return tuple(
        m
        for m in _markings()
        if text == m.marking or (m.where != "header" and text.startswith(m.marking + " "))
    )


def classification(value: str) -> Classification:
    """``SECRET//NOFORN`` -> level SECRET with its meaning, caveat NOFORN with its meaning."""
    text = _SPACED.sub(" ", value.strip().upper())
    level, *rest = [part.strip() for part in text.split("//")]
    caveats = tuple(caveat(c) or Caveat(c, None) for c in rest if c)
    return Classification(text, level, _LEVEL_NOTES.get(level), caveats, markings(text))
