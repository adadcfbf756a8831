"""The one reference-id canonicaliser.

A cable id names the year, the sending station and the station's serial for that year. It is
written in two published forms:

- Cablegate (WikiLeaks 2010): two-digit year, no zero padding: ``08MEXICO23``;
- NARA / PlusD (WikiLeaks 2013, the 1973-1979 Central Foreign Policy Files): four-digit year,
  serial padded to five digits (six for STATE): ``1974ATHENS02959``, ``1973STATE097844``,
  with ``_a`` / ``_b`` suffixes telling PlusD records of one telegram apart.

Choice of one form for one cable: Cablegate and PlusD overlap (Cablegate's 1966-1979 cables,
e.g. 75TEHRAN2069, are also NARA telegrams such as 1975TEHRAN02069). The canonical id of a
cable that Cablegate holds is its Cablegate id, because Cablegate is the bulk of every
archive built here (251,287 cables) and the ``cables.csv`` references column uses that form.
Any other 1973-1979 telegram keeps the NARA form (its PlusD record's id, which is the only
id it has); other years use the Cablegate form. So ``1975TEHRAN02069`` -> ``75TEHRAN2069``,
``74 ATHENS 2959`` -> ``1974ATHENS02959``, and canonical ids are fixed points.
"""

from __future__ import annotations

import functools
import re

from cablebase.parse.serials import full_year, malformed_ids, serial_table, station_spellings

# NARA's electronic telegrams (and so PlusD's cable records) cover 1973-1979.
NARA_YEARS = range(1973, 1980)

# Characters a written id may carry between its parts: "08 MEXICO 23", "08-MEXICO-23".
_SEPARATORS = re.compile(r"[\s\-]+")
_PLUSD_SUFFIX = re.compile(r"^(.*?)_([A-Za-z])$")
_ID = re.compile(r"^(\d{4}|\d{2})([A-Z]{2,30})(\d{1,7})$")

# Words that look like a station in "2004 APRIL 5" but never are one.
_NOT_STATIONS = frozenset(
    re.findall(
        r"\w+",
        "JAN FEB MAR APR MAY JUN JUL AUG SEP SEPT OCT NOV DEC JANUARY FEBRUARY MARCH APRIL JUNE "
        "JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER REF REFS REFTEL SEPTEL PARA PARAS PAGE "
        "SECTION OF AND DTG NOTAL TWX",
    )
)


def split_plusd_suffix(text: str) -> tuple[str, str | None]:
    """``1974ATHENS02959_b`` -> (``1974ATHENS02959``, ``b``); no suffix -> (text, None)."""
    m = _PLUSD_SUFFIX.match(text.strip())
    if m is None:
        return text.strip(), None
    return m.group(1), m.group(2).lower()


_NOT_LETTERS = re.compile(r"[^A-Z]")


# A pure lookup in packaged facts, asked the same questions again and again: REF lines try
# every run of words before a serial as a station (~2 calls a cable, 4 us each uncached).
@functools.lru_cache(maxsize=8192)
def canonical_station(spelling: str) -> str | None:
    """The station part of ids for a spelling (``SECSTATE``, ``RIO DE JAN``), else None."""
    letters = _NOT_LETTERS.sub("", spelling.upper())
    return station_spellings().get(letters)


def make_reference_id(year: int, station: str, serial: int) -> str:
    """The canonical id of ``station``'s telegram ``serial`` of ``year`` (four-digit)."""
    if serial_table().has(station, year, serial) or year not in NARA_YEARS:
        return f"{year % 100:02d}{station}{serial}"
    width = 6 if station == "STATE" else 5
    return f"{year}{station}{serial:0{width}d}"


def canonical_reference_id(text: str) -> str | None:
    """The canonical id for a written id, or None when ``text`` is not an id.

    Accepts either published form in any case, with spaces or hyphens between the parts,
    a PlusD suffix, a station spelling of REF lines (``04SECSTATE88274`` -> ``04STATE88274``)
    and the malformed ids WikiLeaks published (``7575LIBREVILLE1895`` -> ``75LIBREVILLE1895``).
    """
    if not isinstance(text, str) or len(text) > 80:
        return None
    return _canonical_reference_id(text)


# A cable's own id is canonicalised by the cable (_identify) and again as the citing id of
# its REF lines; a small cache serves the second call.
@functools.lru_cache(maxsize=1024)
def _canonical_reference_id(text: str) -> str | None:
    compact = _SEPARATORS.sub("", split_plusd_suffix(text)[0]).upper()
    compact = malformed_ids().get(compact, compact)
    m = _ID.match(compact)
    if m is None:
        return None
    year_text, spelling, serial_text = m.groups()
    if spelling in _NOT_STATIONS:
        return None
    station = station_spellings().get(spelling, spelling)
    year = full_year(year_text) if len(year_text) == 2 else int(year_text)
    serial = int(serial_text)
    if not 1966 <= year <= 2010 or serial == 0:
        return None
    return make_reference_id(year, station, serial)


def is_cablegate_id(canonical_id: str) -> bool:
    """Whether Cablegate (the 251,287 cables of 2010) holds the cable with this canonical id.

    Malformed Cablegate ids count under their corrected id: ``is_cablegate_id("75LIBREVILLE1895")``
    is true although WikiLeaks published that cable as 7575LIBREVILLE1895.
    """
    m = _ID.match(canonical_id)
    if m is None:
        return False
    year_text, station, serial = m.groups()
    year = full_year(year_text) if len(year_text) == 2 else int(year_text)
    return serial_table().has(station, year, int(serial)) and len(year_text) == 2
