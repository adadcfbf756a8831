"""The coverage page: the archive against Cablegate's ids, per origin and year, as a heat map
and a sortable table, with its JSON twin and a CSV download (``/coverage.csv``)."""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from cablebase.holdings import (
    CSV_COLUMNS,
    Cell,
    Holdings,
    csv_rows,
    holdings_json,
    shade,
    share_text,
)
from cablebase.web.common import WebError, answer, archive
from cablebase.web.listing import facet_clause, search_url

router = APIRouter()

OriginParam = Annotated[
    str | None, Query(description="Only origins whose name contains this (any case).")
]
CountryParam = Annotated[str | None, Query(description="Only posts in this country.")]
RegionParam = Annotated[
    str | None, Query(description="Only posts in this region: Africa, Americas, Near East, ...")
]
SortParam = Annotated[
    str,
    Query(
        pattern="^-?(origin|country|region|known|held|missing|share)$",
        description="Table order: origin, country, region, known, held, missing or share; "
        "a leading - reverses it (default -known).",
    ),
]
_SORT_KEYS = {
    "origin": lambda o: o["origin"].lower(),
    "country": lambda o: (o["country"].lower(), o["origin"].lower()),
    "region": lambda o: (o["region"].lower(), o["origin"].lower()),
    "known": lambda o: (o["known"], o["origin"]),
    "held": lambda o: (o["held"], o["origin"]),
    "missing": lambda o: (o["missing"], o["origin"]),
    "share": lambda o: (o["share"], o["known"]),
}
# The table's columns: key, heading, and how a click sorts it.
_COLUMNS = (
    ("origin", "Origin", "text"),
    ("country", "Country", "text"),
    ("region", "Region", "text"),
    ("known", "Known", "number"),
    ("held", "Held", "number"),
    ("missing", "Missing", "number"),
    ("share", "Held %", "number"),
)


@dataclass(frozen=True, slots=True)
class Choice:
    """What the reader narrowed the page to (empty: everything)."""

    origin: str = ""
    country: str = ""
    region: str = ""

    def query(self, **more: str) -> str:
        pairs = [("origin", self.origin), ("country", self.country), ("region", self.region)]
        return urlencode([(k, v) for k, v in [*pairs, *more.items()] if v])

    def select(self, everything: Holdings) -> Holdings:
        chosen = everything.select(self.origin, self.country, self.region)
        if not chosen.cells and (self.origin or self.country or self.region):
            raise WebError(
                404,
                "not_found",
                f"no origin of {everything.collection} matches {self.query()}",
                "try a shorter part of the name (Mexico, Paris) or another country or region",
            )
        return chosen


def cell_url(origin: str, year: int) -> str:
    """The search for the cables of one origin and year (what a heat-map cell stands for)."""
    return _origin_url(origin) + "&" + urlencode({"f": facet_clause("year", str(year))})


@functools.lru_cache(maxsize=1024)
def _origin_url(origin: str) -> str:
    # Some 2,000 cells share 273 origins: each origin's part of the address is encoded once.
    return search_url("/search", "", [facet_clause("origin", origin)])


def _cell(cell: Cell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {
        "year": cell.year,
        "known": cell.known,
        "held": cell.held,
        "share": round(cell.share, 6),
        "shade": shade(cell),
        "label": f"{cell.origin}, {cell.year}: {cell.held:,} of {cell.known:,} held "
        f"({share_text(cell.share, cell.known)})",
        "url": cell_url(cell.origin, cell.year),
    }


def coverage_json(everything: Holdings, choice: Choice, sort: str) -> dict[str, Any]:
    """The page's data: the totals, the table in ``sort`` order, the heat map row by row."""
    found = choice.select(everything)
    data = holdings_json(found)
    key = sort.lstrip("-")
    origins = sorted(data["origins"], key=_SORT_KEYS[key], reverse=sort.startswith("-"))
    by_cell = {(c.origin, c.year): c for c in found.cells}
    totals = {o.origin: o for o in found.origins()}
    for row in origins:
        row["share_text"] = share_text(row["share"], row["known"])
        row["url"] = _origin_url(row["origin"])
        row["shade"] = shade(totals[row["origin"]])
    for cell in data["not_in_collection"]["cells"]:
        cell["url"] = cell_url(cell["origin"], cell["year"]) if cell["year"] else None
    years = found.years
    heat_rows = [
        {
            "origin": row["origin"],
            "country": row["country"],
            "region": row["region"],
            "cells": [_cell(by_cell.get((row["origin"], year))) for year in years],
        }
        for row in origins
    ]
    chosen = choice.query()
    return {
        **data,
        "share_text": share_text(found.share, found.known),
        "origins": origins,
        "heatmap": {"years": list(years), "rows": heat_rows},
        "filters": {
            "origin": choice.origin,
            "country": choice.country,
            "region": choice.region,
            "sort": sort,
        },
        "columns": _columns(choice, sort),
        "countries": sorted({c for c in everything.countries.values() if c}),
        "regions": sorted({r for r in everything.regions.values() if r}),
        "csv": "/coverage.csv" + (f"?{chosen}" if chosen else ""),
        "json": "/coverage.json" + (f"?{chosen}" if chosen else ""),
    }


def _columns(choice: Choice, sort: str) -> list[dict[str, Any]]:
    """The table's headers: each links to the table sorted by it (numbers largest first,
    names from A), and the second click reverses the order."""
    out = []
    for key, label, kind in _COLUMNS:
        first = key if kind == "text" else f"-{key}"
        again = key if first.startswith("-") else f"-{key}"
        order = None
        if sort.lstrip("-") == key:
            order = "descending" if sort.startswith("-") else "ascending"
        url = "/coverage?" + choice.query(sort=again if sort == first else first)
        out.append({"key": key, "label": label, "type": kind, "order": order, "url": url})
    return out


# A few pages at most: the whole map is some megabytes of Python objects.
@functools.lru_cache(maxsize=8)
def _payload(everything: Holdings, choice: Choice, sort: str) -> dict[str, Any]:
    # The archive recounts only when it changes and returns the same Holdings until then,
    # so a page is built once per archive state and question (0.3 s for all origins).
    return coverage_json(everything, choice, sort)


def _choice(origin: str | None, country: str | None, region: str | None) -> Choice:
    return Choice((origin or "").strip(), (country or "").strip(), (region or "").strip())


@router.get("/coverage", summary="Cablegate cables held, per origin and year (heat map)")
async def coverage(
    request: Request,
    origin: OriginParam = None,
    country: CountryParam = None,
    region: RegionParam = None,
    sort: SortParam = "-known",
) -> Response:
    """Known (Cablegate ids), held and missing cables per origin and year, totals, and the
    held cables that are not Cablegate cables."""
    data = _payload(archive(request).holdings(), _choice(origin, country, region), sort)
    return answer(request, "coverage.html", {"title": "Coverage of Cablegate"}, data)


@router.get("/coverage.csv", summary="The coverage table as CSV, one row per origin and year")
async def coverage_csv(
    request: Request,
    origin: OriginParam = None,
    country: CountryParam = None,
    region: RegionParam = None,
) -> Response:
    found = _choice(origin, country, region).select(archive(request).holdings())
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(csv_rows(found))
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="cablegate-coverage.csv"'},
    )
