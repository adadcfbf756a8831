"""REF lines: what a cable cites, one :class:`Reference` per cited item.

The caller finds the REF block(s) in the body; this module reads them. Shapes seen in the
corpus (cables-csv/cables.sample.csv bodies, cablegate-html bodies):

- ``REF: STATE 145633`` (08MEXICO23: no year, and the serial is from the year before);
- lettered lists ``A. STATE 193154 B. BRUSSELS 3822`` (04BRUSSELS3840), ``(A) ZAGREB 470``
  (03ZAGREB617), ``A) STATE 380832 (NOTAL)`` (90MOGADISHU9903), ``REFS: A) ...`` (91MOSCOW10336);
- years written ``04 RANGOON 1612`` (05RANGOON21), ``2002 OTTAWA 2048``, or not at all;
- station spellings ``SECSTATE 153857`` (04BRUSSELS3055), ``HCMC 000766``
  (04HOCHIMINHCITY45), ``NEW DELHI 17853`` (87NEWDELHI19406), mixed case ``State 088579``;
- two serials sharing year and station: ``RANGOON 575 AND 578`` (the references column
  of the same cable lists both);
- items that are not cables: ``PIERCE E-MAIL 03/19/04`` (04TEGUCIGALPA672), ``IIR 6 902 9829
  04`` (04CARACAS3031), ``USEU TODAY 09/08/2004`` (04BRUSSELS3840), DTGs, memcons, letters.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from itertools import pairwise

from cablebase.model import Reference, ReferenceKind
from cablebase.parse.reference_id import (
    canonical_reference_id,
    canonical_station,
    make_reference_id,
)
from cablebase.parse.serials import full_year, serial_table

# A REF heading at a line start: "REF:", "REFS:", "REFTELS:", "REFERENCES:". A cable may
# carry two REF blocks (a classified and an unclassified one), each with its own list.
_HEADING = re.compile(r"(?im)^[ \t]*REF(?:ERENCE|TEL)?S?\b[ \t]*[:.-]?")
_TOKEN = re.compile(r"[A-Z][A-Z'.]*|\d+|[^\sA-Z\d]")
# Labels "A.", "A)", "A:", "(A)": recognised only in alphabetical order, so "U.S." or an
# initial in a name ("E. SMITH") is not taken for one.
# "A)STATE 198912" (01HAVANA4690) and "¶B." (09UNVIEVIENNA279) occur too.
_LABEL = re.compile(
    r"(?:^|(?<=[\s,;\u00b6]))"
    r"(?:\(([A-Z])\)(?=\s|$|\w)|([A-Z])(?:[.:](?=\s|$)|\.(?=[A-Z]{3}))|([A-Z])\)(?=\s|$|\w))"
)
# A colon before "[YEAR] STATION SERIAL" ends an item (72TEHRAN4789 "... 1972: TEHRAN 3312").
_COLON = re.compile(r":\s+(?=(?:\d{2}|\d{4})?\s*([A-Z][A-Z .'-]{1,30}?)\s+0*\d{1,7}\b)", re.I)
_SENTENCE = re.compile(r"(?:[A-Z]{3}|\d|\))\.\s+[A-Z]", re.I)
# Serials with the letter O for zero: "BANDAR O030O" (99BANDARSERIBEGAWAN381).
_OCR_HINT = re.compile(r"\dO|O\d")
_OCR_ZERO = re.compile(r"\b(?=O*\d)[O\d]*O[O\d]*\b")
_TD_NUMBER = re.compile(r"\bTDX?-?\s?\d{3}/[\d-]+")
_STATION_ONLY = re.compile(
    r"^(?:'?((?:19|20)\d\d|\d\d)\s+)?([A-Z][A-Z .-]*?)(?:\s+'?((?:19|20)\d\d|\d\d))?$"
)
_LEAD_NOISE = re.compile(r"(?i)^[\s\u00b6-]*(?:[A-Z][.)]\s*)?(?:REF(?:ERENCE|TEL)?S?\s*[:.]?)?\s*$")
_MONTHS = frozenset(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
)
_EMAIL = re.compile(r"E-?\s?MAILS?\b|\bEMAIL|\bMESSAGE FROM\b")
_REPORT = re.compile(
    r"\b(?:REPORTS?|IIRS?|INTSUM|SITREP|FBIS|STUDY|ASSESSMENT|TESTIMONY|TDX?|INR)\b"
)
_CABLE_WORDS = re.compile(r"\b(?:DTG|\d{6}Z|TELEGRAMS?|CABLES?|REFTEL|MSG|TWX)\b")
_MAX_STATION_WORDS = 5
# (compiled once: re.match with a string pattern pays the module's cache look-up each call)
_CITING_ID = re.compile(r"^(\d{2}|\d{4})([A-Z]+?)(\d+)$")
_YEAR = re.compile(r"(19|20)\d\d")
# Stations renamed or written two ways (posts.csv aliases): a REF line may use either name,
# while Cablegate filed the cable under one (04TAIPEI4007 cites AIT TAIPEI telegrams).
_TWINS: dict[str, tuple[str, ...]] = {
    "TAIPEI": ("AITTAIPEI",),
    "AITTAIPEI": ("TAIPEI",),
    "KIEV": ("KYIV",),
    "KYIV": ("KIEV",),
    "CALCUTTA": ("KOLKATA",),
    "KOLKATA": ("CALCUTTA",),
    "MADRAS": ("CHENNAI",),
    "CHENNAI": ("MADRAS",),
    "LENINGRAD": ("STPETERSBURG",),
    "STPETERSBURG": ("LENINGRAD",),
    "RPODUBAI": ("IRANRPODUBAI",),
    "IRANRPODUBAI": ("RPODUBAI",),
    "PARISFR": ("UNESCOPARIS", "UNESCOPARISFR"),
    "UNESCOPARIS": ("PARISFR", "UNESCOPARISFR"),
    "UNESCOPARISFR": ("PARISFR", "UNESCOPARIS"),
}


def parse_references(
    ref_text: str, *, citing_id: str | None, created: str | None
) -> tuple[Reference, ...]:
    """The references of a REF block; cable references carry their canonical id.

    ``citing_id`` and ``created`` (ISO date of the citing cable) date the references that
    omit their year; without either such a reference keeps ``reference_id`` None.
    """
    if not isinstance(ref_text, str):
        return ()
    drafts: list[_Draft] = []
    for block in _blocks(ref_text):
        previous: _Cited | None = None
        for label, text in _items(block):
            if label and _is_prose(text):
                # 00KINSHASA8008: the body's lettered answers follow the REF line.
                break
            for draft in _drafts(label, text, previous):
                drafts.append(draft)
                previous = draft.cited[-1] if draft.cited else previous
    written = max((c[0] for d in drafts for c in d.cited if c[0] is not None), default=None)
    citing = _Citing.of(citing_id, created).at_least(written)
    out: list[Reference] = []
    for d in drafts:
        if d.cited:
            out.extend(
                Reference(d.label, d.text, ReferenceKind.CABLE, _resolve(*c, citing))
                for c in d.cited
            )
        else:
            out.extend(Reference(d.label, d.text, d.kind, None) for _ in range(d.count))
    return tuple(out)


def parse_references_column(column: str) -> tuple[str, ...]:
    """The ``cables.csv`` references column (``|``-separated) as canonical ids.

    Malformed values are split or repaired where they can be: ``04BRASILIA2799AND2764`` ->
    04BRASILIA2799, 04BRASILIA2764; ``03Brasilia3939`` -> 03BRASILIA3939. Values that are
    not ids (``04DTG111437ZMAR4``) are kept as published.
    """
    out: list[str] = []
    for value in (v.strip() for v in column.split("|")):
        if not value:
            continue
        ids = _column_value(value)
        for rid in ids or (value,):
            if rid not in out:
                out.append(rid)
    return tuple(out)


class _Citing:
    """What dates a reference without a year: the citing cable's station, serial and date."""

    def __init__(self, station: str | None, serial: int | None, on: dt.date | None) -> None:
        self.station, self.serial, self.on = station, serial, on

    @classmethod
    def of(cls, citing_id: str | None, created: str | None) -> _Citing:
        on = _date(created)
        station = serial = None
        rid = canonical_reference_id(citing_id or "") or ""
        m = _CITING_ID.match(rid)
        if m:
            year = full_year(m.group(1)) if len(m.group(1)) == 2 else int(m.group(1))
            station, serial = m.group(2), int(m.group(3))
            if on is None or on.year != year:
                # The id's year is exact; a created date from another year is a wrapper error.
                on = dt.date(year, 12, 31)
        return cls(station, serial, on)

    def at_least(self, written: int | None) -> _Citing:
        """The citing date moved to ``written``, a later year written on the REF line itself.

        00ATHENS1501 is a 2009 cable published with year 00 ("REF: 09 STATE 96625"): no cable
        cites a later one, so the written year dates the citing cable. A year far ahead is
        more likely a misread number than a wrong id, and is not followed.
        """
        on = self.on
        if on is None or written is None or not on.year < written <= on.year + 10:
            return self
        try:
            moved = on.replace(year=written)
        except ValueError:  # 29 February
            moved = on.replace(year=written, day=28)
        return _Citing(None, None, moved)

    def year_of(self, station: str, serial: int) -> int | None:
        """The most recent year in which ``station`` can have sent ``serial`` by the citing date."""
        if self.on is None:
            return None
        year = self.on.year
        if station == self.station and self.serial is not None and serial >= self.serial:
            # A cable cannot cite its own station's later telegram of the same year.
            return year - 1
        if station == self.station and self.serial is not None:
            # Its own station's earlier telegram fits the year whatever the wrapper's date
            # (04BOGOTA12829..13217 all carry 2004-11-02 and cite BOGOTA 12512 of 2004).
            return year
        table = serial_table()
        if table.plausible(station, year, serial, self.on):
            return year
        # A serial too high for the previous year as well, by Cablegate's own record of that
        # year, is a slip of the pen (00ATHENS1501 cites "THE HAGUE 4750" in 2009); with no
        # record (MBABANE 1670 in 00GABORONE5265) the estimate is too rough to tell.
        if (station, year - 1) in table.months:
            end = dt.date(year - 1, 12, 31)
            return year - 1 if serial <= table.reach(station, year - 1, end) else year
        return year - 1


class _Draft:
    """One item as read, before cable years are resolved."""

    __slots__ = ("cited", "count", "kind", "label", "text")

    def __init__(
        self, label: str, text: str, kind: ReferenceKind, cited: list[_Cited], count: int = 1
    ) -> None:
        self.label, self.text, self.kind, self.cited, self.count = label, text, kind, cited, count


# (written year or None, station, serial or None when the item names no serial)
_Cited = tuple[int | None, str, int | None]


def _date(created: str | None) -> dt.date | None:
    if not created:
        return None
    try:
        return dt.date.fromisoformat(created.strip()[:10])
    except ValueError:
        return None


def _blocks(ref_text: str) -> Iterator[str]:
    starts = [m.end() for m in _HEADING.finditer(ref_text)]
    if not starts or _HEADING.match(ref_text) is None:
        starts.insert(0, 0)
    ends = [m.start() for m in _HEADING.finditer(ref_text)] + [len(ref_text)]
    for start in starts:
        end = min(e for e in ends if e >= start)
        if ref_text[start:end].strip():
            yield ref_text[start:end]


def _labels(upper: str) -> list[tuple[int, int, str]]:
    """(start, end, letter) of the labels of a block, in alphabetical order.

    The 2010-12 site labels every line of a REF block, so a block may carry two sets:
    07PARIS1791 "A. (A) PARIS 1784 ... B. (B) EMBASSY PARIS ... REPORT FOR MAY 4\nC. 2007",
    04ACCRA2401 "A. A) ACCRA 7444 B) ACCRA 2366\nB. C) ACCRA 2367". The cable's own labels are
    the ones after a line-start label and within lines; they win when they run from A (or
    lost A, from B). Otherwise the line labels are the labels, and a mark after them is a
    portion mark ("A. (C) SANTO DOMINGO 05242", 04SANTODOMINGO5302).
    """
    found = [(m.start(), m.end(), m.group(m.lastindex or 0)) for m in _LABEL.finditer(upper)]
    # Labels directly after one another: the site's and the cable's own (checked first, cheap).
    if not any(not upper[a[1] : b[0]].strip() for a, b in pairwise(found)):
        return _in_order(upper, found)
    inner: list[tuple[int, int, str]] = []
    line: list[tuple[int, int, str]] = []
    doubled = False
    for i, cut in enumerate(found):
        if not _at_line_start(upper, cut[0]):
            inner.append(cut)
            continue
        line.append(cut)
        doubled = doubled or (i + 1 < len(found) and not upper[cut[1] : found[i + 1][0]].strip())
    if not doubled:
        return _in_order(upper, found)
    own = _in_order(upper, inner)
    return own if len(own) >= 2 else _in_order(upper, line)


def _in_order(upper: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    cuts: list[tuple[int, int, str]] = []
    expected = "A"
    if found and found[0][2] == "B" and all(c[2] != "A" for c in found):
        # 01ISLAMABAD648 "2000 ISLAMABAD 6055 (B) 2000 ISLAMABAD 1120": label A lost. The
        # text before and after must cite something ("1.4 (b) and (d)", 08STOCKHOLM51).
        stop = found[1][0] if len(found) > 1 else len(upper)
        if any(_cable_ids(upper[: found[0][0]])) and any(_cable_ids(upper[found[0][1] : stop])):
            expected = "B"
    for start, end, letter in found:
        if letter == expected:
            cuts.append((start, end, letter))
            expected = chr(ord(expected) + 1)
    return cuts


def _at_line_start(upper: str, pos: int) -> bool:
    line_start = upper.rfind("\n", 0, pos) + 1
    return not upper[line_start:pos].strip(" \t-\u00b6")


def _items(block: str) -> Iterator[tuple[str, str]]:
    """(label, text) per item: split at labels A, B, C... in order, else at semicolons."""
    cuts = _labels(block.upper())
    if not cuts:
        for piece in _pieces(block):
            yield "", piece
        return
    # "A. REF: (A) SANTO DOMINGO 5088" (03SANTODOMINGO5393): a site label and a second heading.
    lead = _LEAD_NOISE.sub("", block[: cuts[0][0]])
    if lead.strip():
        yield "", lead
    for i, (_, end, letter) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(block)
        yield letter, block[end:stop]


def _pieces(block: str) -> Iterator[str]:
    """Unlabelled items: split at semicolons, and at colons before a cable (72TEHRAN1164)."""
    for piece in block.split(";"):
        start = 0
        for m in _COLON.finditer(piece):
            if canonical_station(m.group(1)) is not None:
                yield piece[start : m.start()]
                start = m.end()
        yield piece[start:]


def _is_prose(text: str) -> bool:
    """A lettered item written as sentences (the body's answers), not a citation."""
    words = len(text.split())
    if words < 20 or (words < 30 and _SENTENCE.search(text) is None):
        return False
    return not any(_cable_ids(text.upper()))


def _drafts(label: str, raw: str, previous: _Cited | None) -> Iterator[_Draft]:
    text = " ".join(raw.split()).strip(" ,;:")
    if not text:
        return
    upper = text.upper()
    if _OCR_HINT.search(upper):
        upper = _OCR_ZERO.sub(lambda m: m.group().replace("O", "0"), upper)
    cited = list(_cable_ids(upper))
    if not cited:
        cited = _bare(upper, previous)
    if cited:
        yield _Draft(label, text, ReferenceKind.CABLE, cited)
        return
    if _EMAIL.search(upper):
        kind = ReferenceKind.EMAIL
    elif _REPORT.search(upper):
        kind = ReferenceKind.REPORT
        # 09BUENOSAIRES1017 "A. TDX-315/090481-08 AND TDX-315/042493-09": two reports.
        yield _Draft(label, text, kind, [], max(1, len(_TD_NUMBER.findall(upper))))
        return
    elif _CABLE_WORDS.search(upper):
        kind = ReferenceKind.CABLE
    else:
        kind = ReferenceKind.OTHER
    yield _Draft(label, text, kind, [])


def _bare(upper: str, previous: _Cited | None) -> list[_Cited]:
    """00KINSHASA8381 "A. KINSHASA '99 B. 8034": a station without serial, a serial alone.

    A serial alone is the previous item's station's, and of its year when that item wrote
    one and a lower serial (04BOGOTA3628 "B. 2001 BOGOTA 00504 C. 02164 D. 05864").
    """
    if upper.isdigit() and upper.isascii():
        serial = int(upper)
        if previous is None or len(upper) < 3 or _YEAR.fullmatch(upper) or not serial:
            return []
        year, station, last = previous
        same_year = year is not None and last is not None and last < serial
        return [(year if same_year else None, station, serial)] if len(upper) <= 7 else []
    m = _STATION_ONLY.match(upper)
    if m is None:
        return []
    named = canonical_station(m.group(2))
    # A station alone ("KUALA LUMPUR", 07KUALALUMPUR1403) says too little to be a cable.
    written = m.group(1) or m.group(3)
    if named is None or not written:
        return []
    return [(full_year(written) if len(written) == 2 else int(written), named, None)]


def _cable_ids(upper: str) -> Iterator[_Cited]:
    """Cables named in one item: ``[YEAR] STATION SERIAL [AND SERIAL...]``."""
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(upper)]
    used = -1
    for i, (tok, _) in enumerate(tokens):
        if i <= used or not tok.isdigit() or not _serial_position(tokens, i):
            continue
        found = _station_before(tokens, i, used)
        if found is None:
            continue
        station, first = found
        year = _year_before(tokens, first, used)
        serials = [int(tok)]
        used = i
        j = i + 1
        # "RANGOON 575 AND 578", "ZAGREB 2199, 2237": later serials share year and station.
        while j + 1 < len(tokens) and tokens[j][0] in {",", "AND", "&", "/"}:
            nxt = tokens[j + 1][0]
            if not nxt.isdigit() or not _serial_position(tokens, j + 1):
                break
            if (
                j + 2 < len(tokens)
                and tokens[j + 2][0][0].isalpha()
                and _station_before(tokens, j + 3, j + 1)
            ):
                break
            serials.append(int(nxt))
            used = j = j + 1
            j += 1
        for serial in serials:
            if serial:
                yield (year, station, serial)


def _resolve(year: int | None, station: str, serial: int | None, citing: _Citing) -> str | None:
    if serial is None:
        return None
    if year is None:
        year = citing.year_of(station, serial)
    if year is None or not 1966 <= year <= 2010:
        return None
    table = serial_table()
    if not table.has(station, year, serial):
        station = next((t for t in _TWINS.get(station, ()) if table.has(t, year, serial)), station)
    return make_reference_id(year, station, serial)


def _serial_position(tokens: list[tuple[str, int]], i: int) -> bool:
    """A serial is 1-7 digits not part of a date, time or number group (``09/08/2004``)."""
    tok, at = tokens[i]
    if len(tok) > 7:
        return False
    before = tokens[i - 1][0] if i > 0 else ""
    after, after_at = tokens[i + 1] if i + 1 < len(tokens) else ("", -1)
    if after == "/" or before == "/":
        return False
    # "12:30" is a time; "TEHRAN 1091: TEHRAN 263" (72TEHRAN1164) separates items.
    if (after == ":" and _glued(tokens, i + 1)) or (before == ":" and _glued(tokens, i - 2)):
        return False
    # "04OCT2004" (04SANTODOMINGO5757 "FAX KENDRICK/USDOC 04OCT2004") is a date, "241348Z"
    # (92RANGOON2310 "FBIS BANGKOK 241348Z APR 92") a date-time group.
    if after_at == at + len(tok) and (after[0] == "Z" or after[:3] in _MONTHS):
        return False
    # "NOV 2, 1966": a day number followed by a year is a date.
    year_next = i + 2 < len(tokens) and _YEAR.fullmatch(tokens[i + 2][0])
    return not (after == "," and year_next)


def _glued(tokens: list[tuple[str, int]], k: int) -> bool:
    """Whether token ``k`` touches the digits after it (``12:30``)."""
    if k < 0 or k + 1 >= len(tokens):
        return False
    return tokens[k + 1][0].isdigit() and tokens[k + 1][1] == tokens[k][1] + len(tokens[k][0])


def _station_before(tokens: list[tuple[str, int]], i: int, used: int) -> tuple[str, int] | None:
    """The longest run of words ending at token ``i - 1`` that spells a station."""
    best: tuple[str, int] | None = None
    words: list[str] = []
    k = i - 1
    while k > used and len(words) < _MAX_STATION_WORDS:
        tok = tokens[k][0]
        if tok == "-" and words:
            k -= 1
            continue
        if not tok[0].isalpha():
            break
        words.insert(0, tok)
        station = canonical_station("".join(words))
        if station is not None:
            best = (station, k)
        k -= 1
    return best


def _year_before(tokens: list[tuple[str, int]], first: int, used: int) -> int | None:
    k = first - 1
    if k <= used or not tokens[k][0].isdigit():
        return None
    tok = tokens[k][0]
    if len(tok) == 2:
        return full_year(tok)
    if len(tok) == 4 and 1966 <= int(tok) <= 2010:
        return int(tok)
    return None


def _column_value(value: str) -> tuple[str, ...]:
    rid = canonical_reference_id(value)
    if rid is not None:
        return (rid,)
    # "04BRASILIA2799AND2764", "02RANGOON575AND578": one station, several serials.
    m = re.fullmatch(r"(\d{2})([A-Za-z]+?)(\d+)((?:AND\d+)+)", value, flags=re.IGNORECASE)
    if m:
        year, station = m.group(1), m.group(2)
        serials = [m.group(3), *re.findall(r"\d+", m.group(4))]
        ids = (canonical_reference_id(f"{year}{station}{s}") for s in serials)
        return tuple(i for i in ids if i is not None)
    return ()
