"""The search page, its JSON twin, and the streamed export of every result (no cap)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse

from cablebase.export import COLUMNS, ROW_GROUP, ExportFormat, flat_row
from cablebase.search.engine import Sort
from cablebase.web.common import answer, archive, decode_cursor, page_size
from cablebase.web.listing import FACET_TITLES, combined, listing

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
_EXPORT_CHUNK = 500  # records between yields, so other readers are served during an export


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
    context = {
        "title": f"{q} – search" if q else "Search",
        "facet_titles": FACET_TITLES,
        "expand_box": expand,
    }
    return answer(request, "search.html", context, data)


@router.get("/export", summary="Every result of a query as CSV, JSON lines or Parquet")
async def export(
    request: Request,
    q: QueryParam = "",
    f: FilterParam = None,
    sort: SortParam = Sort.relevance,
    format: Annotated[ExportFormat, Query(description="csv, jsonl or parquet.")] = (
        ExportFormat.csv
    ),
) -> StreamingResponse:
    """Streamed record by record from the store: all of Cablegate needs no more memory."""
    arc = archive(request)
    text = combined(q, [clause for clause in (f or []) if clause.strip()])
    arc.search(text, limit=0, facets=False, snippets=False)  # a bad query fails before streaming
    records = arc.iter_records(text, sort)
    media = {
        ExportFormat.csv: "text/csv; charset=utf-8",
        ExportFormat.jsonl: "application/x-ndjson",
        ExportFormat.parquet: "application/vnd.apache.parquet",
    }[format]
    return StreamingResponse(
        _chunks(records, format),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="cables.{format.value}"'},
    )


async def _chunks(records: Iterator[dict[str, Any]], fmt: ExportFormat) -> AsyncIterator[bytes]:
    # Records come from the archive of the event loop's thread (SQLite connections are
    # per-thread), so the export runs on that thread too and yields between chunks.
    if fmt is ExportFormat.parquet:
        for chunk in _parquet(records):
            yield chunk
            await asyncio.sleep(0)
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS) if fmt is ExportFormat.csv else None
    if writer is not None:
        writer.writeheader()
    for n, record in enumerate(records, start=1):
        if writer is not None:
            writer.writerow(flat_row(record))
        else:
            buffer.write(json.dumps(record, ensure_ascii=False) + "\n")
        if n % _EXPORT_CHUNK == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
            await asyncio.sleep(0)
    yield buffer.getvalue().encode()


class _Drain(io.RawIOBase):
    """A write-only file whose bytes are taken away as they come (one row group at a time)."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.data.extend(b)
        return len(b)

    def take(self) -> bytes:
        out, self.data = bytes(self.data), bytearray()
        return out


def _parquet(records: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # The same columns and types as `cablebase export --format parquet`.
    schema = pa.schema(
        [
            (name, pa.bool_() if name == "is_partial" else pa.int64())
            if name in ("is_partial", "sections")
            else (name, pa.string())
            for name in COLUMNS
        ]
    )
    sink = _Drain()
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        while True:
            chunk = [flat_row(r) for _, r in zip(range(ROW_GROUP), records, strict=False)]
            if not chunk:
                break
            writer.write_table(
                pa.table({name: [row[name] for row in chunk] for name in COLUMNS}, schema=schema)
            )
            yield sink.take()
    yield sink.take()
