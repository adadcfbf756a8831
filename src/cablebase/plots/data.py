"""The counts behind every chart of a query, exact, from the index's aggregations.

Each chart is one tantivy aggregation request over the cables a query matches: a monthly
histogram of ``created`` (yyyymmddHHMM, so a month is a million), terms of the facet fields,
one nested in another. Every count is a number of cables, as the search page counts them:

- timeline: cables per month, per classification; the months and the undated add up to the
  query's total, the classifications and the unmarked to each month's count;
- world: cables per country of origin (posts placed by :func:`cablebase.decode.country_of_origin`);
  countries, unplaced origins and cables without origin add up to the total;
- tags: the query's top TAGS, cables per year for each; years and undated add up to the
  tag's facet count;
- mix: classifications per origin for the query's top origins;
- compare: two queries' timelines side by side.

A query matching most of the archive is counted from its complement, as the search facets
are (:meth:`cablebase.search.engine.Engine.facets`): the counts of the whole archive, made
once per searcher, less those of the few cables the query does not match.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import tantivy

from cablebase.decode.places import country_of_origin
from cablebase.plots.aggregations import (
    MONTH,
    REQUESTS,
    Key,
    by_tag,
    count_matches,
    flatten,
    level,
    month_label,
    month_range,
)
from cablebase.search.engine import Engine
from cablebase.search.index import CableIndex

UNMARKED = "(unmarked)"  # cables whose record has no classification
CACHED_CHARTS = 256  # chart answers (and query totals) kept per searcher
TOP_TAGS = 10
TOP_ORIGINS = 15


class Charts:
    """The charts of one searcher (one :class:`Engine`); answers are cached with it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._everything: dict[str, Counter[Key]] = {}
        self._answers: dict[tuple[str, ...], dict[str, Any]] = {}
        self._totals: dict[str, tuple[tantivy.Query, str, int]] = {}
        self._tag_totals: Counter[str] | None = None

    # -- counting ---------------------------------------------------------------------------

    def _counts(self, name: str, query: tantivy.Query, total: int) -> Counter[Key]:
        plus, minus = self._sides(name, query, total)
        return plus - minus if minus else plus

    def _sides(
        self, name: str, query: tantivy.Query, total: int
    ) -> tuple[Counter[Key], Counter[Key]]:
        """The query's counts as counts to add and counts to take away from them.

        Direct: (the query's counts, nothing). From the complement: (the whole archive's,
        those of the cables the query does not match).
        """
        searcher = self.engine.searcher
        everything = searcher.num_docs
        if total == 0:
            return Counter(), Counter()
        if total == everything:
            return self._all(name), Counter()
        if total > everything // 2:
            rest = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, tantivy.Query.all_query()),
                    (tantivy.Occur.MustNot, query),
                ]
            )
            return self._all(name), flatten(searcher.aggregate(rest, REQUESTS[name]))
        return flatten(searcher.aggregate(query, REQUESTS[name])), Counter()

    def _all(self, name: str) -> Counter[Key]:
        counted = self._everything.get(name)
        if counted is None:
            all_docs = tantivy.Query.all_query()
            counted = flatten(self.engine.searcher.aggregate(all_docs, REQUESTS[name]))
            self._everything[name] = counted
        return counted

    def _matched(self, text: str) -> tuple[tantivy.Query, str, int]:
        # Each chart of a query needs its total first: counted once for all of them (a
        # phrase over most of the archive costs as much to count as to chart).
        matched = self._totals.get(text)
        if matched is None:
            query, understood = self.engine.query(text)
            matched = (query, understood, count_matches(self.engine.searcher, query))
            if len(self._totals) >= CACHED_CHARTS:
                self._totals.pop(next(iter(self._totals)))
            self._totals[text] = matched
        return matched

    def _cached(self, key: tuple[str, ...], make: Any) -> dict[str, Any]:
        answer = self._answers.get(key)
        if answer is None:
            answer = make()
            if len(self._answers) >= CACHED_CHARTS:
                self._answers.pop(next(iter(self._answers)))
            self._answers[key] = answer
        return answer

    # -- the charts -------------------------------------------------------------------------

    def timeline(self, text: str) -> dict[str, Any]:
        """Cables per month, stacked by classification."""
        return self._cached(("timeline", text), lambda: self._timeline(text))

    def _timeline(self, text: str) -> dict[str, Any]:
        query, understood, total = self._matched(text)
        counts = self._counts("timeline", query, total)
        per_month = {k[1]: n for k, n in counts.items() if len(k) == 2 and k[0] == "month"}
        months = month_range([int(m) // MONTH for m in per_month if m])
        series: dict[str, list[int]] = {}
        classes = sorted({str(k[1]) for k in counts if k[0] == "class" and k[1]}, key=level)
        for name in classes:
            series[name] = [counts[("class", name, "month", m * MONTH)] for m in months]
        month_totals = [per_month.get(m * MONTH, 0) for m in months]
        unmarked = [
            n - sum(values[i] for values in series.values()) for i, n in enumerate(month_totals)
        ]
        if any(unmarked):
            series[UNMARKED] = unmarked
        return {
            "kind": "timeline",
            "query": text,
            "understood": understood,
            "total": total,
            "months": [month_label(m) for m in months],
            "month_totals": month_totals,
            "series": [{"name": k, "counts": v, "total": sum(v)} for k, v in series.items()],
            "undated": per_month.get(0, 0),
        }

    def months(self, text: str) -> dict[str, Any]:
        """Cables per month alone (one line of a comparison)."""
        return self._cached(("months", text), lambda: self._months(text))

    def _months(self, text: str) -> dict[str, Any]:
        query, understood, total = self._matched(text)
        counts = self._counts("months", query, total)
        per_month = {int(k[1]): n for k, n in counts.items()}
        return {
            "query": text,
            "understood": understood,
            "total": total,
            "per_month": {m // MONTH: n for m, n in per_month.items() if m},
            "undated": per_month.get(0, 0),
        }

    def compare(self, text: str, other: str) -> dict[str, Any]:
        """Two queries on one timeline: cables per month of each, on the same months."""
        sides = [self.months(text), self.months(other)]
        months = month_range([m for side in sides for m in side["per_month"]])
        return {
            "kind": "compare",
            "months": [month_label(m) for m in months],
            "queries": [
                {
                    "query": side["query"],
                    "understood": side["understood"],
                    "total": side["total"],
                    "counts": [side["per_month"].get(m, 0) for m in months],
                    "undated": side["undated"],
                }
                for side in sides
            ],
        }

    def world(self, text: str) -> dict[str, Any]:
        """Cables per country of origin, each country with its posts' counts."""
        return self._cached(("world", text), lambda: self._world(text))

    def _world(self, text: str) -> dict[str, Any]:
        query, understood, total = self._matched(text)
        counts = self._counts("world", query, total)
        per_origin = sorted(
            ((str(k[1]), n) for k, n in counts.items() if k[1]), key=lambda kv: (-kv[1], kv[0])
        )
        by_country: dict[str, dict[str, Any]] = {}
        unplaced = []
        for origin, n in per_origin:
            country = country_of_origin(origin)
            if country is None:
                unplaced.append({"origin": origin, "count": n})
                continue
            entry = by_country.setdefault(
                country.key,
                {
                    "key": country.key,
                    "numeric": country.numeric or "",
                    "alpha2": country.iso or "",
                    "fips": country.fips,
                    "name": country.name,
                    "count": 0,
                    "origins": [],
                },
            )
            entry["count"] += n
            entry["origins"].append({"origin": origin, "count": n})
        placed = sorted(by_country.values(), key=lambda c: (-c["count"], c["name"]))
        return {
            "kind": "world",
            "query": text,
            "understood": understood,
            "total": total,
            "countries": placed,
            "unplaced": unplaced,
            "no_origin": total - sum(n for _, n in per_origin),
        }

    def tags(self, text: str, top: int = TOP_TAGS) -> dict[str, Any]:
        """The query's ``top`` TAGS (by cables), cables per year for each."""
        return self._cached(("tags", text, str(top)), lambda: self._tags(text, top))

    def _tags(self, text: str, top: int) -> dict[str, Any]:
        query, understood, total = self._matched(text)
        # Thousands of (year, tag) counts: from the complement they are looked up, not
        # subtracted one by one, and the archive's per-tag sums are made once.
        plus, minus = self._sides("tags", query, total)
        per_tag = self._all_tag_totals() if plus is self._everything.get("tags") else by_tag(plus)
        per_tag = per_tag - by_tag(minus)
        leaders = sorted(per_tag.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        years_seen = [int(k[1]) for k in plus if len(k) == 2 and k[1] and plus[k] - minus[k] > 0]
        years = list(range(min(years_seen), max(years_seen) + 1)) if years_seen else []

        def count(year: int, tag: str) -> int:
            key = ("year", year, "tag", tag)
            return plus[key] - minus[key]

        return {
            "kind": "tags",
            "query": text,
            "understood": understood,
            "total": total,
            "years": years,
            "series": [
                {
                    "tag": tag,
                    "total": n,
                    "counts": [count(y, tag) for y in years],
                    "undated": count(0, tag),
                }
                for tag, n in leaders
            ],
        }

    def _all_tag_totals(self) -> Counter[str]:
        totals = self._tag_totals
        if totals is None:
            totals = self._tag_totals = by_tag(self._all("tags"))
        return totals

    def mix(self, text: str, top: int = TOP_ORIGINS) -> dict[str, Any]:
        """The classifications of the cables of the query's ``top`` origins."""
        return self._cached(("mix", text, str(top)), lambda: self._mix(text, top))

    def _mix(self, text: str, top: int) -> dict[str, Any]:
        query, understood, total = self._matched(text)
        counts = self._counts("mix", query, total)
        per_origin = [(str(k[1]), n) for k, n in counts.items() if len(k) == 2 and k[0] == "origin"]
        leaders = sorted((kv for kv in per_origin if kv[0]), key=lambda kv: (-kv[1], kv[0]))
        shown = leaders[:top]
        classes = sorted({str(k[1]) for k in counts if k[0] == "class" and k[1]}, key=level)
        origins: list[dict[str, Any]] = []
        for origin, n in shown:
            by_class = {c: counts[("class", c, "origin", origin)] for c in classes}
            unmarked = n - sum(by_class.values())
            if unmarked:
                by_class[UNMARKED] = unmarked
            origins.append({"origin": origin, "total": n, "counts": by_class})
        if any(UNMARKED in o["counts"] for o in origins):
            classes.append(UNMARKED)
        return {
            "kind": "mix",
            "query": text,
            "understood": understood,
            "total": total,
            "classifications": classes,
            "origins": origins,
            "other_origins": sum(n for _, n in leaders[top:]),
            "no_origin": total - sum(n for _, n in leaders),
        }


class IndexCharts:
    """The charts of an archive's index, over one searcher for as long as the index is unchanged.

    The archive's own engine is remade every second (to see what an ingest commits), which
    would throw away the whole archive's counts as often. Here the searcher is remade only
    when tantivy has committed: its ``meta.json`` is replaced on every commit and merge. The
    file is looked at before the searcher is reloaded, so a commit in between only costs one
    more reload later, never a stale answer.
    """

    def __init__(self, index: CableIndex, cited_by: Callable[[str], Sequence[str]]) -> None:
        self.index = index
        self.cited_by = cited_by
        self._stamp: tuple[int, int, int] | None = None
        self._charts: Charts | None = None

    def current(self) -> Charts:
        stamp = _stamp(self.index.directory / "meta.json")
        if self._charts is None or stamp is None or stamp != self._stamp:
            engine = Engine(self.index.searcher(), self.index.schema, self.cited_by)
            self._charts = Charts(engine)
            self._stamp = stamp
        return self._charts


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None  # no committed index yet: look again every time
    return info.st_ino, info.st_mtime_ns, info.st_size


_BY_INDEX: weakref.WeakKeyDictionary[CableIndex, IndexCharts] = weakref.WeakKeyDictionary()


def charts_of(index: CableIndex, cited_by: Callable[[str], Sequence[str]]) -> Charts:
    """The charts of an archive's index as it is now (see :class:`IndexCharts`)."""
    holder = _BY_INDEX.get(index)
    if holder is None:
        holder = IndexCharts(index, cited_by)
        _BY_INDEX[index] = holder
    return holder.current()
