"""Browse pages (an origin, a tag, a year), the about page, and the API reference at /docs."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from cablebase.search.engine import Sort
from cablebase.web.common import WebError, answer, archive, decode_cursor, page_size, wants_json
from cablebase.web.decode import tag_label, tag_meanings
from cablebase.web.listing import facet_clause, listing
from cablebase.web.ref_status import counts_json

router = APIRouter()

CursorParam = Annotated[str | None, Query(description="The `next_cursor` of the previous page.")]
LimitParam = Annotated[int | None, Query(description="Cables per page, 1 to 100 (default 20).")]
FilterParam = Annotated[list[str] | None, Query(description="Query clauses that narrow the list.")]
SortParam = Annotated[Sort, Query(description="date (default), -date or relevance.")]
_YEAR = re.compile(r"^\d{4}$")


def _browse(
    request: Request,
    *,
    kind: str,
    name: str,
    scope: str,
    f: list[str] | None,
    sort: Sort,
    cursor: str | None,
    limit: int | None,
    about: dict[str, Any],
) -> Response:
    path = request.url.path
    data = listing(
        archive(request),
        path=path,
        query="",
        filters=[c for c in (f or []) if c.strip()],
        sort=sort,
        offset=decode_cursor(cursor),
        limit=page_size(limit),
        scope=scope,
    )
    if data["total"] == 0 and not f:
        raise WebError(
            404, "not_found", f"no cables of {kind} {name} in this archive", "see /about for a list"
        )
    data = {"kind": kind, "name": name, **about, **data}
    context = {"title": f"{kind.title()} {name}"}
    return answer(request, "browse.html", context, data)


@router.get("/origin/{name:path}", summary="The cables of one origin, oldest first")
async def origin(
    request: Request,
    name: Annotated[str, Path(description="An origin as the archive names it: Embassy Paris.")],
    f: FilterParam = None,
    sort: SortParam = Sort.date,
    cursor: CursorParam = None,
    limit: LimitParam = None,
) -> Response:
    scope = facet_clause("origin", name)
    return _browse(
        request,
        kind="origin",
        name=name,
        scope=scope,
        f=f,
        sort=sort,
        cursor=cursor,
        limit=limit,
        about={},
    )


@router.get("/tag/{code}", summary="The cables of one TAGS code, with its meaning")
async def tag(
    request: Request,
    code: Annotated[str, Path(description="A TAGS code: PREL, MX, KDEM.")],
    f: FilterParam = None,
    sort: SortParam = Sort.date,
    cursor: CursorParam = None,
    limit: LimitParam = None,
) -> Response:
    code = code.strip().upper()
    meanings = [
        {"kind": m.kind, "meaning": m.meaning or None, "category": m.category}
        for m in tag_meanings(code)
    ]
    return _browse(
        request,
        kind="tag",
        name=code,
        scope=facet_clause("tag", code),
        f=f,
        sort=sort,
        cursor=cursor,
        limit=limit,
        about={"meanings": meanings, "label": tag_label(code)},
    )


@router.get("/year/{yyyy}", summary="The cables created in one year")
async def year(
    request: Request,
    yyyy: Annotated[str, Path(description="A year: 2008.")],
    f: FilterParam = None,
    sort: SortParam = Sort.date,
    cursor: CursorParam = None,
    limit: LimitParam = None,
) -> Response:
    if not _YEAR.match(yyyy):
        raise WebError(404, "not_found", f"{yyyy!r} is not a year", "use four digits: /year/2008")
    return _browse(
        request,
        kind="year",
        name=yyyy,
        scope=facet_clause("year", yyyy),
        f=f,
        sort=sort,
        cursor=cursor,
        limit=limit,
        about={},
    )


@router.get("/about", summary="What this archive holds")
async def about(request: Request) -> Response:
    arc = archive(request)
    stats = arc.stats()
    data = {
        "archive": str(arc.directory.name),
        "cables": stats.cables,
        "versions": stats.versions,
        "with_issues": stats.with_issues,
        "by_year": [{"year": y, "count": n, "url": f"/year/{y}"} for y, n in stats.by_year if y],
        "by_origin": [
            {"origin": o, "count": n, "url": f"/origin/{quote(o, safe='')}"}
            for o, n in stats.by_origin
            if o
        ],
        "by_classification": [
            {"classification": c, "count": n} for c, n in stats.by_classification
        ],
        "tags": [
            {"code": c, "count": n, "label": tag_label(c), "url": f"/tag/{quote(c, safe='')}"}
            for c, n in arc.tag_counts()[:200]
        ],
        "issues_by_field": [{"field": k, "count": n} for k, n in stats.issues_by_field],
        "references": counts_json(arc.reference_counts()),
        "runs": [
            {
                "id": r.id,
                "started": r.started,
                "finished": r.finished,
                "status": r.status,
                "read": r.read,
                "added": r.added,
                "updated": r.updated,
            }
            for r in stats.runs
        ],
    }
    return answer(request, "about.html", {"title": "About this archive"}, data)


@router.get("/docs", summary="This API, described (the OpenAPI document as a page)")
async def docs(request: Request) -> Response:
    spec = request.app.openapi()
    if wants_json(request):
        return JSONResponse(spec)
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
            "parameters": [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "description": p.get("description", ""),
                    "required": p.get("required", False),
                }
                for p in op.get("parameters", [])
            ],
        }
        for path, methods in spec["paths"].items()
        for method, op in methods.items()
    ]
    return answer(request, "docs.html", {"title": "API"}, {"operations": operations})
