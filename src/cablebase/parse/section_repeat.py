"""The header that a partial extract repeats at the start of each later section.

A cables.csv partial extract of the 1990s and 2000s prints section 2 with everything the
printer put above it again: distribution lists, the DTG, FM/TO/INFO, the banner of the
section, SIPDIS, passing instructions, E.O., TAGS and SUBJECT (02VATICAN3985, 94ZAGREB82).
None of it is message text; the record's own header and preamble come from section 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cablebase.parse import lines as L

_LATER_SECTION = re.compile(r"\bSECTION\s+0*(?:[2-9]|[1-9]\d+)\s+OF\s+\d+", re.IGNORECASE)
_DTG = re.compile(r"^[ \t]*(?:[ZOPR][ \t]+){1,2}\d{6}Z[ \t]+[A-Z]{3}[ \t]+\d{2}[ \t]*$")
_ROUTING_WORD = re.compile(r"^[ \t]*(?:FM|TO|INFO|XMT|ACTION|BT)\b")
_DISTRIBUTION = re.compile(
    r"^[ \t]*(?:(?:ACTION|INFO)[ \t]+)?(?:[A-Z]+-\d\d[ \t]*)+(?:/\d+W)?[ \t]*$"
)
_TERMINAL = re.compile(r"^[ \t]*(?:NNNN\S*|-{6,}\S*[ \t]+\d{6}Z[ \t]*/\d+|.*\bPTQ\d+)[ \t]*$")
# An addressee between FM and the banner: capitals, no sentence punctuation at the end.
_ADDRESSEE = re.compile(r"^[ \t]*[A-Z0-9][A-Z0-9 /().,&'-]{1,70}[ \t]*$")
_PREAMBLE_FIELD = re.compile(
    r"^[ \t]*(?:E\.?[ \t]?O\.?[ \t]*\d|TAGS?\b|SUBJ(?:ECT)?\b)", re.IGNORECASE
)
_MESSAGE = re.compile(r"^[ \t]*(?:\d{1,3}[ \t]*[.)]|\([A-Z/]{1,8}\))")


def repeated_headers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the repeated section headers around the later-section banners in ``spans``."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if not _LATER_SECTION.search(text, start, end) or not L.BANNER.match(text[start:end]):
            continue
        above = _header_above(text, start)
        below = _preamble_below(text, end)
        if above < start:
            out.append((above, start))
        if below > end:
            out.append((end, below))
    return out


def _lines_up(text: str, pos: int) -> Iterator[tuple[int, str]]:
    """(start, line) of the lines above ``pos``, nearest first (at most 60).

    A generator: the reader stops at the first line that is no header, most often long
    before the sixtieth, and slicing lines it never reads was wasted work.
    """
    for _ in range(60):
        if pos <= 0:
            return
        start = text.rfind("\n", 0, pos - 1) + 1
        yield start, (text[start : pos - 1] if text[pos - 1] == "\n" else text[start:pos])
        pos = start


def _header_above(text: str, banner: int) -> int:
    """Where the repeated routing header above a later-section banner begins."""
    top = banner
    seen_fm = False
    for start, line in _lines_up(text, banner):
        stripped = line.strip()
        if not seen_fm:
            # between the banner and FM: addressees and blank lines
            if not stripped or _ADDRESSEE.match(line) or _ROUTING_WORD.match(line):
                seen_fm = stripped.startswith("FM ")
                top = start
                continue
            return banner
        # above FM: the DTG, distribution lists, page lines, banners, terminal marks
        if (
            not stripped
            or _DTG.match(line)
            or _DISTRIBUTION.match(line)
            or _TERMINAL.match(line)
            or L.is_noise(line)
            or L.is_banner_repeat(line)
        ):
            top = start
            continue
        break
    return top if seen_fm else banner


def _line_at(text: str, pos: int) -> tuple[str, int]:
    nl = text.find("\n", pos)
    end = len(text) if nl < 0 else nl + 1
    return text[pos:end], end


def _preamble_below(text: str, banner_end: int) -> int:
    """Where the repeated preamble under a later-section banner ends (or the banner end).

    It is the caveats and passing lines, then E.O., TAGS and SUBJECT with their wrapped
    lines, up to the blank line after them; without those fields nothing is taken.
    """
    pos = banner_end
    found_field = in_field = False
    for _ in range(30):
        if pos >= len(text):
            break
        line, end = _line_at(text, pos)
        if _MESSAGE.match(line):
            break
        if _PREAMBLE_FIELD.match(line):
            found_field = in_field = True
        elif not line.strip():
            if in_field and (furniture_end := _page_break_after(text, end)) is not None:
                # A page break inside a field: the SUBJECT wraps onto the next page
                # (95ZAGREB3944 prints "... SLOW PROGRESS ON", the page foot and head, then
                # "ESTABLISHING SAFEGUARDS FOR RETURN"), so the field goes on under it.
                pos = furniture_end
                continue
            in_field = False
            if found_field and not _PREAMBLE_FIELD.match(_line_at(text, end)[0]):
                return pos  # the blank line after the fields closes the repeat (kept)
        elif in_field and (L.is_noise(line) or L.is_banner_repeat(line)):
            furniture_end = _page_break_after(text, pos)
            pos = end if furniture_end is None else furniture_end
            continue
        elif found_field and not in_field:
            break
        pos = end
    return pos if found_field else banner_end


def _page_break_after(text: str, pos: int) -> int | None:
    """The end of the page break (banners, page line, blank lines) that starts at ``pos``,
    if the lines from there up to the next line of text are all furniture and blank."""
    saw_furniture = False
    for _ in range(30):
        if pos >= len(text):
            return None
        line, end = _line_at(text, pos)
        if line.strip():
            if not (L.is_noise(line) or L.is_banner_repeat(line)):
                return pos if saw_furniture else None
            saw_furniture = True
        pos = end
    return None
