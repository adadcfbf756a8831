"""The person facet under the names the archive takes people for.

The index counts the names as the cables give them, so ``ARGYROS`` (signatures) and
``ARGYROS, GEORGE`` (Classified By lines) are two buckets although ``person:ARGYROS`` and
``person:"ARGYROS, GEORGE"`` find the same cables. Here such buckets become one, named for
the person and counted exactly: the counts of the names add up when no cable carries two of
them (nearly always; 2 cables in 11,000 do), else the search is counted again for the person.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from tantivy import Occur, Query

from cablebase.search.engine import Engine, FacetCount

ALL_NAMES = 1 << 16


class NameCounts:
    """Counts of one search narrowed to people's names (exactly as indexed)."""

    def __init__(self, engine: Engine, query: str) -> None:
        self.engine = engine
        self.query = query
        # Compiled when first needed: most searches' people need no counting again.
        self._base: Query | None = None

    def _narrowed(self, names: Sequence[str]) -> Query:
        if self._base is None:
            self._base, _ = self.engine.query(self.query)
        names_query = Query.term_set_query(self.engine.schema, "person", list(names))
        return Query.boolean_query([(Occur.Must, self._base), (Occur.Must, names_query)])

    def each(self, names: Sequence[str]) -> dict[str, int]:
        """Cables of the search per name, in one aggregation."""
        # every name of these cables is a bucket (their other people too): ask for all
        request = {"n": {"terms": {"field": "person", "size": ALL_NAMES}}}
        answer = self.engine.searcher.aggregate(self._narrowed(names), request)
        buckets = answer.get("n", {}).get("buckets", [])
        wanted = set(names)
        return {str(b["key"]): int(b["doc_count"]) for b in buckets if b["key"] in wanted}

    def any_of(self, names: Sequence[str]) -> int:
        """Cables of the search that carry any of the names."""
        found = self.engine.searcher.search(self._narrowed(names), 1, count=True)
        # `count` exists at run time (count=True) but not in tantivy's type stubs
        return int(getattr(found, "count", 0) or 0)


def merged_person_facet(
    counts: Sequence[FacetCount],
    aliases: Mapping[str, str],
    merged: Mapping[str, Sequence[str]],
    shares_cables: Callable[[str], bool],
    search: NameCounts,
) -> tuple[FacetCount, ...]:
    """``counts`` with alias buckets folded into their person. ``shares_cables(person)``:
    whether some cable carries two of the person's names."""
    raw = {b.value: b.count for b in counts}
    people = {aliases.get(b.value, b.value) for b in counts}
    missing = [n for p in people for n in merged.get(p, ()) if n not in raw]
    if missing:  # the names of a person that the top of the facet left out
        raw |= search.each(missing)
    out: dict[str, int] = {}
    for bucket in counts:
        name = aliases.get(bucket.value, bucket.value)
        if name in out:
            continue
        names = merged.get(name)
        if not names:
            out[name] = bucket.count
        elif shares_cables(name):
            out[name] = search.any_of(names)
        else:  # no cable has two of the names: their counts add up
            out[name] = sum(raw.get(n, 0) for n in names)
    return tuple(
        FacetCount(name, n) for name, n in sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))
    )
