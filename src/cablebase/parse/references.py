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
_LABEL = re.compile(r"(?:^|(?<=[\s,;]))(?:\(([A-Z])\)|([A-Z])[.):])(?=\s|$)")
_EMAIL = re.compile(r"E-?\s?MAILS?\b|\bEMAIL|\bMESSAGE FROM\b")
_REPORT = re.compile(
    r"\b(?:REPORTS?|IIRS?|INTSUM|SITREP|FBIS|STUDY|ASSESSMENT|TESTIMONY|TDX|INR)\b"
)
_CABLE_WORDS = re.compile(r"\b(?:DTG|\d{6}Z|TELEGRAMS?|CABLES?|REFTEL|MSG|TWX)\b")
_MAX_STATION_WORDS = 5
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
    citing = _Citing.of(citing_id, created)
    out: list[Reference] = []
    for block in _blocks(ref_text):
        for label, text in _items(block):
            out.extend(_references(label, text, citing))
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
        m = re.match(r"^(\d{2}|\d{4})([A-Z]+?)(\d+)$", rid)
        if m:
            year = full_year(m.group(1)) if len(m.group(1)) == 2 else int(m.group(1))
            station, serial = m.group(2), int(m.group(3))
            if on is None or on.year != year:
                # The id's year is exact; a created date from another year is a wrapper error.
                on = dt.date(year, 12, 31)
        return cls(station, serial, on)

    def year_of(self, station: str, serial: int) -> int | None:
        """The most recent year in which ``station`` can have sent ``serial`` by the citing date."""
        if self.on is None:
            return None
        year = self.on.year
        if station == self.station and self.serial is not None and serial >= self.serial:
            # A cable cannot cite its own station's later telegram of the same year.
            return year - 1
        return year if serial_table().plausible(station, year, serial, self.on) else year - 1


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


def _items(block: str) -> Iterator[tuple[str, str]]:
    """(label, text) per item: split at labels A, B, C... in order, else at semicolons."""
    cuts: list[tuple[int, int, str]] = []
    expected = "A"
    for m in _LABEL.finditer(block.upper()):
        letter = m.group(1) or m.group(2)
        if letter == expected:
            cuts.append((m.start(), m.end(), letter))
            expected = chr(ord(expected) + 1)
    if not cuts:
        for piece in block.split(";"):
            yield "", piece
        return
    if block[: cuts[0][0]].strip():
        yield "", block[: cuts[0][0]]
    for i, (_, end, letter) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(block)
        yield letter, block[end:stop]


def _references(label: str, raw: str, citing: _Citing) -> Iterator[Reference]:
    text = " ".join(raw.split()).strip(" ,;:")
    if not text:
        return
    upper = text.upper()
    cables = list(_cable_ids(upper, citing))
    if cables:
        for rid in cables:
            yield Reference(label, text, ReferenceKind.CABLE, rid)
        return
    if _EMAIL.search(upper):
        kind = ReferenceKind.EMAIL
    elif _REPORT.search(upper):
        kind = ReferenceKind.REPORT
    elif _CABLE_WORDS.search(upper):
        kind = ReferenceKind.CABLE
    else:
        kind = ReferenceKind.OTHER
    yield Reference(label, text, kind, None)


def _cable_ids(upper: str, citing: _Citing) -> Iterator[str | None]:
    """Ids of the cables named in one item: ``[YEAR] STATION SERIAL [AND SERIAL...]``."""
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
            if serial == 0:
                continue
            yield _resolve(year, station, serial, citing)


def _resolve(year: int | None, station: str, serial: int, citing: _Citing) -> str | None:
    if year is None:
        year = citing.year_of(station, serial)
    if year is None or not 1966 <= year <= 2010:
        return None
    table = serial_table()
    if not table.has(station, year, serial):
        station = next((t for t in _TWINS.get(station, ()) if table.has(t, year, serial)), station)
    return make_reference_id(year, station, serial)


def _serial_position(tokens: list[tuple[str, int]], i: int) -> bool:
    """A serial is 1-7 digits not part of a date or number group (``09/08/2004``, ``1,234``)."""
    tok = tokens[i][0]
    if len(tok) > 7:
        return False
    before = tokens[i - 1][0] if i > 0 else ""
    after = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    if after in {"/", ":"} or before in {"/", ":"}:
        return False
    # "NOV 2, 1966": a day number followed by a year is a date.
    year_next = i + 2 < len(tokens) and re.fullmatch(r"(19|20)\d\d", tokens[i + 2][0])
    return not (after == "," and year_next)


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
