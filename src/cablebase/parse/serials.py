"""Facts behind reference ids: stations, malformed ids, and Cablegate's serial progression.

The data files are built by ``tools/build_serials.py`` from the shared reference tables and
ship inside the package. They are read once (``functools.cache``) through
``importlib.resources``; nothing else in ``parse/`` touches a file, and callers may build a
:class:`SerialTable` themselves to keep their own code free of package data.

Why a serial table: a REF line often omits the year (08MEXICO23, written 4 January 2008,
cites ``STATE 145633``). Every station numbers its telegrams from 1 each January, so how far a
station's counter can have run by a date tells whether a serial belongs to the citing year
or to an earlier one.
"""

from __future__ import annotations

import bisect
import calendar
import csv
import datetime as dt
import functools
import gzip
import io
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from cablebase.errors import DataError

# Slack over the observed counter: Cablegate holds a sample of each station's telegrams, so the
# highest serial seen by a date understates the real counter; 25% plus a few telegrams keeps
# a plausible serial in the citing year (a wrong "previous year" is the costlier mistake).
_SLACK = 1.25
_MARGIN = 25
# A later month's lowest serial bounds the counter; the small slack absorbs misdated cables.
_NEXT_SLACK = 1.1


@dataclass(frozen=True, slots=True)
class MonthSpan:
    """The lowest and highest Cablegate serial a station used in one month, and how many."""

    low: int
    high: int
    count: int


@dataclass(frozen=True, slots=True, eq=False)
class SerialTable:
    """Cablegate serials per station and year (four-digit), month by month."""

    months: Mapping[tuple[str, int], Mapping[int, MonthSpan]]
    serials: Mapping[tuple[str, int], tuple[int, ...]]

    def has(self, station: str, year: int, serial: int) -> bool:
        """Whether Cablegate holds ``station``'s telegram ``serial`` of ``year``."""
        known = self.serials.get((station, year), ())
        i = bisect.bisect_left(known, serial)
        return i < len(known) and known[i] == serial

    def reach(self, station: str, year: int, on: dt.date) -> int:
        """The highest serial ``station`` can plausibly have used in ``year`` by ``on``."""
        spans = self.months.get((station, year))
        if spans:
            later = [spans[m].low for m in sorted(spans) if m > on.month]
            if later:
                # A telegram of a later month was numbered after every telegram up to ``on``:
                # its serial bounds the counter more tightly than any estimate (09STATE41025,
                # of 23 April 2009, cites BRASILIA 681 of 2008: Brasilia's May 2009 began at 538).
                return int(later[0] * _NEXT_SLACK) + _MARGIN
        seen = max((s.high for m, s in (spans or {}).items() if m <= on.month), default=0)
        day = on.timetuple().tm_yday
        return int(max(seen, _daily_rate(self, station, year) * day) * _SLACK) + _MARGIN

    def plausible(self, station: str, year: int, serial: int, on: dt.date) -> bool:
        """Whether ``serial`` can be a telegram of ``station`` from ``year`` sent by ``on``."""
        if year < on.year:
            return True
        return serial <= self.reach(station, year, on)


@functools.lru_cache(maxsize=4096)
def _daily_rate(table: SerialTable, station: str, year: int) -> float:
    """Telegrams per day: the station's fastest observed pace in the nearest years.

    Stations with few Cablegate cables (most before 2004) have no span for the year asked;
    their own pace in other years is the best evidence, and failing that the median pace of
    all stations (a post that never appears in Cablegate is a small one).
    """
    years = sorted(_station_years(table).get(station, ()), key=lambda y: abs(y - year))
    rates = [
        span.high / _day_of_year_end(y, m)
        for y in years[:5]
        for m, span in table.months[(station, y)].items()
    ]
    return max(rates) if rates else _pooled_rate(table)


@functools.cache
def _station_years(table: SerialTable) -> dict[str, list[int]]:
    """Each station's years, in the table's order: _daily_rate scanned all ~2,000 keys of the
    table at each cache miss (3,111 misses on a first pass over cables.sample.csv)."""
    out: dict[str, list[int]] = {}
    for station, year in table.months:
        out.setdefault(station, []).append(year)
    return out


def _day_of_year_end(year: int, month: int) -> int:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, last).timetuple().tm_yday


@functools.cache
def _pooled_rate(table: SerialTable) -> float:
    peaks: dict[str, float] = {}
    for (station, year), spans in table.months.items():
        for m, span in spans.items():
            rate = span.high / _day_of_year_end(year, m)
            peaks[station] = max(peaks.get(station, 0.0), rate)
    ordered = sorted(peaks.values())
    return ordered[len(ordered) // 2] if ordered else 10.0


def full_year(two_digits: str) -> int:
    """Cablegate's two-digit years span 1966-2010: 66-99 are 19xx, 00-10 are 20xx."""
    yy = int(two_digits)
    return 2000 + yy if yy <= 10 else 1900 + yy


def _read_text(name: str) -> str:
    try:
        raw = resources.files("cablebase.data").joinpath(name).read_bytes()
        if name.endswith(".gz"):
            raw = gzip.decompress(raw)
        return raw.decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DataError(
            f"cablebase data file {name} is missing or corrupt ({exc}); reinstall cablebase"
        ) from exc


@functools.cache
def serial_table() -> SerialTable:
    """The Cablegate serial table shipped with cablebase (built by tools/build_serials.py)."""
    months: dict[tuple[str, int], dict[int, MonthSpan]] = {}
    serials: dict[tuple[str, int], list[int]] = {}
    for row in csv.DictReader(io.StringIO(_read_text("cablegate-serials.csv.gz"))):
        key = (row["station"], full_year(row["yy"]))
        run, total = [], 0
        for delta in row["serials"].split():
            total += int(delta)
            run.append(total)
        months.setdefault(key, {})[int(row["month"])] = MonthSpan(run[0], run[-1], len(run))
        serials.setdefault(key, []).extend(run)
    return SerialTable(months=months, serials={k: tuple(sorted(v)) for k, v in serials.items()})


@functools.cache
def station_spellings() -> Mapping[str, str]:
    """Spelling (letters only, upper case) -> station part of ids: ``SECSTATE`` -> ``STATE``."""
    rows = csv.DictReader(io.StringIO(_read_text("stations.csv")))
    return {row["spelling"]: row["station"] for row in rows}


@functools.cache
def malformed_ids() -> Mapping[str, str]:
    """WikiLeaks ids published malformed -> corrected id (cablemap's corrections)."""
    rows = csv.DictReader(io.StringIO(_read_text("malformed-reference-ids.csv")))
    return {row["wikileaks_id"]: row["corrected_id"] for row in rows}
