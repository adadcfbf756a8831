"""The coverage page: the archive against Cablegate's ids, per origin and year, as a heat map
and a sortable table, with its JSON twin and a CSV download (``/coverage.csv``)."""

from __future__ import annotations

import csv
import functools
import io
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
SortParam = Annotated[
    str,
    Query(
        pattern="^-?(origin|country|known|held|missing|share)$",
        description="Table order: origin, country, known, held, missing or share; "
        "a leading - reverses it (default -known).",
    ),
]
_SORT_KEYS = {
    "origin": lambda o: o["origin"].lower(),
    "country": lambda o: (o["country"].lower(), o["origin"].lower()),
    "known": lambda o: (o["known"], o["origin"]),
    "held": lambda o: (o["held"], o["origin"]),
    "missing": lambda o: (o["missing"], o["origin"]),
    "share": lambda o: (o["share"], o["known"]),
}


def _selected(everything: Holdings, origin: str | None, country: str | None) -> Holdings:
    chosen = everything.select(origin, country)
    if not chosen.cells and (origin or country):
        raise WebError(
            404,
            "not_found",
            f"no origin of {everything.collection} matches origin={origin or ''} "
            f"country={country or ''}",
            "try a shorter part of the name: Mexico, Paris",
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
        "url": f"{_origin_url(cell.origin)}&f=date%3A{cell.year}",
    }


def coverage_json(
    found: Holdings, countries: list[str], origin: str | None, country: str | None, sort: str
) -> dict[str, Any]:
    data = holdings_json(found)
    key = sort.lstrip("-")
    origins = sorted(data["origins"], key=_SORT_KEYS[key], reverse=sort.startswith("-"))
    by_cell = {(c.origin, c.year): c for c in found.cells}
    totals = {o.origin: o for o in found.origins()}
    for row in origins:
        row["share_text"] = share_text(row["share"], row["known"])
        row["url"] = _origin_url(row["origin"])
        row["shade"] = shade(totals[row["origin"]])
    extras = data["not_in_collection"]
    for cell in extras["cells"]:
        cell["url"] = cell_url(cell["origin"], cell["year"]) if cell["year"] else None
    years = found.years
    heat_rows = [
        {
            "origin": row["origin"],
            "country": row["country"],
            "cells": [_cell(by_cell.get((row["origin"], year))) for year in years],
        }
        for row in origins
    ]
    return {
        **data,
        "share_text": share_text(found.share, found.known),
        "origins": origins,
        "heatmap": {"years": list(years), "rows": heat_rows},
        "filters": {"origin": origin or "", "country": country or "", "sort": sort},
        "columns": _columns(origin, country, sort),
        "countries": countries,
        "csv": "/coverage.csv"
        + (f"?{_filter_query(origin, country)}" if origin or country else ""),
        "json": "/coverage.json"
        + (f"?{_filter_query(origin, country)}" if origin or country else ""),
    }


_COLUMNS = (
    ("origin", "Origin", "text"),
    ("country", "Country", "text"),
    ("known", "Known", "number"),
    ("held", "Held", "number"),
    ("missing", "Missing", "number"),
    ("share", "Held %", "number"),
)


def _columns(origin: str | None, country: str | None, sort: str) -> list[dict[str, Any]]:
    """The table's headers: each links to the table sorted by it (numbers largest first,
    names from A), and the second click reverses the order."""
    out = []
    for key, label, kind in _COLUMNS:
        first = key if kind == "text" else f"-{key}"
        again = key if first.startswith("-") else f"-{key}"
        order = None
        if sort.lstrip("-") == key:
            order = "descending" if sort.startswith("-") else "ascending"
        params = _filter_query(origin, country)
        target = again if sort == first else first
        url = "/coverage?" + (f"{params}&" if params else "") + urlencode({"sort": target})
        out.append({"key": key, "label": label, "type": kind, "order": order, "url": url})
    return out


def _filter_query(origin: str | None, country: str | None) -> str:
    return urlencode([(k, v) for k, v in (("origin", origin), ("country", country)) if v])


@functools.lru_cache(maxsize=32)
def _payload(
    everything: Holdings, origin: str | None, country: str | None, sort: str
) -> dict[str, Any]:
    # The archive recounts only when it changes and returns the same Holdings until then,
    # so a page is built once per archive state and question (0.3 s for all origins).
    countries = sorted({c for c in everything.countries.values() if c})
    return coverage_json(_selected(everything, origin, country), countries, origin, country, sort)


@router.get("/coverage", summary="Cablegate cables held, per origin and year (heat map)")
async def coverage(
    request: Request,
    origin: OriginParam = None,
    country: CountryParam = None,
    sort: SortParam = "-known",
) -> Response:
    """Known (Cablegate ids), held and missing cables per origin and year, totals, and the
    held cables that are not Cablegate cables."""
    data = _payload(archive(request).holdings(), origin or None, country or None, sort)
    return answer(request, "coverage.html", {"title": "Coverage of Cablegate"}, data)


@router.get("/coverage.csv", summary="The coverage table as CSV, one row per origin and year")
async def coverage_csv(
    request: Request, origin: OriginParam = None, country: CountryParam = None
) -> Response:
    found = _selected(archive(request).holdings(), origin, country)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(csv_rows(found))
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="cablegate-coverage.csv"'},
    )
