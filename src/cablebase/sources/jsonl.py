"""JSON lines: one cable object per line.

Two shapes are read. The MongoDB export of the first release day
(``derived-json/wikileaks-11-28-10.json``) carries ``_id``, ``origin``, ``date_time``,
``classification``, ``header``, ``body`` and ``reference_id``; its body whitespace is
collapsed, so paragraph breaks are already lost there. cablebase's own export carries
``original`` (the whole cable text) beside the parsed fields; that text is read again whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from cablebase.model import RawCable, Source
from cablebase.sources.base import Item, ReadProblem

__all__ = ["JSONL", "JsonLinesReader", "raw_cable_from_record"]

# Keys copied into meta when they hold text; `date_time` is the Mongo export's `created`.
_META_KEYS: dict[str, str] = {
    "reference_id": "reference_id",
    "created": "created",
    "date_time": "created",
    "released": "released",
    "classification": "classification",
    "origin": "origin",
    "subject": "subject",
    "published_id": "published_id",
    "_id": "json_id",
}
_SNIFF = re.compile(rb'\A\s*\{\s*"(?:_id|reference_id|original|header|body)"\s*:')


def raw_cable_from_record(record: dict[str, Any], source: Source) -> RawCable | str:
    """The raw cable of one decoded JSON object, or why it holds none."""
    meta = {
        name: value
        for key, name in _META_KEYS.items()
        if isinstance(value := record.get(key), str) and value
    }
    if "date_time" in record:
        # The first-day export copied the Dec 2010 site's dates: every one of its 219 times
        # has minutes equal to the 12-hour-clock hour, so only the date can be trusted.
        meta["minutes_bug"] = "yes"
    original = record.get("original")
    if isinstance(original, str) and original:
        # cablebase's own records: the one whole text; the parser finds the header again.
        return RawCable(source=source, header="", body=original, original=original, meta=meta)
    header, body = record.get("header", ""), record.get("body", "")
    if not isinstance(header, str) or not isinstance(body, str):
        return 'its "header" and "body" are not both text'
    if not header and not body:
        return 'no cable text in it (needs "original", or "header" and "body")'
    joined = f"{header}\n\n{body}" if header else body
    return RawCable(source=source, header=header, body=body, original=joined, meta=meta)


class JsonLinesReader:
    """Reads JSON lines of cables; a bad line is a problem and the next line follows."""

    name = "jsonl"

    def sniff(self, head: bytes) -> bool:
        return _SNIFF.match(head) is not None

    def read(self, stream: BinaryIO, path: str) -> Iterator[Item]:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            position = f"line {number}"
            try:
                record = json.loads(raw)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield ReadProblem(
                    path,
                    position,
                    f"line {number}: invalid JSON ({_why(exc)})",
                    "fix or remove the line; the other lines were still read",
                )
                continue
            if not isinstance(record, dict):
                yield ReadProblem(
                    path,
                    position,
                    f"line {number}: a JSON {type(record).__name__}, not an object",
                    "each line must be one cable object",
                )
                continue
            cable = raw_cable_from_record(record, Source(self.name, path, position))
            if isinstance(cable, str):
                yield ReadProblem(path, position, f"line {number}: {cable}", "skip or fix the line")
            else:
                yield cable


def _why(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    return "not UTF-8 text"


JSONL = JsonLinesReader()
