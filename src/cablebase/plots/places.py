"""Which country a cable's origin is in: the posts table, joined to ISO 3166 codes.

A small lookup of its own (posts.csv: origin -> FIPS code; countries.csv: FIPS -> ISO
alpha-2 and numeric codes, the numbers world maps give their shapes), so the charts can
move to a fuller decoding table later by replacing :func:`country_of` alone.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Country:
    fips: str  # GM
    alpha2: str  # DE; empty where ISO has no code (Kosovo)
    numeric: str  # 276, as world maps number their shapes; empty where ISO has none
    name: str  # Germany

    @property
    def key(self) -> str:
        """The one name a chart gives the country: its ISO numeric code, else its FIPS code."""
        return self.numeric or self.fips


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("cablebase.data").joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@functools.cache
def _countries() -> dict[str, Country]:
    return {
        row["fips"]: Country(row["fips"], row["alpha2"], row["numeric"], row["name"])
        for row in _rows("countries.csv")
    }


@functools.cache
def _origin_fips() -> dict[str, str]:
    """Origin as the index holds it (``Embassy Berlin``) -> FIPS code of its country."""
    found: dict[str, str] = {}
    for row in _rows("posts.csv"):
        # Several stations share an origin (KIEV and KYIV): all name the same country.
        if row["origin"] and row["fips"]:
            found.setdefault(row["origin"].casefold(), row["fips"])
    return found


def country_of(origin: str) -> Country | None:
    """The country of a post, or None for one the posts table does not place."""
    fips = _origin_fips().get(origin.strip().casefold())
    return _countries().get(fips) if fips else None


def countries() -> tuple[Country, ...]:
    """Every country of the FIPS table, for legends and lookups by code."""
    return tuple(_countries().values())
