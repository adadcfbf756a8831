"""The search page, its JSON twin, and the streamed export of every result (no cap)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse

from cablebase.export import (
    DEFAULT_FIELDS,
    EXPORT_FIELDS,
    ExportFormat,
    export_columns,
    export_filename,
    parquet_chunks,
    text_chunks,
)
from cablebase.search.engine import Sort
from cablebase.web.common import answer, archive, decode_cursor, page_size
from cablebase.web.listing import combined, listing

router = APIRouter()

QueryParam = Annotated[str, Query(description='The query, e.g. `tag:PREL "human rights"`.')]
FilterParam = Annotated[
    list[str] | None,
    Query(description="Filters: query clauses added to the query (`tag:PREL`), repeatable."),
]
SortParam = Annotated[Sort, Query(description="relevance, date (oldest first) or -date.")]
CursorParam = Annotated[
    str | None, Query(description="The `next_cursor` of the previous page; absent: the first.")
]
LimitParam = Annotated[int | None, Query(description="Hits per page, 1 to 100 (default 20).")]
ExpandParam = Annotated[
    bool,
    Query(description="1: a learned acronym expansion in the query also finds its acronym."),
]


@router.get("/", include_in_schema=False)
async def home() -> Response:
    return RedirectResponse("/search", status_code=307)


@router.get("/search", summary="Search cables (HTML page or its JSON twin)")
async def search(
    request: Request,
    q: QueryParam = "",
    f: FilterParam = None,
    sort: SortParam = Sort.relevance,
    cursor: CursorParam = None,
    limit: LimitParam = None,
    expand: ExpandParam = False,
) -> Response:
    """Ranked or dated hits with snippets, facet counts as filters, years, next cursor."""
    filters = [clause for clause in (f or []) if clause.strip()]
    data = listing(
        archive(request),
        path="/search",
        query=q,
        filters=filters,
        sort=sort,
        offset=decode_cursor(cursor),
        limit=page_size(limit),
        expand=expand,
    )
    data["export_form"] = export_form(data["effective_query"], sort)
    context = {
        "title": f"{q} – search" if q else "Search",
        "expand_box": expand,
    }
    return answer(request, "search.html", context, data)


# The parameters of /search, and the spellings of ``expand`` that are read here as FastAPI
# reads them; any other request is left to FastAPI (and to its errors).
_SEARCH_PARAMETERS = frozenset({"q", "f", "sort", "cursor", "limit", "expand"})
_EXPAND = {"0": False, "1": True, "false": False, "true": True}
_SORTS = {sort.value: sort for sort in Sort}


async def plain_search(request: Request) -> Response | None:
    """``/search`` for a request of plain parameters, without FastAPI's parameter machinery.

    The reading room's most frequent request, and its resolving of six typed parameters
    (routing through some sixty routes, validation, the exception layers) cost ~0.6 ms of the
    ~8 ms a search takes a server process. The answer is the route's own, from the same
    function; None when a parameter is repeated, unknown or not plainly valid, or when the
    search fails, so that FastAPI answers (with its errors) as always.
    """
    items = request.query_params.multi_items()
    names = [name for name, _ in items if name != "f"]
    if len(set(names)) != len(names) or not _SEARCH_PARAMETERS.issuperset(names):
        return None
    given = dict(items)
    sort = _SORTS.get(given.get("sort", Sort.relevance.value))
    limit = given.get("limit")
    expand = _EXPAND.get(given.get("expand", "0"))
    plain_limit = limit is None or (limit.isascii() and limit.isdigit())  # not "٣" nor "²"
    if sort is None or expand is None or not plain_limit:
        return None
    try:
        return await search(
            request,
            q=given.get("q", ""),
            f=[value for name, value in items if name == "f"] or None,
            sort=sort,
            cursor=given.get("cursor"),
            limit=int(limit) if limit is not None else None,
            expand=expand,
        )
    except Exception:  # a bad query, cursor or limit: FastAPI's errors answer it
        return None


def export_form(query: str, sort: Sort) -> dict[str, Any]:
    """What the search page's export form sends to /export: the query as run, the sort, a
    format, and the fields ticked (DEFAULT_FIELDS until the reader changes them)."""
    return {
        "action": "/export",
        "q": query,
        "sort": sort.value,
        # CSV first and ticked: /export's default, and what a spreadsheet opens.
        "formats": ["csv", "jsonl", "parquet"],
        "fields": [{"name": name, "default": name in DEFAULT_FIELDS} for name in EXPORT_FIELDS],
        "filename": {f.value: export_filename(query, f) for f in ExportFormat},
    }


@router.get("/export", summary="Every result of a query as CSV, JSON lines or Parquet")
async def export(
    request: Request,
    q: QueryParam = "",
    f: FilterParam = None,
    sort: SortParam = Sort.relevance,
    format: Annotated[ExportFormat, Query(description="csv, jsonl or parquet.")] = (
        ExportFormat.csv
    ),
    fields: Annotated[
        list[str] | None,
        Query(
            description="The fields to export, repeatable or comma-separated (default: all "
            "fields of the record); `citation_chicago` and `citation_bibtex` add citations."
        ),
    ] = None,
) -> StreamingResponse:
    """Streamed record by record from the store: all of Cablegate needs no more memory.
    Parquet streams too: each row group leaves as it is written, the footer last."""
    arc = archive(request)
    columns = export_columns(name for value in fields or () for name in value.split(","))
    text = combined(q, [clause for clause in (f or []) if clause.strip()])
    arc.search(text, limit=0, facets=False, snippets=False)  # a bad query fails before streaming
    records = arc.iter_records(text, sort)
    media = {
        ExportFormat.csv: "text/csv; charset=utf-8",
        ExportFormat.jsonl: "application/x-ndjson",
        ExportFormat.parquet: "application/vnd.apache.parquet",
    }[format]
    url_base = str(request.base_url).rstrip("/")
    return StreamingResponse(
        _chunks(records, format, columns, url_base),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{export_filename(text, format)}"'},
    )


async def _chunks(
    records: Iterator[dict[str, Any]], fmt: ExportFormat, columns: tuple[str, ...], url_base: str
) -> AsyncIterator[bytes]:
    # Records come from the archive of the event loop's thread (SQLite connections are
    # per-thread), so the export runs on that thread too and yields between chunks.
    if fmt is ExportFormat.parquet:
        for data in parquet_chunks(records, columns, url_base):
            yield data
            await asyncio.sleep(0)
        return
    for text in text_chunks(records, fmt, columns, url_base):
        yield text.encode()
        await asyncio.sleep(0)
