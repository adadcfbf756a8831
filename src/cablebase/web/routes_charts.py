"""Charts of any query: JSON counts at /api/chart/KIND and the page that draws them, /charts.

The page holds no data: its script fetches the JSON endpoint of the chosen chart (the CSP
allows no inline script) and draws it with Chart.js, or with d3-geo for the world map. The
endpoints take the search page's parameters (``q`` and repeatable ``f`` filters), so a
chart counts exactly the cables the search page finds; every count carries the filter
clause that narrows a search to it, and the page links each bar or country to that search.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from cablebase.plots.data import TOP_ORIGINS, TOP_TAGS, UNMARKED
from cablebase.web.clauses import class_clause, entry_clause, facet_clause
from cablebase.web.common import answer, archive
from cablebase.web.decode import tag_label
from cablebase.web.listing import FACET_TITLES, combined, search_url

router = APIRouter()


class ChartKind(StrEnum):
    timeline = "timeline"
    map = "map"
    tags = "tags"
    mix = "mix"
    compare = "compare"


QueryParam = Annotated[str, Query(description='The query, e.g. `tag:PREL "human rights"`.')]
FilterParam = Annotated[
    list[str] | None,
    Query(description="Filters: query clauses added to the query (`tag:PREL`), repeatable."),
]
OtherParam = Annotated[
    str, Query(description="The second query of a comparison (the filters apply to both).")
]
TopParam = Annotated[int | None, Query(ge=1, le=50, description="How many tags or origins.")]
_CHART_DESCRIPTIONS = {
    ChartKind.timeline: "Cables per month, stacked by classification",
    ChartKind.map: "Cables per country of origin",
    ChartKind.tags: "The top TAGS, cables per year",
    ChartKind.mix: "Classification mix of the top origins",
    ChartKind.compare: "Two queries on one timeline",
}


def _clean(f: list[str] | None) -> list[str]:
    return [clause for clause in (f or []) if clause.strip()]


def _either(clauses: list[str]) -> str:
    return clauses[0] if len(clauses) == 1 else "(" + " OR ".join(clauses) + ")"


def chart_data(
    request: Request, kind: ChartKind, q: str, filters: list[str], q2: str = "", top: int = 0
) -> dict[str, Any]:
    """The counts of one chart, with the clauses and search links a reader follows."""
    arc = archive(request)
    charts = arc.charts()
    text = combined(q, filters)
    # The archive's classifications, not the chart's: the search page builds the same clause.
    present = arc.engine().values("classification")
    data: dict[str, Any]
    if kind is ChartKind.timeline:
        data = dict(charts.timeline(text))
        data["series"] = [
            {**s, "filter": class_clause(s["name"], present) if s["name"] != UNMARKED else ""}
            for s in data["series"]
        ]
    elif kind is ChartKind.map:
        data = dict(charts.world(text))
        data["countries"] = [
            {
                **c,
                "filter": _either([facet_clause("origin", o["origin"]) for o in c["origins"]]),
            }
            for c in data["countries"]
        ]
    elif kind is ChartKind.tags:
        data = dict(charts.tags(text, top or TOP_TAGS))
        data["series"] = [
            {**s, "label": tag_label(s["tag"]), "filter": facet_clause("tag", s["tag"])}
            for s in data["series"]
        ]
    elif kind is ChartKind.mix:
        data = dict(charts.mix(text, top or TOP_ORIGINS))
        data["origins"] = [
            {**o, "filter": facet_clause("origin", o["origin"])} for o in data["origins"]
        ]
        data["class_filters"] = {
            c: class_clause(c, present) for c in data["classifications"] if c != UNMARKED
        }
    else:
        data = dict(charts.compare(text, combined(q2, filters)))
        for side, query in zip(data["queries"], (q, q2), strict=True):
            side["search"] = search_url("/search", query, filters)
    data["kind"] = kind.value
    data["q"] = q
    data["filters"] = filters
    data["search"] = search_url("/search", q, filters)
    return data


async def _chart(
    request: Request, kind: ChartKind, q: str, f: list[str] | None, q2: str = "", top: int = 0
) -> JSONResponse:
    return JSONResponse(chart_data(request, kind, q, _clean(f), q2, top))


@router.get("/api/chart/timeline", summary="Cables per month, stacked by classification")
async def timeline(request: Request, q: QueryParam = "", f: FilterParam = None) -> Response:
    """``months``, one ``series`` per classification (counts per month), ``month_totals``
    and ``undated``: the month totals plus the undated are the search's ``total``."""
    return await _chart(request, ChartKind.timeline, q, f)


@router.get("/api/chart/map", summary="Cables per country of origin")
async def world(request: Request, q: QueryParam = "", f: FilterParam = None) -> Response:
    """``countries`` (ISO numeric ``key``, name, count, the posts' counts), ``unplaced``
    origins and ``no_origin``: together the search's ``total``."""
    return await _chart(request, ChartKind.map, q, f)


@router.get("/api/chart/tags", summary="The top TAGS of a query, cables per year")
async def tags(
    request: Request, q: QueryParam = "", f: FilterParam = None, top: TopParam = None
) -> Response:
    """``years`` and one ``series`` per tag: its counts per year plus ``undated`` are the
    tag's facet count for the query."""
    return await _chart(request, ChartKind.tags, q, f, top=top or 0)


@router.get("/api/chart/mix", summary="Classification mix of the top origins of a query")
async def mix(
    request: Request, q: QueryParam = "", f: FilterParam = None, top: TopParam = None
) -> Response:
    """``origins``: each origin's total (its facet count) and counts per classification."""
    return await _chart(request, ChartKind.mix, q, f, top=top or 0)


@router.get("/api/chart/compare", summary="Two queries on one timeline")
async def compare(
    request: Request, q: QueryParam = "", q2: OtherParam = "", f: FilterParam = None
) -> Response:
    """``months`` and, per query, its counts per month, ``undated`` and ``total``."""
    return await _chart(request, ChartKind.compare, q, f, q2)


@router.get("/charts", summary="Charts of a query (HTML page or its JSON twin)")
async def charts_page(
    request: Request,
    q: QueryParam = "",
    f: FilterParam = None,
    kind: Annotated[ChartKind, Query(description="The chart to draw.")] = ChartKind.timeline,
    q2: OtherParam = "",
) -> Response:
    """The page draws the chart from /api/chart/KIND; its JSON twin is that chart's data."""
    filters = _clean(f)
    data = chart_data(request, kind, q, filters, q2)
    arc = archive(request)
    facets = arc.search(combined(q, filters), limit=0, snippets=False, facet_size=30)
    present = arc.engine().values("classification")
    base = {"q": q, "q2": q2}
    data["page"] = {
        "kinds": {k.value: _CHART_DESCRIPTIONS[k] for k in ChartKind},
        "endpoint": f"/api/chart/{kind.value}",
        "remove": [
            {
                "filter": clause,
                "url": _page_url(kind, base, [c for c in filters if c != clause]),
            }
            for clause in filters
        ],
        "choices": {
            name: [
                {"value": c.value, "count": c.count, "filter": entry_clause(name, c.value, present)}
                for c in facets.facets.get(name, ())
            ]
            for name in ("classification", "year", "origin", "tag")
        },
        "facet_titles": FACET_TITLES,
    }
    context = {"title": f"{q} – charts" if q else "Charts"}
    return answer(request, "charts.html", context, data)


def _page_url(kind: ChartKind, base: dict[str, str], filters: list[str]) -> str:
    params = [(k, v) for k, v in (("kind", kind.value), *base.items()) if v]
    params.extend(("f", clause) for clause in filters)
    return "/charts?" + urlencode(params)
