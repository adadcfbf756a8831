"""The golden dev set: cables chosen from every corpus format, with expected values checked
by hand against the text.

A case file names a corpus file (and the cable in it, for multi-cable files) and holds the
expected record. Short facts (ids, dates, routing, TAGS, subject, names) are stored as they
are; long texts (summary, comment, paragraph texts, body) as digests, so the project carries
no corpus text. ``tools/golden.py`` writes candidates and shows a case for review.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cablebase.model import Cable, RawCable
from cablebase.parse import parse_cable
from cablebase.sources import read_paths

CASES = Path(__file__).parent / "cases"

# Fields compared as they are.
PLAIN_FIELDS = (
    "reference_id",
    "published_id",
    "created",
    "released",
    "origin",
    "classification",
    "classification_level",
    "caveats",
    "transmission_id",
    "precedence",
    "dtg",
    "from",
    "to",
    "info",
    "subject",
    "subject_marking",
    "tags",
    "executive_order",
    "declassify_on",
    "declassify_note",
    "classified_by",
    "classification_reasons",
    "signers",
    "is_partial",
    "sections",
)
# Fields compared through digests of their whitespace-normalised text.
DIGEST_FIELDS = ("summary", "comment", "body")


def digest(text: str | None) -> str | None:
    if text is None:
        return None
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def comparable(cable: Cable) -> dict[str, Any]:
    """The record as a case stores it."""
    record = cable.to_dict()
    out: dict[str, Any] = {name: record[name] for name in PLAIN_FIELDS}
    for name in DIGEST_FIELDS:
        out[name] = digest(record[name])
    out["references"] = [
        {"label": r["label"], "kind": r["kind"], "reference_id": r["reference_id"]}
        for r in record["references"]
    ]
    out["paragraphs"] = [
        [p["number"], p["marking"], digest(p["text"])] for p in record["paragraphs"]
    ]
    return out


def load_cases() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CASES.glob("*.json"))]


def raw_of(case: dict[str, Any], corpus: Path) -> RawCable:
    """The raw cable a case is about, read with the real readers."""
    wanted = case["select"]
    raws = _raws(corpus / case["path"])
    found = raws[0] if wanted is None and raws else _by_id(corpus / case["path"]).get(wanted)
    if found is None:
        raise LookupError(f"{case['path']}: no cable {wanted!r}")
    return found


@functools.cache
def _raws(path: Path) -> list[RawCable]:
    # 80 cases share one 71 MB CSV: it is read once per test session, not once per case.
    return [item for item in read_paths([path]) if isinstance(item, RawCable)]


@functools.cache
def _by_id(path: Path) -> dict[str, RawCable]:
    out: dict[str, RawCable] = {}
    for raw in _raws(path):
        for key in (raw.meta.get("reference_id"), raw.meta.get("csv_id")):
            if key:
                out.setdefault(key, raw)
    return out


def parsed(case: dict[str, Any], corpus: Path) -> Cable:
    return parse_cable(raw_of(case, corpus))


def iter_csv(corpus: Path) -> Iterator[RawCable]:
    for item in read_paths([corpus / "cables-csv" / "cables.sample.csv"]):
        if isinstance(item, RawCable):
            yield item
