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
    # "E.O.:  12958:" (97DAMASCUS2809) puts a colon after the letters too
    "eo": re.compile(r"^\s*E\s*\.?\s*O\s*\.?\s*[:;]?\s*(?P<rest>\d{4,5}\b.*)$", re.IGNORECASE),
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
# A lettered REF item naming a cable: "(C) LAGOS 5179", "C. 89 LAGOS 5220".
_LABELLED_CABLE = re.compile(r"^\s*\(?[A-Z][.)]\s*(?:\d{2,4}\s+)?[A-Z][A-Z ]{1,25}\s\d{2,6}\b")
# ("1.(C) Summary:" runs the mark onto the number in the 2011 site's pages: 08TRIPOLI220)
_MESSAGE_START = re.compile(
    r"^\s*(?:\d{1,3}\s*[.)](?:\s+|(?=\([A-Z]))|\((?:U|C|S|SBU|TS|S/NF|C/NF)\)\s)"
)
# The NARA re-marking of 1966-1990 cables puts the level they held in a free sentence.
_NARA = re.compile(r"copy from the national archives|original telegram was", re.IGNORECASE)
# Caveat lines that the shared CAVEAT_LINE does not know: "SENSITIVE BUT UNCLASSIFIED --
# HANDLE ACCORDINGLY" (07PARIS1791) and the "TERREP EXCLUSIVE" caption (86DAMASCUS2090).
_CAVEAT_CAPTION = re.compile(
    r"^\s*(?:SENSITIVE BUT UNCLASSIFIED\b[\s-]*(?:HANDLE ACCORDINGLY)?|TERREP EXCLUSIVE)[\s.]*$",
    re.IGNORECASE,
)
# A row of a cable listing glued after a record cut short (73TEHRAN2077: "50133  2006-01-19
# 06THEHAGUE131 ..."): another cable begins there, so this one's preamble has ended.
_LISTING_ROW = re.compile(r"^\s*\d{1,7}\s+\d{4}-\d\d-\d\d\s+\d{2}[A-Z]")
# "Classified By" written inside paragraph 1 of 1990s cables (97DAMASCUS2809:
# "1.  (U) CLASSIFIED BY AMBASSADOR ..., REASON: 1.5 (B) AND (D).").
_PARAGRAPH_ONE = re.compile(r"^\s*\u00b6?\s*1\s*[.)]\s+")
_CLASSIFIED_IN_TEXT = re.compile(r"\bCLASSIFIED\s+BY\b\s*[:;.]?\s*", re.IGNORECASE)
# The end of the classification sentence: a full stop before the next sentence.
_SENTENCE_END = re.compile(r"\.(?=\s+[A-Z]{2,}\b)|\.\s*$")
# The reason sentence ends the Classified By field; an E.O. line after it
# ("REASON" / "E.O.12958 1.5 (B,D)", 02VATICAN2146) is the rest of the reasons.
_OPEN_REASON = re.compile(r"(?:reasons?|for|under|per)\s*[:,]?\s*$", re.IGNORECASE)


# Small patterns of the banner and paragraph-1 readers, compiled once (they run on every
# cable; re.search with a string pattern pays a cache look-up and an enum flag each call).
_REASON_NUMBER = re.compile(r"\d\.\d")
_DIGIT = re.compile(r"\d")
_DIGIT_OR_SECTION = re.compile(r"\d|SECTION", re.IGNORECASE)
_UP_TO_SERIAL = re.compile(r"^.*?\d+\s*")


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
        if "\\" in line:
            # Lines ending in a backslash (07BERN881: a CSV row with escaped line ends).
            line = line.rstrip().rstrip("\\")
        stripped = line.strip()
        if not stripped:
            # A blank line ends a field, except between the lettered items of a REF list
            # and before a page break inside a field (95ZAGREB3944: SUBJECT runs on after
            # "UNCLASSIFIED / PAGE 02 ...").
            if not (
                (current == "ref" and _next_is_ref_item(body_lines, i))
                or (current is not None and _page_break_next(body_lines, i))
            ):
                current = None
            i += 1
            continue
        if L.is_noise(line) or (pre.banner and L.is_banner_repeat(line)):
            i += 1  # printing noise, also inside a wrapped field: skip it
            continue
        if stripped[0].isdigit() and _LISTING_ROW.match(line):
            break
        started = _field_start(line)
        if (
            started is not None
            and started[0] == "eo"
            and current == "classified_by"
            and _OPEN_REASON.search(pre.fields["classified_by"][-1])
        ):
            started = None
        if started is not None:
            current, rest = started
            last_field = current
            pre.fields.setdefault(current, []).append(rest)
            seen_subject = seen_subject or current == "subject"
            i += 1
            continue
        if current is None and (L.is_caveat_line(line) or _CAVEAT_CAPTION.match(line)):
            pre.caveats.extend(_caveat_words(stripped))
            i += 1
            continue
        if current is not None and (
            not _MESSAGE_START.match(line) or (current == "ref" and _LABELLED_CABLE.match(line))
        ):
            # ("(C) LAGOS 5179" under a REF line is its item C, not a paragraph marked C)
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
    if (
        "classified_by" not in pre.fields
        and i < n
        and _PARAGRAPH_ONE.match(body_lines[i])
        and (found := _classified_in_first_paragraph(body_lines, i)) is not None
    ):
        pre.fields["classified_by"] = [found]
    return pre


def repeat_introduction(body_lines: list[str], message_start: int) -> str:
    """The introduction of a repeated cable, as the blocks that open its message.

    "FOLLOWING BAGHDAD 04258 ... BEING REPEATED FOR YOUR INFO: / QUOTE:" (90STATE244793)
    stands between the banner and the repeated cable's own banner and preamble: words of the
    message, though the preamble reader passes over them. "" when there is none.
    """
    for i, line in enumerate(body_lines[: min(message_start, 40)]):
        if line.lstrip()[:9].upper() != "FOLLOWING":
            continue
        end = i
        while end < message_start and body_lines[end].strip() and end - i < 8:
            end += 1
        intro = "\n".join(body_lines[i:end])
        if "REPEATED" not in intro.upper():
            return ""
        blocks = [intro]
        while end < message_start and not body_lines[end].strip():
            end += 1
        if end < message_start and _QUOTE_LINE.match(body_lines[end]):
            blocks.append(body_lines[end].strip())
        return "\n\n".join(blocks) + "\n\n"
    return ""


_QUOTE_LINE = re.compile(r"^\s*(?:BEGIN\s+)?QUOTE\s*:?\s*$", re.IGNORECASE)


def _classified_in_first_paragraph(body_lines: list[str], i: int) -> str | None:
    """The Classified By sentence of paragraph 1, which stays in the message too."""
    lines: list[str] = []
    for line in body_lines[i : i + 6]:
        if not line.strip() or (lines and (_MESSAGE_START.match(line) or "\u00b6" in line)):
            break
        lines.append(line.strip())
    text = "\n".join(lines)
    m = _CLASSIFIED_IN_TEXT.search(text)
    if m is None:
        return None
    rest = text[m.end() :]
    if not _REASON_NUMBER.search(rest):
        return None  # "... AS CLASSIFIED BY THE MINISTRY": no reasons, no marking
    end = _SENTENCE_END.search(rest)
    while end is not None and not _REASON_NUMBER.search(rest, 0, end.start()):
        # "CHARGE D'AFFAIRES GEORGIA T. WRIGHT. REASONS 1.5 (C)." (99BANDARSERIBEGAWAN381):
        # the sentence holding the reasons is the last one taken.
        end = _SENTENCE_END.search(rest, end.end())
    return rest[: end.start()] if end is not None else rest


def _page_break_next(body_lines: list[str], i: int) -> bool:
    for line in body_lines[i + 1 : i + 6]:
        if line.strip():
            return L.is_noise(line) or L.is_banner_repeat(line)
    return False


def _read_banner(body_lines: list[str], pre: Preamble) -> int:
    for i, line in enumerate(body_lines[:12]):
        if line.strip() and _take_banner(line, pre):
            return i + 1
    if body_lines and "\t" in body_lines[0]:
        # A record glued into a tab-separated row (07BERN881): date, id, origin, level,
        # references, then the header lines, and the banner after the last tab.
        for i, line in enumerate(body_lines[:150]):
            if "\t" in line and _take_banner(line.rsplit("\t", 1)[1].rstrip(" \\"), pre):
                return i + 1
    return 0


def _take_banner(line: str, pre: Preamble) -> bool:
    m = L.BANNER.match(line)
    if m is None or _is_nara(line):
        return False
    rest = m.group("rest")
    # "UNCLASSIFIED BUENOS AIRES 2481" is a banner; "Unclassified information follows."
    # is not: a banner has a station and serial or a SECTION marker, or nothing.
    if rest.strip() and not _has_digit_or_section(rest) and not L.is_caveat_line(rest):
        return False
    pre.banner = line.strip()
    pre.level = L.LEVEL_WORDS[" ".join(m.group("level").upper().split())]
    if sm := L.SECTION.search(rest):
        pre.section, pre.sections = int(sm.group("n")), int(sm.group("of"))
    tail = _UP_TO_SERIAL.sub("", rest) if _DIGIT.search(rest) else rest
    pre.caveats.extend(_caveat_words(tail))
    # "UNCLASSIFIED LIMITED OFFICIAL USE SECTION 01 OF 04 ZAGREB 00082" (94ZAGREB82):
    # the LOU marking follows the level word.
    if "LIMITED OFFICIAL USE" in " ".join(m.group("level").upper().split()) or (
        "LIMITED OFFICIAL USE" in " ".join(rest.upper().split())
    ):
        pre.caveats.insert(0, "LIMITED OFFICIAL USE")
    return True


def _has_digit_or_section(rest: str) -> bool:
    """``_DIGIT_OR_SECTION.search(rest)``; on ASCII text a case-blind word is the word in the
    upper-cased text, found without an IGNORECASE scan (~1 us a banner)."""
    if not rest.isascii():
        return _DIGIT_OR_SECTION.search(rest) is not None
    return _DIGIT.search(rest) is not None or "SECTION" in rest.upper()


def _field_ahead(body_lines: list[str], i: int) -> bool:
    """Does another preamble field start in the next few lines, before the message does?"""
    seen = 0
    previous = body_lines[i]
    for line in body_lines[i + 1 : i + 12]:
        if not line.strip() or L.is_noise(line):
            continue
        if _field_start(line) is not None and not _runs_on(previous):
            return True
        previous = line
        if _MESSAGE_START.match(line):
            return False
        seen += 1
        if seen >= 4:
            return False
    return False


# "... KEYED TO QUESTIONS IN PARA 3 OF / REFTEL:" (00KINSHASA8008): a sentence wrapped before
# a label word; the line that ends in one of these words runs on, so no field starts under it.
_RUNS_ON = re.compile(r"\b(?:OF|IN|TO|THE|PER|SEE|BY|FROM|AND|ON)[ \t]*$", re.IGNORECASE)


def _runs_on(line: str) -> bool:
    return _RUNS_ON.search(line[-12:]) is not None


# Each field label has its own first letters (after the indent), so a line is tried against
# one pattern at most instead of five IGNORECASE ones; "ſ" is there because IGNORECASE
# matches it to "s". (_field_start runs on every preamble line: ~9 a cable.)
_FIELD_BY_INITIAL = {
    initial: (name, _FIELD_START[name])
    for name, initials in (
        ("eo", "Ee"),
        ("tags", "Tt"),
        ("subject", "Ssſ"),
        ("ref", "Rr"),
        ("classified_by", "Cc("),
    )
    for initial in initials
}


def _field_start(line: str) -> tuple[str, str] | None:
    entry = _FIELD_BY_INITIAL.get(line.lstrip()[:1])
    if entry is None:
        return None
    name, pattern = entry
    m = pattern.match(line)
    return (name, m.group("rest")) if m else None


def _next_is_ref_item(body_lines: list[str], i: int) -> bool:
    for line in body_lines[i + 1 : i + 4]:
        if line.strip():
            return bool(_REF_ITEM.match(line)) and _field_start(line) is None
    return False


_CAVEAT_TOKEN = re.compile(
    r"FOR OFFICIAL USE ONLY|SENSITIVE BUT UNCLASSIFIED|NOFORN|SIPDIS|EXDIS|NODIS|LIMDIS|"
    r"STADIS|SENSITIVE|ORCON|PROPIN|NOCONTRACT|WNINTEL|CHEROKEE|TERREP EXCLUSIVE|TERREP",
    re.IGNORECASE,
)


# The same tokens matched case-sensitively in upper-cased text. On ASCII text that is the
# same match (upper() maps each ASCII letter to the one form IGNORECASE compares), and 20x
# faster: a case-blind alternation of 16 words tried at every position took ~7 us a banner.
_CAVEAT_TOKEN_UPPER = re.compile(_CAVEAT_TOKEN.pattern)
_NARA_UPPER = re.compile(_NARA.pattern.upper())


def _caveat_words(text: str) -> list[str]:
    if not text or text.isspace():
        return []  # (the tail of most banners: a scan costs ~1 us even over nothing)
    if text.isascii():
        return [" ".join(m.group(0).split()) for m in _CAVEAT_TOKEN_UPPER.finditer(text.upper())]
    return [" ".join(m.group(0).upper().split()) for m in _CAVEAT_TOKEN.finditer(text)]


def _is_nara(line: str) -> bool:
    if line.isascii():
        return _NARA_UPPER.search(line.upper()) is not None  # (see _CAVEAT_TOKEN_UPPER)
    return _NARA.search(line) is not None
