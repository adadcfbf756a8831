"""The aggregation requests behind the charts, and their answers as flat counts.

tantivy answers an aggregation as nested buckets (months, and in each month its
classifications); the charts look counts up by path, and subtract the counts of a query's
complement from the whole archive's, so the buckets are flattened into one Counter keyed by
the path: ``("class", "SECRET", "month", 200801000000)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import tantivy

MONTH = 1_000_000  # created is yyyymmddHHMM: yyyymm * MONTH is the first minute of a month
_ALL = 1_000_000  # terms size and segment size above any field's distinct values: exact
_LEVELS = ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET")

Key = tuple[str | int, ...]


def _terms(field: str, **sub: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {"terms": {"field": field, "size": _ALL, "segment_size": _ALL}}
    if sub:
        spec["aggs"] = sub
    return spec


def _histogram(field: str, interval: int, **sub: Any) -> dict[str, Any]:
    # min_doc_count 1: only months with cables come back (not the 2,000 years before 1966).
    spec: dict[str, Any] = {"histogram": {"field": field, "interval": interval, "min_doc_count": 1}}
    if sub:
        spec["aggs"] = sub
    return spec


# The one aggregation request of each chart, by name (the name also keys the caches).
REQUESTS: dict[str, dict[str, Any]] = {
    "timeline": {
        "month": _histogram("created", MONTH),
        # Classification outside, months inside: a few big buckets count far faster than
        # 500 small ones each holding a terms count.
        "class": _terms("classification", month=_histogram("created", MONTH)),
    },
    "months": {"month": _histogram("created", MONTH)},
    "world": {"origin": _terms("origin_facet")},
    "tags": {"year": _histogram("year", 1, tag=_terms("tag"))},
    "mix": {
        "origin": _terms("origin_facet"),
        "class": _terms("classification", origin=_terms("origin_facet")),
    },
}


def flatten(answer: Mapping[str, Any]) -> Counter[Key]:
    """Nested buckets as flat counts: ``("class", "SECRET", "month", 200801000000): 12``.

    Flat counts subtract as a Counter, which is what counting from the complement needs.
    A chart of TAGS per year has thousands of buckets, so this loop is kept tight.
    """
    out: Counter[Key] = Counter()
    pending: list[tuple[Key, Mapping[str, Any]]] = [((), answer)]
    while pending:
        prefix, aggregations = pending.pop()
        for name, result in aggregations.items():
            if type(result) is not dict or "buckets" not in result:
                continue
            for bucket in result["buckets"]:
                count = bucket["doc_count"]
                if not count:
                    continue
                value = bucket["key"]
                if type(value) is float:  # histogram keys, integer terms: floats in JSON
                    value = int(value)
                key = (*prefix, name, value)
                out[key] = count
                if len(bucket) > 2:  # sub-aggregations beside key and doc_count
                    pending.append((key, bucket))
    return out


def by_tag(counts: Counter[Key]) -> Counter[str]:
    """Cables per tag from (year, tag) counts: every cable has a year (0 when undated)."""
    out: Counter[str] = Counter()
    for key, n in counts.items():
        if len(key) == 4:
            out[str(key[3])] += n
    return out


def count_matches(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    # `count` exists at run time (search(count=True)) but is missing from tantivy's stubs.
    return int(getattr(searcher.search(query, 1, count=True), "count", 0) or 0)


def level(classification: str) -> tuple[int, str]:
    """Stacking order: unclassified at the bottom, then confidential, secret, top secret."""
    base = classification.split("//")[0].strip()
    rank = _LEVELS.index(base) if base in _LEVELS else len(_LEVELS)
    return rank, classification


def month_label(yyyymm: int) -> str:
    return f"{yyyymm // 100:04d}-{yyyymm % 100:02d}"


def month_range(months: Sequence[int]) -> list[int]:
    """Every month (yyyymm) from the first to the last given, gaps included."""
    if not months:
        return []
    first, last = min(months), max(months)
    out = []
    year, month = divmod(first, 100)
    while year * 100 + month <= last:
        out.append(year * 100 + month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
