"""Line classes shared by the body readers: banners, page breaks, section markers.

These are the lines that the printing and sectioning of a cable put into its text and that
a reader of the message does not want to see (``PAGE 02 SOFIA 03382 111320Z``,
``MEXICO 00000023 002 OF 003``, a repeated ``CONFIDENTIAL`` at a page foot).
"""

from __future__ import annotations

import re

# The line patterns below open with a possessive ``^\s*+``: every alternative after it starts
# with a non-space character, so giving back spaces can never help a match, and without it
# a failed match on an indented line retried each alternative at every indent (7 us a call on
# "                   LIMITED OFFICIAL USE", the indented page feet of 1990s ZAGREB cables).

# The spaced-out banners are how classified cables print their level (`C O N F I D E N T I A L`).
LEVEL_WORDS = {
    "TOP SECRET": "TOP SECRET",
    "T O P S E C R E T": "TOP SECRET",
    "SECRET": "SECRET",
    "S E C R E T": "SECRET",
    "CONFIDENTIAL": "CONFIDENTIAL",
    "C O N F I D E N T I A L": "CONFIDENTIAL",
    "UNCLASSIFIED": "UNCLASSIFIED",
    "U N C L A S S I F I E D": "UNCLASSIFIED",
    "UNCLAS": "UNCLASSIFIED",
    "UNCLASS": "UNCLASSIFIED",
    "LIMITED OFFICIAL USE": "UNCLASSIFIED",
    "L I M I T E D O F F I C I A L U S E": "UNCLASSIFIED",
}
_LEVEL_ALT = "|".join(sorted((re.escape(w) for w in LEVEL_WORDS), key=len, reverse=True))

# The first body line: level, optional SECTION n OF m, then station and serial, sometimes
# followed by caveats ("S E C R E T SECTION 01 OF 02 BAGHDAD 000123 NOFORN").
BANNER = re.compile(rf"^\s*+(?P<level>{_LEVEL_ALT})\b(?P<rest>.*)$", re.IGNORECASE)
SECTION = re.compile(r"\bSECTION\s+0*(?P<n>\d+)\s+OF\s+0*(?P<of>\d+)\b", re.IGNORECASE)

# A banner-only line (page foot or head): the level alone, maybe with a caveat after "//".
BANNER_ONLY = re.compile(
    rf"^\s*+(?:{_LEVEL_ALT})(?:\s*(?://|/)?\s*(?:NOFORN|SIPDIS|EXDIS|NODIS|LIMDIS|SENSITIVE|"
    r"FOR OFFICIAL USE ONLY|FOUO))*\s*$",
    re.IGNORECASE,
)
# "PAGE 02        SOFIA  03382  111320Z" and the NARA-era "PAGE 01 HO CHI 00400 01 OF 02 190630Z".
PAGE_BREAK = re.compile(r"^\s*+PAGE\s+\d{1,3}\s+\S.*\b\d{6}Z\s*$")
# Section markers of 2000s cables: "MEXICO 00000023 002 OF 003".
# ("CARACAS 00000958 001.2 OF 005": a corrected copy numbers its pages 001.2.)
SECTION_MARKER = re.compile(
    r"^\s*+[A-Z][A-Z .'-]*\s+0{3,}\d+\s+\d{3}(?:\.\d+)?\s+(?:OF|of)\s+\d{3}\s*$"
)
# A repeat of the banner of a later section: "UNCLAS SECTION 02 OF 03 MEXICO 000023".
SECTION_BANNER = re.compile(
    rf"^\s*+(?:{_LEVEL_ALT})\s+SECTION\s+\d+\s+OF\s+\d+\s+.*\d+\s*(?:\S+\s*)?$", re.IGNORECASE
)
# "--------------8887C2  190631Z /38" lines of the receiving terminal.
TERMINAL_RULE = re.compile(r"^\s*+-{6,}[0-9A-F]{4,}\s+\d{6}Z\s*/\d+\s*$")
# An ACP-127 end-of-message and the continuation header of a multi-section cable.
END_OF_MESSAGE = re.compile(r"^\s*+(?:BT|NNNN?|#\d{4}(?:/\d+)?)\s*$")  # NNN: PlusD

CAVEAT_LINE = re.compile(
    r"^\s*+(?:NOFORN|SIPDIS|EXDIS|NODIS|LIMDIS|STADIS|SENSITIVE|FOR OFFICIAL USE ONLY|"
    r"SENSITIVE BUT UNCLASSIFIED|ORCON|PROPIN|CHEROKEE|TERREP|NOCONTRACT|WNINTEL)"
    r"(?:\s*(?:,|/|//)?\s*(?:NOFORN|SIPDIS|EXDIS|NODIS|LIMDIS|STADIS|SENSITIVE|ORCON|"
    r"PROPIN|NOCONTRACT|WNINTEL))*\s*$",
    re.IGNORECASE,
)

# The first character a caveat line can have after its indent: the initials of its words in
# either case, and "ſ", which IGNORECASE matches to "s" (checked over all of Unicode).
_CAVEAT_INITIALS = frozenset("NSELFOPCTWnselfopctwſ")
# The first four characters of each caveat word: an ASCII line whose first four, upper-cased,
# are none of them cannot match (half of all text lines open with one of the initials).
_CAVEAT_PREFIXES = frozenset(
    {
        *("NOFO", "SIPD", "EXDI", "NODI", "LIMD", "STAD", "SENS"),
        *("FOR ", "ORCO", "PROP", "CHER", "TERR", "NOCO", "WNIN"),
    }
)


def is_caveat_line(line: str) -> bool:
    """``CAVEAT_LINE.match(line)``, with cheap tests before the pattern: a failed IGNORECASE
    alternation of 14 words costs ~0.6 us, and most lines tried are message text."""
    head = line.lstrip()[:4]
    if head.isascii():
        return head.upper() in _CAVEAT_PREFIXES and CAVEAT_LINE.match(line) is not None
    return head[:1] in _CAVEAT_INITIALS and CAVEAT_LINE.match(line) is not None


_BANNER_INITIALS = frozenset("UCSTLucstl")
# The first four characters of each level word: an ASCII line that opens with none of them
# (upper-cased) matches neither banner pattern, and the IGNORECASE alternation of twelve words
# costs ~2 us a failed try (most lines tried open with an S or a C and are text or fields).
_LEVEL_PREFIXES = frozenset(word[:4] for word in LEVEL_WORDS)


def is_noise(line: str) -> bool:
    """True for printing noise: page breaks, section markers, terminal rules, end marks."""
    # Cheap first-character tests come first: this runs on every line of every cable.
    s = line.strip()
    if not s:
        return False
    first = s[0]
    if first == "P" and PAGE_BREAK.match(s):
        return True  # (PARIS, PRAGUE... section markers start with P too: go on)
    if first == "-":
        return bool(TERMINAL_RULE.match(s))
    if first == "#" or s in ("BT", "NNNN", "NNN"):
        return bool(END_OF_MESSAGE.match(s))
    return (" OF " in s or " of " in s) and len(s) < 60 and bool(SECTION_MARKER.match(s))


def is_banner_repeat(line: str) -> bool:
    """A banner printed again at a page foot or a section start (``UNCLASSIFIED``)."""
    s = line.strip()
    if not s or s[0] not in _BANNER_INITIALS or len(s) > 90:
        return False
    head = s[:4]
    if head.isascii() and head.upper() not in _LEVEL_PREFIXES:
        return False  # (a non-ASCII head goes to the patterns: IGNORECASE matches "ſ" to "s")
    return bool(BANNER_ONLY.match(s) or (" OF " in s.upper() and SECTION_BANNER.match(s)))


# Two blank lines or more: r"\n(?:[ \t]*\n){2,}" unrolled. The same greedy match, but a
# newline that starts no run fails on plain characters instead of entering the counted
# group (the sub runs twice a cable over the whole text: 15 -> 11 us a cable).
BLANK_RUN = re.compile(r"\n[ \t]*\n[ \t]*\n(?:[ \t]*\n)*")
