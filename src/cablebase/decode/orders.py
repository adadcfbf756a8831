"""The E.O. line of a cable: the executive order it was classified under, and the reasons.

``E.O. 12958: DECL: 05/20/2018`` names the order; ``REASON: 1.4 (B) AND (D)`` cites the
categories of the order's section 1.4 (section 1.5 before the 2003 amendment) that justified
classifying: (b) foreign government information, (d) foreign relations.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cablebase.decode.loader import table

_ORDER = re.compile(r"\b(\d{5})\b")
_SECTION = re.compile(r"(\d\.\d)")
# The letters cited after the section: "1.4 (b) and (d)", "1.4 b/d", "1.4(B,D)"; the run stops
# at the first other word, so an "a" in the text after it is not read as reason (a).
_CITED = re.compile(r"(?:[\s(),/&.;:-]|\b(?:AND|OR)\b|(?<![A-Z])[A-H](?![A-Z]))*", re.IGNORECASE)
_LETTER = re.compile(r"(?<![A-Z])([A-H])(?![A-Z])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ExecutiveOrder:
    eo: str
    title: str
    signed: str  # YYYY-MM-DD
    federal_register: str | None  # citation, e.g. 75 FR 705
    relation: str | None  # what it revoked, amended or was replaced by


@dataclass(frozen=True, slots=True)
class Reason:
    section: str  # 1.4 or 1.5
    letter: str  # a..h
    reason: str


@functools.cache
def _orders() -> dict[str, ExecutiveOrder]:
    return {
        r["eo"]: ExecutiveOrder(
            r["eo"], r["title"], r["signed"], r["federal_register"] or None, r["relation"] or None
        )
        for r in table("executive-orders.csv")
    }


def executive_order(text: str) -> ExecutiveOrder | None:
    """``12958`` or ``E.O. 12958: DECL: ...`` -> E.O. 12958; None for an unknown number."""
    m = _ORDER.search(text)
    return _orders().get(m.group(1)) if m else None


@functools.cache
def _reasons() -> dict[tuple[str, str], tuple[Reason, frozenset[str]]]:
    return {
        (r["section"], r["letter"]): (
            Reason(r["section"], r["letter"], r["reason"]),
            frozenset(r["orders"].split()),
        )
        for r in table("classification-reasons.csv")
    }


def reasons(text: str, order: str | None = None) -> tuple[Reason, ...]:
    """``1.4 (b) and (d)`` -> the reasons (b) and (d) of section 1.4, in the order cited.

    ``order`` is the cable's E.O. number: the sections of the older orders (12356 and before)
    number their reasons differently, so a citation under those is not decoded.
    """
    m = _SECTION.search(text)
    if m is None:
        return ()
    found: list[Reason] = []
    cited = _CITED.match(text, m.end())
    for letter in _LETTER.findall(cited.group(0) if cited else ""):
        entry = _reasons().get((m.group(1), letter.lower()))
        if entry is None or (order is not None and order not in entry[1]):
            continue
        if entry[0] not in found:
            found.append(entry[0])
    return tuple(found)
