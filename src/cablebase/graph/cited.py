"""Counting what the cables of a query cite: the ``cites`` fast field, aggregated by tantivy.

Kept apart from the search facets on purpose. ``cites`` has a value per cited telegram (tens
of thousands on the sample, hundreds of thousands on Cablegate), so counting it on every
search would triple the cost of facet counting, and the search facets' shortcut for broad
queries (the whole archive's counts less those of the complement) would subtract counters of
that size. Only the pages and commands that show the most-cited list pay for it, once per
query and index snapshot.
"""

from __future__ import annotations

import weakref
from typing import Any

from cablebase.search.engine import Engine, FacetCount

# Every value of every segment is counted, so the top counts are exact, not estimates.
_EVERY_VALUE = 1_000_000
_PER_ENGINE = 128  # queries whose counts an index snapshot keeps

_cache: weakref.WeakKeyDictionary[Engine, dict[tuple[str, int], tuple[FacetCount, ...]]] = (
    weakref.WeakKeyDictionary()
)


def cited_counts(engine: Engine, text: str, size: int) -> tuple[FacetCount, ...]:
    """The ``size`` ids most cited by the cables ``text`` matches, with how many cite each."""
    query, understood = engine.query(text)
    kept = _cache.setdefault(engine, {})
    found = kept.get((understood, size))
    if found is None:
        request: dict[str, Any] = {
            "cites": {"terms": {"field": "cites", "size": size, "segment_size": _EVERY_VALUE}}
        }
        answer = engine.searcher.aggregate(query, request)
        buckets = answer.get("cites", {}).get("buckets", [])
        pairs = [(str(b["key"]), int(b["doc_count"])) for b in buckets if b["key"]]
        # By count, then by id: the same order for the same counts every time.
        found = tuple(FacetCount(v, n) for v, n in sorted(pairs, key=lambda p: (-p[1], p[0])))
        if len(kept) >= _PER_ENGINE:
            kept.pop(next(iter(kept)))
        kept[(understood, size)] = found
    return found
