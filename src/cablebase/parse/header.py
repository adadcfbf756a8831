"""The ACP-127 routing header: transmission id, precedence, DTG, FROM / TO / INFO.

A header looks like this (08MEXICO23)::

    VZCZCXRO5183                      transmission id
    RR RUEHCD RUEHGD ...              precedence pair + routing indicators
    DE RUEHME #0023/01 0042201        originating station, serial, day-of-year+time
    ZNR UUUUU ZZH                     classification line
    R 042201Z JAN 08                  precedence + date-time group
    FM AMEMBASSY MEXICO
    TO RUEHC/SECSTATE WASHDC 0049
    INFO RUEHXC/ALL US CONSULATES IN MEXICO COLLECTIVE
    RUEAWJA/DEPT OF JUSTICE WASHDC

Older cables (1966-1990 in cables.csv) have only the DTG line and FM/TO/INFO without routing
indicators, and partial extracts carry distribution lists (``ACTION EAP-00``,
``INFO LOG-00 AID-00 ...``) and page-break lines in the middle of the addressees.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from cablebase.model import Recipient
from cablebase.parse import lines as L

# Precedence letters of the DTG line (precedence.csv); "P R" = action PRIORITY, info ROUTINE.
PRECEDENCE_LETTERS = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}
# Words a TO/INFO addressee can carry; NIACT IMMEDIATE first so it wins over IMMEDIATE.
PRECEDENCE_WORDS = ("NIACT IMMEDIATE", "FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE")

_BANNER_INITIALS = frozenset("UCSTL")

MONTHS = {
    m: i
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}

_TRANSMISSION = re.compile(r"^(VZCZC[A-Z0-9]+)\s*$")
# "R 042201Z JAN 08", "P R 281848Z DEC 66", "O 281706Z DEC 00"; partial extracts give the
# DTG alone ("021553Z Nov 92"), so the precedence letters are optional.
_DTG_LINE = re.compile(
    # "P R 221828 Z MAY 73" (1973STATE097844): the OCR of PlusD pages splits off the Z
    r"^\s*(?P<prec>(?:[ZOPR]\s+){0,2})(?P<dtg>(?P<day>\d{2})(?P<hh>\d{2})(?P<mm>\d{2}) ?Z\s+"
    r"(?P<mon>[A-Za-z]{3})\s+(?P<yy>\d{2,4}))"
    # operating signals may follow the DTG: "P 291442Z JUL 09 ZDK", "... ZFF4", "ZDS ZDK"
    r"(?:\s+Z[A-Z0-9]{2,3}(?:\s+[A-Z]{1,4})?)*\s*$"
)
_ROUTING = re.compile(r"^([ZOPR]{2})\s+(R[A-Z]{3,6}\b.*)$")
_STATION_LINE = re.compile(r"^DE\s+R[A-Z]{3,6}\s+#")
_CLASS_LINE = re.compile(r"^ZN[RY]\s+[UCSTE]{5}\s")
# Distribution lists of the receiving end (09 office codes with counts): "LOG-00 AID-00".
_DISTRIBUTION_TOKEN = re.compile(r"^[A-Z][A-Z0-9]*-\d\d$")
_PAGE_BREAK = re.compile(r"^\s*PAGE\s+\d+\s+\S")
_RULE = re.compile(r"^\s*-{6,}")
_ADDRESSEE = re.compile(r"^(?:(?P<route>R[A-Z]{3,6})/)?(?P<rest>.+)$")
_SERIAL = re.compile(r"\s+(?P<serial>\d{1,5})$")
# (IGNORECASE matches the letters of "xtract" to themselves only, so a lower-case test of the
# line comes first: the search runs on every header line.)
_PARTIAL = re.compile(r"this record is a partial extract", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_PRECEDENCE_INITIALS = frozenset("ZOPR")  # the DTG and routing lines open with these
_POST_WORDS = ("AMEMBASSY ", "AMCONSUL ", "USMISSION ")
_ADDRESSEE_CUT = re.compile(
    r"(?<=[\s\d])(?=(?:AMEMBASSY|AMCONSUL|USMISSION) )|(?<=//)(?=[A-Z]{2,8} WASHINGTON\b)"
)
_EMBEDDED_PAGE_BREAK = re.compile(r"\bPAGE\s+\d{1,3}\s+[A-Z][A-Z ]*?\s+\d+\s+\d{6}Z\b")
# The DTG glued at the end of a distribution list ("... FA-00 /001R  R 161417Z APR 09").
_DTG_TAIL = re.compile(
    r"\s(?P<prec>(?:[ZOPR]\s+){1,2})(?P<dtg>(?P<day>\d{2})(?P<hh>\d{2})(?P<mm>\d{2})Z\s+"
    r"(?P<mon>[A-Za-z]{3})\s+(?P<yy>\d{2,4}))\s*$"
)
# Misspelt precedence words on addressee lines: "PRIOITY" (08BRASILIA93), "IMMEDAITE"
# (88BAGHDAD4559). A word is read as the precedence when it has the same letters in another
# order or lacks one letter; only words of six letters or more are tried.
_PRECEDENCE_SPELLINGS = ("IMMEDIATE", "PRIORITY", "ROUTINE")
# A delivery note after the name: "AMCONSUL CHENGDU POUCH)" (89BEIJING14103), "(BY POUCH)".
_DELIVERY_NOTE = re.compile(r"\s+\(?(?:BY\s+)?POUCH\)?$")


@dataclass
class Header:
    """What the routing header says; every field may be missing."""

    transmission_id: str | None = None
    precedence: str | None = None
    dtg: str | None = None
    dtg_iso: str | None = None
    routing_station: str | None = None
    from_: list[Recipient] = field(default_factory=list)
    to: list[Recipient] = field(default_factory=list)
    info: list[Recipient] = field(default_factory=list)
    is_partial: bool = False
    problems: list[str] = field(default_factory=list)


def parse_header(text: str) -> Header:
    """Read the routing header lines out of ``text`` (a header, or a whole cable)."""
    header = Header()
    block: list[Recipient] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        # Most lines are addressees: a first-character test (the line is stripped) keeps each
        # of them from trying all eight line patterns (~35 failed matches a cable before).
        first = line[0]
        if "xtract" in line.lower() and _PARTIAL.search(line):
            header.is_partial = True
            continue
        if first == "V" and header.transmission_id is None and (m := _TRANSMISSION.match(line)):
            header.transmission_id = m.group(1)
            continue
        if (first in _PRECEDENCE_INITIALS or first.isdecimal()) and (m := _DTG_LINE.match(line)):
            if header.dtg is None:
                _take_dtg(header, m)
            continue
        if first in _PRECEDENCE_INITIALS and (m := _ROUTING.match(line)):
            if header.precedence is None and block is None:
                header.precedence = PRECEDENCE_LETTERS.get(m.group(1)[0])
            continue
        if first == "D" and _STATION_LINE.match(line):
            header.routing_station = line.split()[1]
            continue
        if (
            (first == "Z" and _CLASS_LINE.match(line))
            or (first == "P" and _PAGE_BREAK.match(line))
            or (first == "-" and _RULE.match(line))
        ):
            continue
        if line[0] in _BANNER_INITIALS and (banner := L.BANNER.match(line)):
            if not banner.group("rest").strip() or L.is_banner_repeat(line):
                continue  # the level printed at a page foot inside the addressees (92ZAGREB1869)
            if block is not None and _DIGIT.search(banner.group("rest")):
                # The banner after the addressees (PlusD: "LIMITED OFFICIAL USE STATE 097844"):
                # the preamble follows, not more addressees.
                block = None
                continue
        word, _, rest = line.partition(" ")
        if word in ("FM", "FROM"):
            block = header.from_
            line = rest
        elif word == "TO":
            block = header.to
            line = rest
        elif word == "INFO":
            if (
                "Z " in rest
                and (m := _DTG_TAIL.search(rest))
                and _is_distribution(rest[: m.start()])
            ):
                if header.dtg is None:
                    _take_dtg(header, m)
                block = None
                continue
            if _is_distribution(rest):
                block = None
                continue
            if rest.lstrip().startswith("PAGE "):
                rest = _EMBEDDED_PAGE_BREAK.sub(" ", rest)
            block = header.info
            line = rest
        elif word == "ACTION" and _is_distribution(rest):
            block = None
            continue
        elif word == "XMT":
            # XMT lists addressees of a collective that are excluded from this message.
            block = header.info
            for name in _split_addressees(rest):
                block.append(_recipient(name, excluded=True))
            continue
        elif word == "BT" or line in ("NNNN", "ZEN"):
            block = None
            continue
        elif _is_distribution(line):
            continue
        if block is header.to and " INFO " in line:
            # "TO AMEMBASSY X AMEMBASSY Y INFO PAGE 02 ... DIA ..." (09STATE37566, glued)
            line, _, after = line.partition(" INFO ")
            for name in _split_addressees(line):
                block.append(_recipient(name))
            block, line = header.info, _EMBEDDED_PAGE_BREAK.sub(" ", after)
        if block is not None and line:
            for name in _split_addressees(line):
                block.append(_recipient(name))
    return header


def _take_dtg(header: Header, m: re.Match[str]) -> None:
    letters = m.group("prec").split()
    if letters and header.precedence is None:
        header.precedence = PRECEDENCE_LETTERS.get(letters[0])
    header.dtg = " ".join(m.group("dtg").upper().replace(" Z", "Z").split())
    month = MONTHS.get(m.group("mon").upper())
    year = _full_year(m.group("yy"))
    day = int(m.group("day"))
    if month is None or not 1 <= day <= 31 or int(m.group("hh")) > 23 or int(m.group("mm")) > 59:
        header.problems.append(f"date-time group {header.dtg!r} is not a valid date")
        return
    header.dtg_iso = f"{year:04d}-{month:02d}-{day:02d}T{m.group('hh')}:{m.group('mm')}"


def _full_year(yy: str) -> int:
    # Cablegate holds cables from 1966 to 2010; two-digit years above 50 are 19xx.
    value = int(yy)
    if len(yy) == 4:
        return value
    return 1900 + value if value > 50 else 2000 + value


def _is_distribution(rest: str) -> bool:
    if "-" not in rest:
        return False  # no token can be an office code ("LOG-00"): the test of most lines
    tokens = rest.replace("/", " ").split()
    return bool(tokens) and sum(bool(_DISTRIBUTION_TOKEN.match(t)) for t in tokens) >= max(
        1, len(tokens) // 2
    )


def _split_addressees(line: str) -> list[str]:
    # One addressee per line is the rule. The first-day JSON lost the line breaks of some
    # headers (09STATE37566: "TO AMEMBASSY BAMAKO AMEMBASSY BANJUL ..."), so a long line
    # with several post names is cut before each, and before an agency after a "//" group.
    line = line.strip()
    if not line:
        return []
    if len(line) < 24 or sum(line.count(w) for w in _POST_WORDS) + line.count(" WASHINGTON") < 2:
        return [line]
    line = _EMBEDDED_PAGE_BREAK.sub(" ", line)
    return [part.strip() for part in _ADDRESSEE_CUT.split(line) if part.strip()]


def _recipient(text: str, *, excluded: bool = False) -> Recipient:
    """One addressee: ``RUEHC/SECSTATE WASHDC PRIORITY 0049``."""
    # The serial that ends most addressee lines differs from cable to cable while the rest
    # repeats (collectives, "SECSTATE WASHDC IMMEDIATE"): the line is read without it, and
    # that reading (~10 us) is shared by every cable naming the addressee.
    head, space, tail = text.rpartition(" ")
    serial: str | None = tail
    if (
        space
        and 0 < len(tail) <= 5
        and tail.isdecimal()  # (the digits the pattern's \d takes)
        and (head := head.rstrip())
        and not head.endswith("/")  # ("RUEHC/ 0049" names no one after its route)
    ):
        # (only the last number is the serial: "... WASHDC 12 0049" is named "... WASHDC 12")
        route, name, precedence, _ = _addressee(head, take_serial=False)
    else:
        route, name, precedence, serial = _addressee(text, take_serial=True)
    return Recipient(route, name, precedence, serial, excluded)


@functools.lru_cache(maxsize=8192)
def _addressee(text: str, *, take_serial: bool) -> tuple[str | None, str, str | None, str | None]:
    """Route, name, precedence and serial of an addressee line (serial None unless
    ``take_serial``)."""
    m = _ADDRESSEE.match(text)
    assert m is not None  # the pattern accepts any non-empty text
    route = m.group("route")
    rest = m.group("rest").strip()
    serial = None
    precedence = None
    if take_serial and (sm := _SERIAL.search(rest)):
        serial = sm.group("serial")
        rest = rest[: sm.start()].rstrip()
    if rest.endswith(")") and "POUCH" in rest:
        rest = _DELIVERY_NOTE.sub("", rest)
    for word in PRECEDENCE_WORDS:
        if rest.endswith(" " + word) or rest == word:
            precedence = word
            rest = rest[: -len(word)].rstrip()
            break
    else:
        head, _, last = rest.rpartition(" ")
        if head and len(last) >= 6 and (spelt := _misspelt_precedence(last)):
            precedence, rest = spelt, head.rstrip()
    return route, rest, precedence, serial


def _misspelt_precedence(word: str) -> str | None:
    for right in _PRECEDENCE_SPELLINGS:
        if word == right:
            return None
        if len(word) == len(right) and sorted(word) == sorted(right):
            return right
        if len(word) == len(right) - 1 and any(
            right[:i] + right[i + 1 :] == word for i in range(len(right))
        ):
            return right
    return None
