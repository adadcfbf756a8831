"""Page furniture: page breaks, section markers, repeated banners, the archive's marks.

These lines were put into a cable's text by its printing and publishing; the clean body and
the message leave them out, the original keeps them.
"""

from __future__ import annotations

import re

from cablebase.parse import lines as L
from cablebase.parse.section_repeat import repeated_headers

# Furniture is found from literal words (fast C searches), then each hit's line is checked
# with the exact rules of ``lines``. A str.find pass costs about 1 ns a character whatever
# the word, so the number of passes is what counts: the words tied to a line's start are
# found by one regex pass with the literal prefix "\n", and the banner words that end a
# line by one pass per level word (14 passes instead of 24: ~190 -> ~130 us a cable).
_FURNITURE_WORDS = (
    "PAGE ",
    " OF 0",
    " of 0",
    "-------",
    "C O N F",
    "S E C R",
    "U N C L",
    "NOFORN",
    "USE ONLY",
    "LIMITED OFFICIAL",
)
# A line that opens with ">", "20", "19", "BT", "NNNN" or "#" (match start: its newline).
_LINE_START = re.compile(r"\n(?:[>#]|20|19|BT|NNN)")
# A line that closes with a level word (and maybe a space) before its newline.
_LINE_ENDS = (
    ("UNCLAS", ("\n", " \n", "SIFIED\n", "SIFIED \n")),
    ("CONFIDENTIAL", ("\n", " \n")),
    ("SECRET", ("\n", " \n")),
)

# "Thursday, 19 November 2009, 14:58": the site's date line above some bodies.
_SITE_DATE = re.compile(r"^[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d[ \t]*\n")
# The archive's own marks after a cable: a lone ">", "2001VATICA03027 - Classification: ...".
_ARCHIVE_MARK = re.compile(
    r"^[ \t]*(?:>|(?:19|20)\d\d[A-Z]+\d+ - (?:Classification: )?[A-Z /]+)[ \t]*\n?$"
)
_ARCHIVE_INITIALS = frozenset(">12")
_PLUSD_TAIL = 400
_PLUSD_CLOSING = re.compile(
    r"^[ \t]*(?:[A-Z]{0,8}VZCZC?[A-Z0-9]{0,12}|\*{3}[ \t]*Current [A-Za-z ]{1,40}\*{3}.*)[ \t]*\n?$"
)  # a cheap test before the pattern, on every hit


def furniture(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the furniture lines of ``text``, each with its newline.

    Page breaks, section markers and banners printed again are furniture, and so is a caveat
    line (``SIPDIS``) standing next to furniture (the ``CONFIDENTIAL / SIPDIS / PAGE 02``
    page breaks of 1980s cables). The first line (the banner itself) never is.
    """
    first_end = text.find("\n") + 1
    if first_end == 0:
        return []
    spans: list[tuple[int, int]] = []
    if _SITE_DATE.match(text):
        # The Dec 2010 site put its date line above the banner: chrome, and the banner
        # is the line after it.
        spans.append((0, first_end))
        while text.startswith("\n", first_end):
            first_end += 1
        first_end = (text.find("\n", first_end) + 1) or len(text)
    starts: set[int] = set()
    for m in _LINE_START.finditer(text, first_end):
        starts.add(m.start() + 1)
    for level, tails in _LINE_ENDS:
        i = text.find(level, first_end)
        while i >= 0:
            after = i + len(level)
            if text.startswith(tails, after):
                starts.add(text.rfind("\n", 0, i) + 1)
            i = text.find(level, after)
    for word in _FURNITURE_WORDS:
        i = text.find(word, first_end)
        while i >= 0:
            starts.add(text.rfind("\n", 0, i) + 1)
            nl = text.find("\n", i)
            if nl < 0:
                break
            i = text.find(word, nl + 1)
    last_line = text.rfind("\n") + 1
    if len(text) - last_line < 90:
        starts.add(last_line)  # a banner closing the text has no newline after it
    tail = max(first_end, len(text) - _PLUSD_TAIL)
    for word in ("VZCZ", "\n***"):
        # PlusD closes its pages with the next message's start run into a line
        # ("NMAFVVZCZ") and its status lines ("*** Current Classification ***  ..."):
        # looked for in the last lines only, where they stand.
        i = text.find(word, tail)
        while i >= 0:
            starts.add(i + 1 if word[0] == "\n" else text.rfind("\n", 0, i) + 1)
            i = text.find(word, i + len(word))
    for start in sorted(starts):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        line = text[start:end]
        if (
            L.is_noise(line)
            or L.is_banner_repeat(line)
            or (line.lstrip(" \t")[:1] in _ARCHIVE_INITIALS and _ARCHIVE_MARK.match(line))
            or (start >= tail and _PLUSD_CLOSING.match(line))
        ):
            spans.append((start, end))
    if spans:
        spans = _with_caveats(text, spans)
        if "SECTION" in text[first_end:]:
            spans = sorted(set(spans) | set(repeated_headers(text, spans)))
    return spans


def _with_caveats(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = set(spans)
    for start, end in spans:
        # the nearest non-blank line above and below
        above_end = start
        while above_end > 0:
            above_start = text.rfind("\n", 0, above_end - 1) + 1
            line = text[above_start:above_end]
            if line.strip():
                if L.is_caveat_line(line):
                    out.add((above_start, above_end))
                break
            above_end = above_start
        below_start = end
        while below_start < len(text):
            below_end = text.find("\n", below_start)
            below_end = len(text) if below_end < 0 else below_end + 1
            line = text[below_start:below_end]
            if line.strip():
                if L.is_caveat_line(line):
                    out.add((below_start, below_end))
                break
            below_start = below_end
    return sorted(out)


def clean(text: str, spans: list[tuple[int, int]], start: int = 0) -> str:
    """``text[start:]`` without the furniture ``spans``; blank runs squeezed to one."""
    pieces: list[str] = []
    pos = start
    for s, e in spans:
        if e <= pos:
            continue
        pieces.append(text[pos : max(pos, s)])
        pos = max(pos, e)
    pieces.append(text[pos:])
    return L.BLANK_RUN.sub("\n\n", "".join(pieces)).rstrip()
