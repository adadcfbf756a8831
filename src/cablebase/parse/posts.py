"""Posts: the station part of a reference id and the origin it stands for (packaged facts)."""

from __future__ import annotations

import csv
import functools
from importlib import resources


@functools.cache
def _posts() -> dict[str, dict[str, str]]:
    with resources.files("cablebase.data").joinpath("posts.csv").open(encoding="utf-8") as fh:
        return {row["station"]: row for row in csv.DictReader(fh)}


def origin_for_station(station: str) -> str | None:
    """``MEXICO`` -> ``Embassy Mexico``; None for a station the tables do not know."""
    row = _posts().get(station)
    return (row["origin"] or None) if row else None


def post(station: str) -> dict[str, str] | None:
    """The packaged row for ``station``: origin, city, country, fips."""
    return _posts().get(station)
