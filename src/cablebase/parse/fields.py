"""Reading the text of one preamble field into values: E.O., TAGS, SUBJECT, Classified By."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Portion marks written before a subject or paragraph: (U), (C), (SBU), (S/NF), (C//REL ...).
PORTION_MARK = re.compile(
    r"^\s*\(\s*(?P<mark>(?:TS|S|C|U|SBU|LOU|FOUO|CUI)"
    # "(C - ENTIRE TEXT)" (88RABAT2739) classifies the whole text: it is no portion mark
    # "(S//REL TURKEY)", "(C/REL LIBYA)", "(S//REL TO USA, FVEY)": a release list of any length
    r"(?:\s*(?:/{1,2}|-)\s*(?!ENTIRE\b)(?:REL(?:,?[ ][A-Z]{2,12})+|[A-Z]{2,8}(?: [A-Z]{2,4})?))*)"
    r"\s*\)\s*",
    re.IGNORECASE,  # "1. (c) SUMMARY" (06BELGRADE1681) is marked in lower case
)


# Patterns used inside the readers below, compiled once (each runs once a cable or more).
_DECL_LABEL = re.compile(r"^DECL(?:ASSIFY)?(?:\s+ON)?\s*[:;.]\s*", re.IGNORECASE)
_SPACED_NA = re.compile(r"^N\s*/\s*A$", re.IGNORECASE)
_LEADING_DASH = re.compile(r"^-\s+")
_EO_NUMBER = re.compile(r"^E\.?\s?O\.?\s*\d{5}\s*,?\s*", re.IGNORECASE)
_SPACE_AFTER_OPEN = re.compile(r"\(\s+")
_SPACE_BEFORE_CLOSE = re.compile(r"\s+\)")


@dataclass(frozen=True, slots=True)
class ExecutiveOrder:
    number: str | None
    declassify_on: str | None
    note: str | None


_EO = re.compile(r"^(?P<num>\d{4,5})\b\s*[:;,.]?\s*(?P<rest>.*)$", re.DOTALL)
_DECL_DATE = re.compile(
    r"^(?:DECL(?:ASSIFY)?(?:\s+ON)?\s*[:;.]?\s*)?"
    r"(?:(?P<m>\d{1,2})[/.-](?P<d>\d{1,2})[/.-](?P<y>\d{2,4})"
    # "DECL: 2020/02/10" (10CARACAS163): the year first
    r"|(?P<y2>\d{4})[/.-](?P<m2>\d{1,2})[/.-](?P<d2>\d{1,2}))"
    r"\s*[.]?$",
    re.IGNORECASE,
)


# E.O. lines repeat from cable to cable (1,617 texts in the 11,669 of cables.sample.csv) and
# the record is frozen, so one reading serves every cable with the same line.
@functools.lru_cache(maxsize=4096)
def executive_order(text: str) -> ExecutiveOrder:
    """``12958: DECL: 03/23/2013`` -> 12958, 2013-03-23; ``12958: N/A`` -> note "N/A"."""
    m = _EO.match(" ".join(text.split()))
    if m is None:
        return ExecutiveOrder(None, None, " ".join(text.split()) or None)
    rest = m.group("rest").strip().rstrip(".").strip()
    date = _DECL_DATE.match(rest)
    if date is not None:
        if date.group("y") is not None:
            iso = _iso_date(date.group("y"), date.group("m"), date.group("d"))
        else:
            iso = _iso_date(date.group("y2"), date.group("m2"), date.group("d2"))
        if iso is not None:
            return ExecutiveOrder(m.group("num"), iso, None)
    note = _DECL_LABEL.sub("", rest)
    # "N/ A" (1973STATE097844): the OCR of PlusD pages spaces out the slash
    note = _SPACED_NA.sub("N/A", note)
    return ExecutiveOrder(m.group("num"), None, note or None)


def _iso_date(year: str, month: str, day: str) -> str | None:
    y = int(year)
    if len(year) == 2:
        y += 1900 if y > 50 else 2000
    mo, d = int(month), int(day)
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


# Patterns of the TAGS reader, compiled once: it runs on every cable.
_STOP_BETWEEN_CODES = re.compile(r"(?<=[A-Z])\.\s+(?=[A-Z])")
_PAREN_OPEN = re.compile(r"\s*\(\s*")
_PAREN_CLOSE = re.compile(r"\s*\)")


def tags(text: str) -> list[str]:
    """The TAGS codes in order, de-duplicated and upper case; person tags kept whole.

    Lists are comma-separated (``EFIS, PBTS, AR``) or space-separated (``PTER ASEC PGOV MX``);
    a comma inside parentheses belongs to a person tag (``OVIP (CLINTON, HILLARY)``).
    """
    return list(_tags(text))


# A TAGS line is often the same as another cable's (one in four in cables.sample.csv).
@functools.lru_cache(maxsize=4096)
def _tags(text: str) -> tuple[str, ...]:
    flat = " ".join(text.replace("\n", " ").split())
    flat = flat.rstrip(".;,")
    # "PHUM. SF" (90CAPETOWN97): a full stop between codes separates them like a comma.
    if "." in flat:
        flat = _STOP_BETWEEN_CODES.sub(", ", flat)
    items = _split_top_level(flat, ",;") if _has_top_level(flat, ",;") else _split_words(flat)
    # "BX OVIP (CLINTON, WILLIAM J.)" inside a comma list lost its comma; words such as
    # "DOMESTIC POLITICS" stay whole, so an item splits only when every word is a code.
    items = [part for item in items for part in _codes_or_item(item)]
    out: list[str] = []
    for item in items:
        tag = " ".join(item.strip(" .,;").upper().split())
        if "(" in tag or ")" in tag:
            tag = _PAREN_CLOSE.sub(")", _PAREN_OPEN.sub(" (", tag))
        if tag and tag not in out:
            out.append(tag)
    return tuple(out)


_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,4}(?: \(.*\))?$")


def _codes_or_item(item: str) -> list[str]:
    if len(item.split(None, 1)) < 2:
        return [item]  # one word: nothing to split (most items of a comma list)
    words = _split_words(" ".join(item.split()).upper())
    if len(words) > 1 and all(_CODE.match(w) for w in words):
        return words
    return [item]


def _has_top_level(text: str, seps: str) -> bool:
    if "(" not in text:
        # no group opens, so every separator is at the top level (the common case)
        return any(sep in text for sep in seps)
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if depth == 0 and ch in seps:
            return True
    return False


def _split_top_level(text: str, seps: str) -> list[str]:
    if "(" not in text:
        # no group opens: a plain split gives the same parts, empty ones included
        for sep in seps[1:]:
            text = text.replace(sep, seps[0])
        return text.split(seps[0])
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")" and depth > 0:
            depth -= 1
        elif ch in seps and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _split_words(text: str) -> list[str]:
    # "OVIP (RICE, CONDOLEEZZA)" in a space-separated list: the group joins its code.
    out: list[str] = []
    for part in _split_top_level(text, " "):
        if part.startswith("(") and out:
            out[-1] += " " + part
        elif part:
            out.append(part)
    return out


def subject(text: str) -> tuple[str, str | None]:
    """The subject without its leading portion mark, and the mark (``(C) FOO`` -> FOO, C)."""
    joined = " ".join(
        _LEADING_DASH.sub("", line.strip())
        for line in text.splitlines()
        # a line of "..." marks a record cut short (73TEHRAN2077), not subject text
        if line.strip() and line.strip(" .\u2026")
    )
    joined = " ".join(joined.split())
    m = PORTION_MARK.match(joined)
    if m is None:
        return joined, None
    return joined[m.end() :].strip(), " ".join(m.group("mark").upper().split())


_REASONS = re.compile(
    r"(?:[\s.,;:]+|\s*\(?)(?:for\s+|under\s+)?(?:e\.?\s?o\.?\s*\d{5}\s*,?\s*)?"
    # a line wrap may split the word anywhere: "REASO NS" (07PARIS322), "Reason s" (07PRETORIA356)
    r"(?:r\s?e\s?a\s?s\s?o\s?n(?:\s?s)?|rsns?)\b\s*[:.]?\s*"
    # "... DOWNES FOR 1.4 (D)" (06CARACAS958): the reasons follow a bare FOR.
    r"|\s+for\s+(?=\d\.\d)"
    # "CLASSIFIED BY SECTION 1.5 (B) AND (D)" (95TELAVIV17504) names no one.
    r"|^(?:section|sec\.)\s+(?=\d\.\d)",
    re.IGNORECASE,
)
# A word cut by a line wrap: "Economic Affai" / "rs, for Reasons" (10BERLIN128). Only a
# fragment of one to three lower-case letters that is no word of its own is joined back.
_WRAPPED_FRAGMENT = re.compile(
    r"(?<=[a-z])[ \t]*\n[ \t]*"
    r"(?=(?!(?:a|an|at|as|by|in|is|of|on|or|to|and|for|the|per)\b)[a-z]{1,3}\b)"
)
_CLASSIFIED_BY = re.compile(r"^(?:classified\s+by\s*[:;.]?\s*)+", re.IGNORECASE)


def classified_by(text: str) -> tuple[str | None, str | None]:
    """``Ambassador X for Reasons 1.5 (b) and (d).`` -> ("Ambassador X", "1.5 (b) and (d)")."""
    if "\n" in text:
        text = _WRAPPED_FRAGMENT.sub("", text)
    flat = " ".join(text.split())
    if not flat:
        return None, None
    # "CLASSIFIED BY: CLASSIFIED BY POLOFF ..." (02KINSHASA876): the label written twice
    flat = _CLASSIFIED_BY.sub("", flat)
    m = _REASONS.search(flat)
    if m is None:
        return flat.rstrip(" .,;") or None, None
    who = flat[: m.start()].strip(" .,;:")
    # "REASON E.O.12958 1.5 (B,D)": the order's number is not a reason.
    why = _EO_NUMBER.sub("", flat[m.end() :])
    # "1.4 (D" / ")" and "( " / "d)" wrapped inside the brackets (04CARACAS2145, 07BERN881)
    if "( " in why or " )" in why:
        why = _SPACE_AFTER_OPEN.sub("(", _SPACE_BEFORE_CLOSE.sub(")", why))
    why = why.strip(" .;:")
    return who or None, why or None
