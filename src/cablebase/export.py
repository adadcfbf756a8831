"""Export records, streamed: JSON lines, CSV, or Parquet (what analysts load).

Records arrive one at a time from the store and leave in chunks, so exporting all of
Cablegate needs no more memory than one Parquet row group.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from cablebase.citation import cite
from cablebase.errors import UsageError
from cablebase.model import Cable


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


# The flat columns of CSV and Parquet: every field of the record in its documented order
# (paragraphs live in `body`), with the long texts last so a spreadsheet stays readable.
_LONG = ("body", "original")
_FIELDS = ["from" if f.name == "from_" else f.name for f in fields(Cable)]
COLUMNS: tuple[str, ...] = tuple(
    [name for name in _FIELDS if name not in _LONG and name != "paragraphs"] + list(_LONG)
)
ROW_GROUP = 5_000
# Citations are columns too (``--fields reference_id,citation_chicago``), made per record.
CITATION_COLUMNS: tuple[str, ...] = ("citation_chicago", "citation_bibtex")
EXPORT_FIELDS: tuple[str, ...] = COLUMNS + CITATION_COLUMNS
# What the reading room's export form ticks unless the reader changes it.
DEFAULT_FIELDS: tuple[str, ...] = (
    "reference_id",
    "created",
    "origin",
    "classification",
    "subject",
    "tags",
    "citation_chicago",
)
CHUNK = 500  # records per chunk of text handed to the writer or the network


def export_filename(query: str, fmt: ExportFormat) -> str:
    """A file name that says what was asked: ``cables-tag-prel-oil.csv`` (ASCII, short)."""
    words = re.findall(r"[a-z0-9]+", query.lower())
    stem = "-".join(words)[:60].strip("-") or "all"
    return f"cables-{stem}.{fmt.value}"


def export_columns(names: Iterable[str] | None) -> tuple[str, ...]:
    """The columns asked for, in the order given (all record columns when none are)."""
    chosen = [n.strip() for n in names or () if n.strip()]
    if not chosen:
        return COLUMNS
    unknown = [n for n in chosen if n not in EXPORT_FIELDS]
    if unknown:
        raise UsageError(
            f"unknown export field(s) {', '.join(unknown)}; choose from {', '.join(EXPORT_FIELDS)}"
        )
    return tuple(dict.fromkeys(chosen))


def flat_row(
    record: dict[str, Any], columns: tuple[str, ...] = COLUMNS, url_base: str | None = None
) -> dict[str, Any]:
    """One record as flat columns: lists of codes joined by ``|`` (the cables.csv habit)."""
    row: dict[str, Any] = {}
    for name in columns:
        if name in CITATION_COLUMNS:
            row[name] = _citation(record, name, url_base)
            continue
        value = record.get(name)
        if name in ("caveats", "tags", "signers"):
            value = "|".join(value or ())
        elif name in ("from", "to", "info"):
            value = "|".join(_addressee(r) for r in value or ())
        elif name == "references":
            value = "|".join(r["reference_id"] or r["text"] for r in value or ())
        elif name == "issues":
            value = "|".join(f"{i['field']}: {i['message']}" for i in value or ())
        elif name == "source":
            value = value and f"{value['format']}:{value['path']}:{value['position']}"
        row[name] = value
    return row


def json_row(
    record: dict[str, Any], columns: tuple[str, ...] = COLUMNS, url_base: str | None = None
) -> dict[str, Any]:
    """One record for JSON lines: the whole record, or the chosen fields with their nested
    values kept (a JSON reader needs no ``|`` joins)."""
    if columns == COLUMNS:
        return record
    return {
        name: _citation(record, name, url_base) if name in CITATION_COLUMNS else record.get(name)
        for name in columns
    }


def _citation(record: dict[str, Any], column: str, url_base: str | None) -> str:
    url = f"{url_base}/cable/{record['reference_id']}" if url_base else None
    return cite(record, column.removeprefix("citation_"), url)


def _addressee(recipient: dict[str, Any]) -> str:
    name = str(recipient["name"])
    return f"{recipient['route']}/{name}" if recipient.get("route") else name


def write_export(
    records: Iterable[dict[str, Any]],
    fmt: ExportFormat,
    path: Path,
    columns: tuple[str, ...] = COLUMNS,
) -> int:
    """Write every record to ``path``; returns how many were written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    counted = _Counted(records)
    if fmt is ExportFormat.parquet:
        with path.open("wb") as binary:
            for data in parquet_chunks(counted, columns):
                binary.write(data)
        return counted.count
    with path.open("w", encoding="utf-8", newline="") as out:
        for text in text_chunks(counted, fmt, columns):
            out.write(text)
    return counted.count


class _Counted:
    """Records passed through, counted (the writers only see an iterator)."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self.count = 0
        self._records = iter(records)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for record in self._records:
            self.count += 1
            yield record


def text_chunks(
    records: Iterable[dict[str, Any]],
    fmt: ExportFormat,
    columns: tuple[str, ...] = COLUMNS,
    url_base: str | None = None,
) -> Iterator[str]:
    """CSV (with its header) or JSON lines, :data:`CHUNK` records per piece of text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns) if fmt is ExportFormat.csv else None
    if writer is not None:
        writer.writeheader()
    for n, record in enumerate(records, start=1):
        if writer is not None:
            writer.writerow(flat_row(record, columns, url_base))
        else:
            buffer.write(json.dumps(json_row(record, columns, url_base), ensure_ascii=False))
            buffer.write("\n")
        if n % CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


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


def parquet_chunks(
    records: Iterable[dict[str, Any]],
    columns: tuple[str, ...] = COLUMNS,
    url_base: str | None = None,
) -> Iterator[bytes]:
    """A Parquet file, streamed: each row group's bytes leave as soon as it is written (the
    writer never seeks back; the footer comes last), so no temporary file is needed."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        raise UsageError("Parquet export needs pyarrow: pip install pyarrow") from exc
    types = {"is_partial": pa.bool_(), "sections": pa.int64()}
    schema = pa.schema([(name, types.get(name, pa.string())) for name in columns])
    rows = iter(records)
    sink = _Drain()
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        while True:
            chunk = [
                flat_row(r, columns, url_base) for _, r in zip(range(ROW_GROUP), rows, strict=False)
            ]
            if not chunk:
                break
            writer.write_table(
                pa.table({name: [row[name] for row in chunk] for name in columns}, schema=schema)
            )
            yield sink.take()
    yield sink.take()
