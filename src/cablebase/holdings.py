"""Holdings: how much of a known collection (Cablegate's cables) an archive holds.

The question every partial release raised: of the cables a post sent in a year, how many are
here? The known side is the packaged list of Cablegate ids (``cablegate-serials.csv.gz``,
read by :mod:`cablebase.parse.serials`), counted once per process: 251,207 distinct cables,
the 251,287 rows of Cablegate less 80 that repeat a cable under a malformed id. The held
side is one scan of the archive's ids. Both are bucketed by the id itself (station and
two-digit year), so a cell can never hold more than it knows, and the station is named as
the archive names origins (``data/posts.csv``: ``MEXICO`` -> ``Embassy Mexico``; KIEV and
KYIV are both ``Embassy Kyiv``). Held cables whose ids are not Cablegate ids (NARA
telegrams, typos) are counted apart, under the origin and year the archive gives them.
"""

from __future__ import annotations

import csv
import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from cablebase.parse.posts import post
from cablebase.parse.serials import serial_table

COLLECTION = "Cablegate"
# Stations of Cablegate ids that no post table names. 09USEUBRUSEELS1292 is Cablegate's own
# misspelling of USEU Brussels (published as 09BRUSELS1292, see malformed-reference-ids.csv).
_STATION_FIXES = {"USEUBRUSEELS": "USEUBRUSSELS"}
NO_ORIGIN = "(no origin)"
OTHER_REGION = "Other"


class _Tally:
    """What a cell, an origin and the whole have alike: known and held, so missing and share."""

    __slots__ = ()

    @property
    def known(self) -> int:
        raise NotImplementedError  # a field or a sum in each subclass

    @property
    def held(self) -> int:
        raise NotImplementedError

    @property
    def missing(self) -> int:
        # Held cables outside the collection (known 0) miss nothing.
        return max(self.known - self.held, 0)

    @property
    def share(self) -> float:
        return self.held / self.known if self.known else 0.0


@dataclass(frozen=True, slots=True)
class Cell(_Tally):
    """One origin in one year: cables known to the collection and cables held."""

    origin: str
    year: int
    known: int
    held: int


@dataclass(frozen=True, slots=True)
class OriginTotal(_Tally):
    origin: str
    country: str
    region: str
    known: int
    held: int


# eq=False: a Holdings is hashed by identity, so pages made from it can be cached per count.
@dataclass(frozen=True, slots=True, eq=False)
class Holdings(_Tally):
    """The archive against the collection: cells with known > 0, and the held extras."""

    cells: tuple[Cell, ...]
    extras: tuple[Cell, ...] = ()
    collection: str = COLLECTION
    countries: dict[str, str] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)

    @property
    def known(self) -> int:
        return sum(c.known for c in self.cells)

    @property
    def held(self) -> int:
        return sum(c.held for c in self.cells)

    @property
    def extra(self) -> int:
        return sum(c.held for c in self.extras)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({c.year for c in self.cells}))

    def origins(self) -> list[OriginTotal]:
        """Totals per origin, the largest known first (then by name)."""
        known: Counter[str] = Counter()
        held: Counter[str] = Counter()
        for cell in self.cells:
            known[cell.origin] += cell.known
            held[cell.origin] += cell.held
        names = sorted(known, key=lambda o: (-known[o], o))
        return [
            OriginTotal(o, self.countries.get(o, ""), self.regions.get(o, ""), known[o], held[o])
            for o in names
        ]

    def select(
        self, origin: str | None = None, country: str | None = None, region: str | None = None
    ) -> Holdings:
        """The cells (and extras) of origins whose name contains ``origin`` (any case) and,
        when given, of posts in ``country`` and in ``region`` (exact names, any case)."""

        def same(given: str | None, value: str) -> bool:
            return not given or value.lower() == given.strip().lower()

        def keep(name: str) -> bool:
            if origin and origin.strip().lower() not in name.lower():
                return False
            return same(country, self.countries.get(name, "")) and same(
                region, self.regions.get(name, "")
            )

        return Holdings(
            cells=tuple(c for c in self.cells if keep(c.origin)),
            extras=tuple(c for c in self.extras if keep(c.origin)),
            collection=self.collection,
            countries=self.countries,
            regions=self.regions,
        )


def origin_of_station(station: str) -> str:
    """The archive's name for a station of ids; the station itself when no table knows it."""
    fixed = _STATION_FIXES.get(station, station)
    row = post(fixed)
    return (row or {}).get("origin") or fixed


def _country_of_station(station: str) -> str:
    row = post(_STATION_FIXES.get(station, station))
    return (row or {}).get("country") or ""


@functools.cache
def known_cells() -> dict[tuple[str, int], int]:
    """Cablegate ids per (origin, year), counted once per process (about 2,000 cells)."""
    counts: Counter[tuple[str, int]] = Counter()
    for (station, year), serials in serial_table().serials.items():
        # Distinct ids: 80 of Cablegate's 251,287 rows repeat a cable under a malformed id
        # (08SCTION02OF02SAOPAULO335 is 08SAOPAULO335), and an archive holds each cable once.
        counts[(origin_of_station(station), year)] += len(set(serials))
    return dict(counts)


@functools.cache
def known_countries() -> dict[str, str]:
    """The country of each origin of the collection (empty where no table says)."""
    out: dict[str, str] = {}
    for station, _ in serial_table().serials:
        out.setdefault(origin_of_station(station), _country_of_station(station))
    return out


@functools.cache
def _cell_keys() -> tuple[tuple[str, int], ...]:
    return tuple(sorted(known_cells()))


@functools.cache
def _id_cells() -> dict[str, int]:
    """Every Cablegate id -> the index of its cell in :func:`_cell_keys`.

    Built once (0.1 s, some 25 MB): counting an archive is then one dict lookup per id,
    0.1 s for all of Cablegate where parsing each id and searching its station's serials
    took 0.6 s.
    """
    index = {key: i for i, key in enumerate(_cell_keys())}
    out: dict[str, int] = {}
    for (station, year), serials in serial_table().serials.items():
        prefix = f"{year % 100:02d}{station}"
        i = index[(origin_of_station(station), year)]
        for serial in serials:
            out[f"{prefix}{serial}"] = i
    return out


@functools.cache
def _region_table() -> dict[str, str]:
    with resources.files("cablebase.data").joinpath("regions.csv").open(encoding="utf-8") as fh:
        return {row["place"]: row["region"] for row in csv.DictReader(fh)}


@functools.cache
def known_regions() -> dict[str, str]:
    """The world region of each origin of the collection, from ``data/regions.csv``: by the
    post's country, or by the origin itself where no country is given (Consulate Jerusalem).
    Regions follow the lines of the State Department's geographic bureaus, so Turkey and the
    Caucasus are in Europe and Eurasia and Central Asia is with South Asia."""
    table = _region_table()
    return {
        origin: table.get(origin) or table.get(country) or OTHER_REGION
        for origin, country in known_countries().items()
    }


def cablegate_cell(reference_id: str) -> tuple[str, int] | None:
    """The (origin, year) of a canonical Cablegate id; None for an id Cablegate lacks."""
    i = _id_cells().get(reference_id)
    return None if i is None else _cell_keys()[i]


def holdings(rows: Iterable[tuple[str, str | None, int | None]]) -> Holdings:
    """Count an archive's ``(reference_id, origin, year)`` rows against the collection."""
    id_cells = _id_cells()
    held: Counter[int] = Counter()
    extra: Counter[tuple[str, int]] = Counter()
    for reference_id, origin, year in rows:
        i = id_cells.get(reference_id)
        if i is None:
            extra[(origin or NO_ORIGIN, year or 0)] += 1
        else:
            held[i] += 1
    known = known_cells()
    cells = tuple(
        Cell(origin, year, known[(origin, year)], held[i])
        for i, (origin, year) in enumerate(_cell_keys())
    )
    extras = tuple(Cell(origin, year, 0, n) for (origin, year), n in sorted(extra.items()))
    return Holdings(
        cells=cells, extras=extras, countries=known_countries(), regions=known_regions()
    )


# Upper bounds of the heat map's shades: none held, a few, a quarter, half, most, (nearly) all.
SHADE_BOUNDS = (0.0, 0.10, 0.25, 0.50, 0.90)


def shade(cell: Cell | OriginTotal) -> int | None:
    """The heat map's shade of a cell, 0 (none held) to 5 (90 % or more); None: none known."""
    if not cell.known:
        return None
    if not cell.held:
        return 0
    return 1 + sum(cell.share >= bound for bound in SHADE_BOUNDS[1:])


def share_text(share: float, known: int) -> str:
    """A share as readers want it: no false 0 % or 100 % for a few cables of many."""
    if not known:
        return "-"
    pct = 100 * share
    if 0 < pct < 0.1:
        return "<0.1 %"
    if 99.9 < pct < 100:
        return ">99.9 %"
    return f"{pct:.1f} %"


def cell_json(cell: Cell) -> dict[str, Any]:
    return {
        "origin": cell.origin,
        "year": cell.year,
        "known": cell.known,
        "held": cell.held,
        "missing": cell.missing,
        "share": round(cell.share, 6),
    }


def holdings_json(found: Holdings) -> dict[str, Any]:
    """The whole comparison as plain data (the CLI's --format json and the web's twin)."""
    return {
        "collection": found.collection,
        "known": found.known,
        "held": found.held,
        "missing": found.missing,
        "share": round(found.share, 6),
        "years": list(found.years),
        "origins": [
            {
                "origin": o.origin,
                "country": o.country,
                "region": o.region,
                "known": o.known,
                "held": o.held,
                "missing": o.missing,
                "share": round(o.share, 6),
            }
            for o in found.origins()
        ],
        "cells": [cell_json(c) for c in found.cells],
        "not_in_collection": {
            "held": found.extra,
            "cells": [cell_json(c) for c in found.extras],
        },
    }


CSV_COLUMNS = (
    "origin",
    "country",
    "region",
    "year",
    "known",
    "held",
    "missing",
    "share",
    "in_collection",
)


def csv_rows(found: Holdings) -> Iterable[dict[str, Any]]:
    """One row per cell; held cables outside the collection follow with in_collection=no."""
    for cells, inside in ((found.cells, "yes"), (found.extras, "no")):
        for c in cells:
            yield {
                **cell_json(c),
                "country": found.countries.get(c.origin, ""),
                "region": found.regions.get(c.origin, ""),
                "in_collection": inside,
            }
