"""Which country a cable's origin is in: the posts table, joined to ISO 3166 codes.

The decoding tables place an origin in a country (:func:`cablebase.decode.country_of_origin`,
by FIPS code); countries.csv adds the ISO numeric code, the number world maps give their
shapes.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from cablebase.decode.places import country_of_origin


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


def country_of(origin: str) -> Country | None:
    """The country of a post, or None for one the posts table does not place."""
    found = country_of_origin(origin)
    return _countries().get(found.fips) if found else None


def countries() -> tuple[Country, ...]:
    """Every country of the FIPS table, for legends and lookups by code."""
    return tuple(_countries().values())
