"""How graph nodes look, shared by the DOT output and the reading room's graph view.

Cables are coloured by classification level in the colours of US classification banners;
what the archive does not hold is drawn hollow, so that a reader sees at once which nodes
open a cable.
"""

from __future__ import annotations

from typing import Any

from cablebase.graph.neighbourhood import Node
from cablebase.graph.status import ReferenceStatus

LEVEL_COLOURS: dict[str, str] = {
    "TOP SECRET": "#e07b00",
    "SECRET": "#c8102e",
    "CONFIDENTIAL": "#1f4e9c",
    "UNCLASSIFIED": "#2e7d32",
}
UNKNOWN_LEVEL = "#8a8a8a"  # a cable of the archive whose classification was not read
HOLLOW = "#ffffff"  # absent, outside and unidentified cables: not in the archive
NON_CABLE = "#f3e3a3"  # emails, reports and other documents

STATUS_NOTES: dict[ReferenceStatus, str] = {
    ReferenceStatus.RESOLVED: "in this archive",
    ReferenceStatus.ABSENT: "a Cablegate cable not in this archive",
    ReferenceStatus.OUTSIDE: "a cable Cablegate does not hold",
    ReferenceStatus.UNIDENTIFIED: "a cable whose id could not be read",
    ReferenceStatus.NON_CABLE: "not a cable",
}


def fill_of(node: Node) -> str:
    if node.status is ReferenceStatus.RESOLVED:
        return LEVEL_COLOURS.get(node.level or "", UNKNOWN_LEVEL)
    return _STATUS_FILL[node.status]


_STATUS_FILL = {status: HOLLOW for status in ReferenceStatus} | {
    ReferenceStatus.NON_CABLE: NON_CABLE
}


def legend() -> dict[str, Any]:
    """The legend as data: the web view draws its key and its colours from this."""
    levels = [{"level": k, "colour": v} for k, v in LEVEL_COLOURS.items()]
    return {
        "levels": [*levels, {"level": "unknown", "colour": UNKNOWN_LEVEL}],
        "statuses": [
            {"status": s.value, "note": note, "colour": _STATUS_FILL[s]}
            for s, note in STATUS_NOTES.items()
            if s is not ReferenceStatus.RESOLVED
        ],
    }
