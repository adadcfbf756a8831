"""The preamble of a cable body: banner, caveats, E.O., TAGS, SUBJECT, REF, Classified By.

The preamble runs from the banner line to the first line of the message itself. Its fields
come in a customary order (E.O., TAGS, SUBJECT, REF, Classified By) but every order occurs,
each field may wrap over several lines, and page-break lines can fall inside one
(cables.csv rows of the 1980s break pages inside TAGS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablebase.parse import lines as L

_FIELD_START = {
    "eo": re.compile(r"^\s*E\s*\.?\s*O\s*\.?\s*(?P<rest>\d{4,5}\b.*)$", re.IGNORECASE),
    # "TAGS ICTY, PREL" without a colon occurs (06BELGRADE1681): then a code must follow.
    "tags": re.compile(r"^\s*TAGS?(?:\s*[:;.]|\s+(?=[A-Z]{2,}\b))\s*(?P<rest>.*)$", re.IGNORECASE),
    "subject": re.compile(r"^\s*SUBJ(?:ECT)?\s*[:;.]\s*(?P<rest>.*)$", re.IGNORECASE),
    "ref": re.compile(
        r"^\s*(?:REFS?|REFTELS?|REFERENCES?|REF\s+[A-Z])\s*[:;.]\s*(?P<rest>.*)$", re.IGNORECASE
    ),
    "classified_by": re.compile(
        r"^\s*(?:\(U\)\s*)?CLASSIFIED\s+BY\b\s*[:;.]?\s*(?P<rest>.*)$", re.IGNORECASE
    ),
}
# A lettered item continuing a REF list after a blank line: "B. STATE 1234", "(B) ...".
_REF_ITEM = re.compile(r"^[\s-]*(?:\(?[A-Z]\)|[A-Z]\.|\([A-Z]\)|[A-Z]\))\s+\S")
# The message proper starts with a numbered paragraph or a portion-marked one.
_MESSAGE_START = re.compile(r"^\s*(?:\d{1,3}\s*[.)]\s+|\((?:U|C|S|SBU|TS|S/NF|C/NF)\)\s)")
# The NARA re-marking of 1966-1990 cables puts the level they held in a free sentence.
_NARA = re.compile(r"copy from the national archives|original telegram was", re.IGNORECASE)


@dataclass
class Preamble:
    """Raw field texts found in the preamble, and where the message begins."""

    banner: str | None = None
    level: str | None = None
    section: int | None = None
    sections: int | None = None
    caveats: list[str] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)
    message_start: int = 0


def read_preamble(body_lines: list[str]) -> Preamble:
    """Find the banner and the field blocks in ``body_lines`` (one body, noise included)."""
    pre = Preamble()
    index = _read_banner(body_lines, pre)
    current: str | None = None
    last_field: str | None = None
    seen_subject = False
    n = len(body_lines)
    i = index
    while i < n:
        line = body_lines[i]
        stripped = line.strip()
        if not stripped:
            # A blank line ends a field, except between the lettered items of a REF list.
            if not (current == "ref" and _next_is_ref_item(body_lines, i)):
                current = None
            i += 1
            continue
        if L.is_noise(line) or (pre.banner and L.is_banner_repeat(line)):
            i += 1  # printing noise, also inside a wrapped field: skip it
            continue
        started = _field_start(line)
        if started is not None:
            current, rest = started
            last_field = current
            pre.fields.setdefault(current, []).append(rest)
            seen_subject = seen_subject or current == "subject"
            i += 1
            continue
        if L.CAVEAT_LINE.match(line) and current is None:
            pre.caveats.extend(_caveat_words(stripped))
            i += 1
            continue
        if current is not None and not _MESSAGE_START.match(line):
            pre.fields[current][-1] += "\n" + line
            i += 1
            continue
        if seen_subject and not _MESSAGE_START.match(line) and _field_ahead(body_lines, i):
            # A stray line inside the preamble: a REF entry wrapped after a blank line
            # (04MADRID3914) or a note such as "C O R R E C T E D C O P Y" (08PARIS130).
            if last_field == "ref":
                pre.fields["ref"][-1] += "\n" + line
            i += 1
            continue
        if seen_subject or _MESSAGE_START.match(line) or i - index > 40:
            break
        # Lines before the fields that are not fields: passing instructions
        # ("STATE FOR S/CT ...") or the NARA preamble. They stay in the message.
        current = None
        i += 1
    pre.message_start = i if seen_subject or pre.fields else index
    return pre


def _read_banner(body_lines: list[str], pre: Preamble) -> int:
    for i, line in enumerate(body_lines[:12]):
        if not line.strip():
            continue
        m = L.BANNER.match(line)
        if m is None or _NARA.search(line):
            continue
        rest = m.group("rest")
        # "UNCLASSIFIED BUENOS AIRES 2481" is a banner; "Unclassified information follows."
        # is not: a banner has a station and serial or a SECTION marker, or nothing.
        if (
            rest.strip()
            and not re.search(r"\d|SECTION", rest, re.IGNORECASE)
            and not L.CAVEAT_LINE.match(rest)
        ):
            continue
        pre.banner = line.strip()
        pre.level = L.LEVEL_WORDS[" ".join(m.group("level").upper().split())]
        if sm := L.SECTION.search(rest):
            pre.section, pre.sections = int(sm.group("n")), int(sm.group("of"))
        tail = re.sub(r"^.*?\d+\s*", "", rest) if re.search(r"\d", rest) else rest
        pre.caveats.extend(_caveat_words(tail))
        if "LIMITED OFFICIAL USE" in " ".join(m.group("level").upper().split()):
            pre.caveats.insert(0, "LIMITED OFFICIAL USE")
        return i + 1
    return 0


def _field_ahead(body_lines: list[str], i: int) -> bool:
    """Does another preamble field start in the next few lines, before the message does?"""
    seen = 0
    for line in body_lines[i + 1 : i + 12]:
        if not line.strip() or L.is_noise(line):
            continue
        if _field_start(line) is not None:
            return True
        if _MESSAGE_START.match(line):
            return False
        seen += 1
        if seen >= 4:
            return False
    return False


def _field_start(line: str) -> tuple[str, str] | None:
    for name, pattern in _FIELD_START.items():
        if m := pattern.match(line):
            return name, m.group("rest")
    return None


def _next_is_ref_item(body_lines: list[str], i: int) -> bool:
    for line in body_lines[i + 1 : i + 4]:
        if line.strip():
            return bool(_REF_ITEM.match(line)) and _field_start(line) is None
    return False


_CAVEAT_TOKEN = re.compile(
    r"FOR OFFICIAL USE ONLY|SENSITIVE BUT UNCLASSIFIED|NOFORN|SIPDIS|EXDIS|NODIS|LIMDIS|"
    r"STADIS|SENSITIVE|ORCON|PROPIN|NOCONTRACT|WNINTEL|CHEROKEE|TERREP",
    re.IGNORECASE,
)


def _caveat_words(text: str) -> list[str]:
    return [" ".join(m.group(0).upper().split()) for m in _CAVEAT_TOKEN.finditer(text)]
