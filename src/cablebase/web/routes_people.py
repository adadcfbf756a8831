"""People and organisations: the index pages (/people, /orgs) and a page for each one.

A person's page is their cables as a listing (histogram of years, facets, pages of hits)
scoped by ``person:"NAME"``, which the index answers through the archive's aliases, under
what the entities table knows: the names taken for the person, the forms written, roles
and cables per month.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from cablebase.entities.catalog import EntityProfile, EntitySummary
from cablebase.entities.extract import ORGANISATION, PERSON
from cablebase.errors import UsageError
from cablebase.search.engine import Sort
from cablebase.service import Archive
from cablebase.web.common import (
    WebError,
    answer,
    archive,
    decode_cursor,
    encode_cursor,
    page_size,
)
from cablebase.web.listing import (
    HISTOGRAM_WIDTH,
    bar_geometry,
    facet_clause,
    listing,
)
from cablebase.web.routes_browse import CursorParam, FilterParam, LimitParam, SortParam

router = APIRouter()

# Months drawn one bar each up to this span; a longer career is read from the years.
MAX_MONTH_BARS = 240

PrefixParam = Annotated[str, Query(description="Names that begin so (surname or given name).")]


def entity_url(kind: str, key: str) -> str:
    return f"/person/{quote(key, safe='')}" if kind == PERSON else f"/org/{quote(key, safe='')}"


def cable_entities(arc: Archive, reference_id: str) -> list[dict[str, Any]]:
    """The people and organisations of one cable, with the pages they link to."""
    return [
        {
            "kind": kind,
            "key": key,
            "name": name,
            "role": role,
            "surface": surface,
            "url": entity_url(kind, key),
        }
        for kind, key, name, role, surface in arc.entities.of_cable(reference_id)
    ]


def _index(
    request: Request, kind: str, prefix: str, cursor: str | None, limit: int | None
) -> Response:
    arc = archive(request)
    found: list[EntitySummary] = arc.people(prefix) if kind == PERSON else arc.organisations(prefix)
    offset, size = decode_cursor(cursor), page_size(limit)
    page = found[offset : offset + size]
    end = offset + len(page)
    kept = urlencode([(k, v) for k, v in (("q", prefix), ("limit", limit)) if v])
    base = request.url.path + (f"?{kept}&" if kept else "?")
    next_cursor = encode_cursor(end) if end < len(found) else None
    data = {
        "kind": kind,
        "prefix": prefix,
        "total": len(found),
        "offset": offset,
        "next_cursor": next_cursor,
        "next": f"{base}cursor={next_cursor}" if next_cursor else None,
        "previous": (
            f"{base}cursor={encode_cursor(max(offset - size, 0))}" if offset > 0 else None
        ),
        "entries": [{**e.to_dict(), "url": entity_url(kind, e.key)} for e in page],
    }
    title = "People" if kind == PERSON else "Organisations"
    return answer(request, "entities.html", {"title": title}, data)


@router.get("/people", summary="The people the cables name, most cables first")
async def people(
    request: Request, q: PrefixParam = "", cursor: CursorParam = None, limit: LimitParam = None
) -> Response:
    return _index(request, PERSON, q, cursor, limit)


@router.get("/orgs", summary="The organisations the cables' TAGS name, most cables first")
async def orgs(
    request: Request, q: PrefixParam = "", cursor: CursorParam = None, limit: LimitParam = None
) -> Response:
    return _index(request, ORGANISATION, q, cursor, limit)


def _entity_page(
    request: Request,
    kind: str,
    key: str,
    f: list[str] | None,
    sort: Sort,
    cursor: str | None,
    limit: int | None,
) -> Response:
    arc = archive(request)
    try:
        profile: EntityProfile = (
            arc.person(key, limit=0) if kind == PERSON else arc.organisation(key, limit=0)
        )
    except UsageError:
        index = "/people" if kind == PERSON else "/orgs"
        raise WebError(
            404, "not_found", f"no {kind} {key!r} in this archive", f"see {index}"
        ) from None
    if key != profile.key:  # one URL per person: /person/ARGYROS -> /person/argyros-george
        suffix = ".json" if request.scope.get("state", {}).get("json_suffix") else ""
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"{entity_url(kind, profile.key)}{suffix}{query}", 301)
    scope = facet_clause("person", profile.name) if kind == PERSON else facet_clause("tag", key)
    data = listing(
        arc,
        path=request.url.path,
        query="",
        filters=[c for c in (f or []) if c.strip()],
        sort=sort,
        offset=decode_cursor(cursor),
        limit=page_size(limit),
        scope=scope,
    )
    about = profile.to_dict()
    del about["cables"], about["offset"]  # the listing pages the cables
    data = {
        **about,
        "url": entity_url(kind, profile.key),
        "month_bars": month_bars(profile.by_month),
        **data,
    }
    context = {"title": profile.name}
    return answer(request, "entity.html", context, data)


@router.get("/person/{key}", summary="One person: names, roles, cables over time, cables")
async def person(
    request: Request,
    key: Annotated[str, Path(description="A person's key (argyros-george) or name.")],
    f: FilterParam = None,
    sort: SortParam = Sort.date,
    cursor: CursorParam = None,
    limit: LimitParam = None,
) -> Response:
    return _entity_page(request, PERSON, key, f, sort, cursor, limit)


@router.get("/org/{code}", summary="One organisation (a TAGS code): its cables over time")
async def org(
    request: Request,
    code: Annotated[str, Path(description="An organisation's TAGS code: NATO, IAEA.")],
    f: FilterParam = None,
    sort: SortParam = Sort.date,
    cursor: CursorParam = None,
    limit: LimitParam = None,
) -> Response:
    return _entity_page(request, ORGANISATION, code.strip().upper(), f, sort, cursor, limit)


def month_bars(by_month: tuple[tuple[str, int], ...]) -> list[dict[str, Any]]:
    """Bars for every month from the first to the last with cables (empty months too)."""
    counts = dict(by_month)
    if not counts:
        return []
    first, last = _month_number(min(counts)), _month_number(max(counts))
    span = last - first + 1
    if span > MAX_MONTH_BARS:
        return []
    top = max(counts.values())
    width = HISTOGRAM_WIDTH / span
    labels = [f"{(first + i) // 12:04d}-{(first + i) % 12 + 1:02d}" for i in range(span)]
    return [
        {"month": label, **bar_geometry(i, width, counts.get(label, 0), top)}
        for i, label in enumerate(labels)
    ]


def _month_number(label: str) -> int:
    return int(label[:4]) * 12 + int(label[5:7]) - 1
