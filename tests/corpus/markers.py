"""What the texts really contain, found by plain patterns independent of the parser.

The coverage test holds the parser to these: where a text has a SUBJECT line, the record must
have a subject, and so on. The patterns are deliberately simple and line-anchored.
"""

from __future__ import annotations

import re

MARKERS: dict[str, re.Pattern[str]] = {
    "subject": re.compile(r"^[ \t]*SUBJ(?:ECT)?[ \t]*:[ \t]*\S", re.M | re.I),
    "tags": re.compile(r"^[ \t]*TAGS?[ \t]*:[ \t]*[A-Za-z]", re.M | re.I),
    "executive_order": re.compile(r"^[ \t]*E\.?[ \t]?O\.?[ \t]*\d{5}", re.M | re.I),
    "references": re.compile(r"^[ \t]*REFS?[ \t]*:[ \t]*[A-Z(]", re.M),
    "from": re.compile(r"^[ \t]*FM[ \t]+\S", re.M),
    "to": re.compile(r"^[ \t]*TO[ \t]+\S", re.M),
    "dtg": re.compile(r"^[ \t]*(?:[ZOPR][ \t]+){1,2}\d{6}Z[ \t]+[A-Z]{3}[ \t]+\d{2}[ \t]*$", re.M),
    "transmission_id": re.compile(r"^VZCZC", re.M),
    "classified_by": re.compile(r"^[ \t]*Classified[ \t]+By\b", re.M | re.I),
    "summary": re.compile(
        r"^[ \t]*(?:\d{1,2}\.[ \t]+)?(?:\([A-Z/]{1,5}\)[ \t]*)?(?:BEGIN[ \t]+)?SUMMARY[ \t]*[:.]",
        re.M | re.I,
    ),
    "sections": re.compile(r"^[^\n]{0,40}\bSECTION[ \t]+0*1[ \t]+OF[ \t]+0*\d", re.M),
}

# Routing fields are looked for in the routing header only: "TO" and "FM" also begin lines
# of message text ("TO SUM UP, ...").
HEADER_FIELDS = frozenset({"from", "to", "dtg", "transmission_id"})


def header_region(header: str, original: str) -> str:
    """The text where routing lines can stand: the header, or the text before the fields."""
    if header.strip():
        return header
    cut = re.search(r"^[ \t]*(?:TAGS?|E\.O\.|SUBJECT)[ \t]*:?", original, re.M | re.I)
    return original[: cut.start()] if cut else original


def present(field: str, header: str, original: str) -> bool:
    text = header_region(header, original) if field in HEADER_FIELDS else original
    return MARKERS[field].search(text) is not None
