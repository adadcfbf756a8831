"""Export records, streamed: JSON lines, CSV, or Parquet (what analysts load).

Records arrive one at a time from the store and leave in chunks, so exporting all of
Cablegate needs no more memory than one Parquet row group.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import fields
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

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


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """One record as flat columns: lists of codes joined by ``|`` (the cables.csv habit)."""
    row: dict[str, Any] = {}
    for name in COLUMNS:
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


def _addressee(recipient: dict[str, Any]) -> str:
    name = str(recipient["name"])
    return f"{recipient['route']}/{name}" if recipient.get("route") else name


def write_export(records: Iterable[dict[str, Any]], fmt: ExportFormat, path: Path) -> int:
    """Write every record to ``path``; returns how many were written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt is ExportFormat.parquet:
        return _write_parquet(iter(records), path)
    with path.open("w", encoding="utf-8", newline="") as out:
        if fmt is ExportFormat.jsonl:
            return _write_jsonl(records, out)
        return _write_csv(records, out)


def _write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(flat_row(record))
        count += 1
    return count


def _write_parquet(records: Iterator[dict[str, Any]], path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        raise UsageError("Parquet export needs pyarrow: pip install pyarrow") from exc
    schema = pa.schema(
        [
            (name, pa.bool_() if name == "is_partial" else pa.int64())
            if name in ("is_partial", "sections")
            else (name, pa.string())
            for name in COLUMNS
        ]
    )
    count = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        while True:
            chunk = [flat_row(r) for _, r in zip(range(ROW_GROUP), records, strict=False)]
            if not chunk:
                break
            columns = {name: [row[name] for row in chunk] for name in COLUMNS}
            writer.write_table(pa.table(columns, schema=schema))
            count += len(chunk)
    return count
