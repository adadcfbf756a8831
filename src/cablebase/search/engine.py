"""Run a query: ranked or dated hits, facet counts and highlighted snippets.

Facets are tantivy terms aggregations over fast fields. They are asked for with a
per-segment size larger than any field's number of distinct values, so every count is
exact (the tests compare them with counts made straight from the raw metadata).
"""

from __future__ import annotations

import heapq
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from operator import itemgetter
from typing import Any

import tantivy

from cablebase.search.compile import compile_query
from cablebase.search.fields import CAVEAT_SET_SEPARATOR, FACET_CODES, FACET_FIELDS, facet_code
from cablebase.search.frequent import KEPT_HITS, FrequentFacets, KeptHit
from cablebase.search.highlight import Highlighter, Snippet
from cablebase.search.nodes import And, Not, Or, Words
from cablebase.search.query import Node, describe, parse_query

# Large enough that no segment ever truncates a facet: exact counts, not estimates.
_ALL_VALUES = 1_000_000
FACET_CACHE = 256  # queries whose facet counts are kept
_ALL_OF = ("year", "caveat")  # facets whose every value is asked for, whatever the size

# The facets are counted in two aggregations at once, one on a thread of this pool: tantivy
# lets go of the GIL while it counts, and the two multi-valued facets (TAGS, people), which
# cost the most, go one to each. On two cores this takes a search's facets from ~49 to ~33 ms.
_FACET_GROUPS: tuple[tuple[str, ...], ...] = (
    ("tag", "origin", "year"),
    tuple(name for name in FACET_FIELDS if name not in ("tag", "origin", "year")),
)
_COUNTING = ThreadPoolExecutor(max_workers=max(1, (os.cpu_count() or 1) - 1))
# Each aggregation runs the query again: below this many cables to count, a second run of
# the query costs more than the counting it would share out, so one aggregation counts all.
SPLIT_FROM = 20_000
TIE_ROOM = 8  # values counted beyond those asked for, to see where a tie at the cut ends
# Up to how many matching cables a facet is counted on its codes rather than its values
# (cablebase.search.fields.FACET_CODES). A code is counted without a lookup in the field's
# term dictionary, but in a hash table, where the values' own column counts into an array:
# on the synthetic Cablegate the thousands of names gain at any size (1,276 cables: 1.33 ->
# 0.49 ms; 121,853: 19.1 -> 16.5 ms); TAGS and origins only in small results.
CODED_UNTIL = {"person": 1 << 62, "tag": 3_000, "origin": SPLIT_FROM}
# Whole facet countings, beside the reading of a search's hits (a pool apart from _COUNTING,
# whose jobs these wait for).
_FACETING = ThreadPoolExecutor(max_workers=4)
# Facets counted while the search itself runs are shared out over more threads only if a
# core is left beside the search's and the counting's: on two cores a second aggregation
# only runs the query once more (bench/search, phrases: p90 29 -> 20 ms without it).
_SPARE_CORE = (os.cpu_count() or 1) > 2


class Sort(StrEnum):
    relevance = "relevance"
    date = "date"  # oldest first
    newest = "-date"


@dataclass(frozen=True, slots=True)
class Hit:
    reference_id: str
    score: float
    created: str | None
    origin: str | None
    classification: str | None
    subject: str
    tags: tuple[str, ...] = ()
    snippet: Snippet | None = None


@dataclass(frozen=True, slots=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    understood: str
    total: int
    offset: int
    limit: int
    sort: Sort
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[FacetCount, ...]] = field(default_factory=dict)


class Engine:
    """Queries over one searcher. Cheap to make; make a new one to see new commits."""

    def __init__(
        self,
        searcher: tantivy.Searcher,
        schema: tantivy.Schema,
        cited_by: Callable[[str], Sequence[str]],
        person_names: Callable[[str], Sequence[str]] | None = None,
        bodies: Callable[[Sequence[int]], Mapping[int, str]] | None = None,
        frequent: FrequentFacets | None = None,
        spread: bool = True,
    ) -> None:
        self.searcher = searcher
        self.schema = schema
        self.cited_by = cited_by
        self.person_names = person_names
        # The clean texts of cables by the store's version id, which snippets are made
        # from (the store keeps them; the index does not). Without it, no snippets.
        self.bodies = bodies
        # The facet counts of the frequent words, made for this searcher's state of the
        # index (see cablebase.search.frequent): read instead of counted.
        self.frequent = frequent
        # Spread one search over threads: its facets counted beside the reading of its hits,
        # a large result's facets in two aggregations at once. That answers one reader
        # sooner. A server with a process per core keeps every core busy with other
        # searches already; there the threads only add their handoffs and their contention
        # for the GIL, and a second run of the query (bench/web: 289-293 -> 303-305 req/s).
        self.spread = spread
        self._everything: dict[str, dict[str, int]] | None = None  # facet counts of all
        self._every: dict[str, dict[str, int]] | None = None  # the same, caveats as sets
        self._books: dict[str, dict[int, str]] | None = None  # facet code -> value
        self._facet_cache: dict[tuple[str, int], dict[str, tuple[FacetCount, ...]]] = {}

    def query(self, text: str) -> tuple[tantivy.Query, str]:
        query, node = self._compiled(text)
        return query, describe(node)

    def _compiled(self, text: str) -> tuple[tantivy.Query, Node]:
        node = parse_query(text)
        return compile_query(node, self.schema, self.cited_by, self.person_names), node

    def search(
        self,
        text: str,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: Sort = Sort.relevance,
        facets: bool = True,
        facet_size: int = 20,
        snippets: bool = True,
    ) -> SearchResult:
        query, node = self._compiled(text)
        understood = describe(node)
        kept = None
        if sort is Sort.relevance and self.frequent is not None and offset + limit <= KEPT_HITS:
            kept = self.frequent.page(understood)
        if kept is not None:  # a frequent word's first page, ranked when the index changed
            total, first = kept
            hits = self._kept_hits(first[offset : offset + limit], node, snippets)
            counted = self._cached_facets(understood, query, facet_size, total) if facets else {}
        else:
            total, hits, counted = self._searched(
                query,
                node,
                understood,
                limit,
                offset,
                sort,
                facet_size if facets else None,
                snippets,
            )
        return SearchResult(
            query=text,
            understood=understood,
            total=total,
            offset=offset,
            limit=limit,
            sort=sort,
            hits=hits,
            facets=counted,
        )

    def _searched(
        self,
        query: tantivy.Query,
        node: Node,
        understood: str,
        limit: int,
        offset: int,
        sort: Sort,
        facet_size: int | None,
        snippets: bool,
    ) -> tuple[int, tuple[Hit, ...], dict[str, tuple[FacetCount, ...]]]:
        """A search's total, hits and facets (``facet_size`` None: no facets), from the index."""
        facets = facet_size is not None
        size = facet_size or 0
        counting = None
        if facets and self.spread:
            # The facets are counted while this thread searches, when the query's words
            # bound its result to half the archive at most (a larger result is counted on
            # its complement, which needs the exact total). Each runs the query: a phrase of
            # two common words took 30 ms to search and 35 more to count, one after the other.
            bound = self.at_most(node)
            if bound is not None and bound <= self.searcher.num_docs // 2:
                # (this thread's search holds a core: the counting is shared out over
                # more threads only where a core is left for them)
                counting = _FACETING.submit(
                    self._cached_facets, understood, query, size, bound, _SPARE_CORE
                )
        # tantivy's collectors need a limit of at least 1; limit 0 asks for counts only.
        found = self._search(query, max(limit, 1), offset, sort)
        total = _count(found)
        if facets and self.spread and counting is None:
            # (otherwise while this thread reads the hits' documents and snippets)
            counting = _FACETING.submit(self._cached_facets, understood, query, size, total)
        docs = [(score, self.searcher.doc(address)) for score, address in found.hits[:limit]]
        make_snippet, texts = self._snippets_of(
            node, [_version(doc) for _, doc in docs] if snippets else []
        )
        hits = tuple(self._hit(score, doc, texts, make_snippet) for score, doc in docs)
        counted: dict[str, tuple[FacetCount, ...]] = {}
        if counting is not None:
            counted = counting.result()
        elif facets:  # (not spread: counted here, after the hits)
            counted = self._cached_facets(understood, query, size, total)
        return total, hits, counted

    def first_page(self, query: tantivy.Query, size: int) -> tuple[int, list[KeptHit]]:
        """The total and the first ``size`` hits by relevance, as frequent words keep them."""
        found = self._search(query, size, 0, Sort.relevance)
        page: list[KeptHit] = []
        for score, address in found.hits:
            doc = self.searcher.doc(address)
            hit = self._hit(score, doc)
            fields = (hit.reference_id, hit.score, hit.created, hit.origin, hit.classification)
            page.append((*fields, hit.subject, hit.tags, _version(doc)))
        return _count(found), page

    def _snippets_of(
        self, node: Node, versions: Sequence[int]
    ) -> tuple[Callable[[str], Snippet] | None, Mapping[int, str]]:
        """How to make the snippets of ``node`` and the texts of these versions to make them
        from (none asked, or no store of texts: no snippets)."""
        if not versions or self.bodies is None:
            return None, {}
        return Highlighter.of(node).snippet, self.bodies(versions)

    def _kept_hits(self, page: Sequence[KeptHit], node: Node, snippets: bool) -> tuple[Hit, ...]:
        versions = [kept[7] for kept in page] if snippets else []
        make_snippet, texts = self._snippets_of(node, versions)
        # (a kept hit is the fields of a Hit in their order, then its text's version)
        return tuple(
            Hit(*kept[:7], snippet=make_snippet(texts.get(kept[7], "")) if make_snippet else None)
            for kept in page
        )

    def at_most(self, node: Node) -> int | None:
        """How many cables ``node`` can match at most, from the document frequencies of its
        words (the fewest of a phrase's; both fields of a bare word); None: no bound short
        of the whole archive (a field value, a prefix, a date...)."""
        if isinstance(node, Words):
            fields = ("body", "subject") if node.field is None else (node.field,)
            return sum(
                min(self.searcher.doc_freq(name, token) for token in node.tokens) for name in fields
            )
        if isinstance(node, And):  # any item bounds them all; what is left out does not
            bounds = [self.at_most(item) for item in node.items if not isinstance(item, Not)]
            known = [b for b in bounds if b is not None]
            return min(known) if known else None
        if isinstance(node, Or):
            bounds = [self.at_most(item) for item in node.items]
            return sum(b for b in bounds if b is not None) if None not in bounds else None
        return None

    def _search(
        self, query: tantivy.Query, limit: int, offset: int, sort: Sort
    ) -> tantivy.SearchResult:
        if sort is Sort.relevance:
            return self.searcher.search(query, limit, count=True, offset=offset)
        order = tantivy.Order.Asc if sort is Sort.date else tantivy.Order.Desc
        return self.searcher.search(
            query, limit, count=True, offset=offset, order_by_field="created", order=order
        )

    def iter_hits(self, text: str, sort: Sort = Sort.relevance) -> Iterator[Hit]:
        """Every matching cable, in order, without snippets: no result-window cap."""
        query, _ = self.query(text)
        total = _count(self.searcher.search(query, 1, count=True))
        # One collection of everything is faster than paging with growing offsets.
        found = self._search(query, max(total, 1), 0, sort)
        for score, address in found.hits:
            yield self._hit(score, self.searcher.doc(address))

    def facets(
        self,
        query: tantivy.Query,
        size: int = 20,
        total: int | None = None,
        share_out: bool = True,
    ) -> dict[str, tuple[FacetCount, ...]]:
        """Exact counts per facet value of the cables ``query`` matches (top ``size``).

        Counting costs time per matching cable. When a query matches most of the archive
        (a common word), the cables it does not match are far fewer: their counts,
        taken from the counts of the whole archive (computed once per searcher), give the
        same exact answer for a fraction of the work.

        ``total``: how many cables ``query`` matches; or, when that is at most half the
        archive, any bound on it (the counts are exact either way: only the way of counting
        follows it). None: counted here first. ``share_out`` False: a large result is
        counted in one aggregation, not in several at once on more threads.
        """
        if total is None:
            total = _count(self.searcher.search(query, 1, count=True))
        if total == 0:  # nothing to count: no need to run the query again to see that
            return {name: () for name in FACET_FIELDS}
        everything = self.searcher.num_docs
        if total > everything // 2 and total < everything:
            rest = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, tantivy.Query.all_query()),
                    (tantivy.Occur.MustNot, query),
                ]
            )
            all_counts = self._all_counts()
            rest_counts = self._counts(rest, None, everything - total, share_out=share_out)
            counted: Mapping[str, Mapping[str, int]] = {
                name: Counter(all_counts[name]) - Counter(rest_counts[name])
                for name in FACET_FIELDS
            }
        elif total == everything:
            counted = self._all_counts()
        else:
            # A few values more than asked: tantivy breaks a tie at the cut its own way,
            # and the order here is by count, then by value. A tie that runs to the end of
            # what came back may go on beyond it: then every value is counted.
            counted = self._counts(query, size + TIE_ROOM, total, share_out=share_out)
            # (in a small result most values share a count of one or two: a tie at the cut
            # is common there, and only the facets that have one are counted again)
            tied = [n for n in FACET_FIELDS if _tie_at_cut(counted[n], size + TIE_ROOM, size)]
            if tied:
                counted = {**counted, **self._counts(query, None, total, tied, share_out)}
        out: dict[str, tuple[FacetCount, ...]] = {}
        for name in FACET_FIELDS:
            counts = counted[name]
            # (years in their order; other values by count, then by value: the same order
            # for the same counts every time)
            ranked = sorted(counts.items()) if name == "year" else top_values(counts, size)
            out[name] = tuple(_facet_count(value, n) for value, n in ranked if n > 0)
        return out

    def _cached_facets(
        self, key: str, query: tantivy.Query, size: int, total: int, share_out: bool = True
    ) -> dict[str, tuple[FacetCount, ...]]:
        # Paging through a result, or sorting it another way, asks for the same counts
        # again: they are kept for the life of this searcher (a new commit, a new engine).
        cached = self._facet_cache.get((key, size))
        if cached is None and self.frequent is not None:
            kept = self.frequent.get(key, size)
            if kept is not None:
                return {
                    name: tuple(_facet_count(value, n) for value, n in pairs)
                    for name, pairs in kept.items()
                }
        if cached is None:
            cached = self.facets(query, size, total, share_out)
            if len(self._facet_cache) >= FACET_CACHE:
                self._facet_cache.pop(next(iter(self._facet_cache)))
            self._facet_cache[(key, size)] = cached
        return cached

    def person_spans(self) -> dict[str, tuple[int | None, int | None]]:
        """Every person's first and last year among the indexed cables.

        One aggregation over the index (~0.1 s for Cablegate's size) answers what a join of
        the store's entities with its cables takes a second for. Undated cables count no
        year (as SQL's min and max skip NULL): a person seen only in those has no span.
        """
        dated = tantivy.Query.range_query(self.schema, "year", tantivy.FieldType.Integer, 1, 9999)
        by_year = {
            "people": {
                "terms": {"field": "person", "size": _ALL_VALUES, "segment_size": _ALL_VALUES},
                "aggs": {"first": {"min": {"field": "year"}}, "last": {"max": {"field": "year"}}},
            }
        }
        everyone = {
            "people": {
                "terms": {"field": "person", "size": _ALL_VALUES, "segment_size": _ALL_VALUES}
            }
        }
        spans: dict[str, tuple[int | None, int | None]] = {
            str(b["key"]): (None, None)
            for b in self.searcher.aggregate(tantivy.Query.all_query(), everyone)
            .get("people", {})
            .get("buckets", [])
        }
        for b in self.searcher.aggregate(dated, by_year).get("people", {}).get("buckets", []):
            spans[str(b["key"])] = (int(b["first"]["value"]), int(b["last"]["value"]))
        spans.pop("", None)
        return spans

    def values(self, facet: str) -> tuple[str, ...]:
        """Every value of a facet (``classification``...) in the archive, most used first."""
        counts = self._all_counts()[facet]
        return tuple(sorted(counts, key=lambda v: (-counts[v], v)))

    def _all_counts(self) -> dict[str, dict[str, int]]:
        if self._everything is None:
            self._everything = _summed(self._every_value())
        return self._everything

    def _every_value(self) -> dict[str, dict[str, int]]:
        # (the whole archive's counts, caveats still as sets: what the code books read)
        if self._every is None:
            everything = self.searcher.num_docs
            self._every = self._raw_counts(tantivy.Query.all_query(), None, everything, {})
        return self._every

    def _code_books(self) -> dict[str, dict[int, str]]:
        """Each coded facet's values by code, made from every value the index holds."""
        if self._books is None:
            self._books = _code_books(self._every_value())
        return self._books

    def _counts(
        self,
        query: tantivy.Query,
        size: int | None,
        matching: int,
        names: Sequence[str] = tuple(FACET_FIELDS),
        share_out: bool = True,
    ) -> dict[str, dict[str, int]]:
        """Counts per value of the facets ``names``; ``size`` None: every value, not just
        the top ones.

        ``matching`` (how many cables ``query`` matches) decides how: in one aggregation
        or shared out over several threads (unless not ``share_out``), and which facets are
        counted on their codes."""
        books = {
            name: book for name, book in self._code_books().items() if matching <= CODED_UNTIL[name]
        }
        try:
            return _summed(self._raw_counts(query, size, matching, books, names, share_out))
        except KeyError:  # a code no value of this searcher has: count on the values
            return _summed(self._raw_counts(query, size, matching, {}, names, share_out))

    def _raw_counts(
        self,
        query: tantivy.Query,
        size: int | None,
        matching: int,
        books: Mapping[str, Mapping[int, str]],
        names: Sequence[str] = tuple(FACET_FIELDS),
        share_out: bool = True,
    ) -> dict[str, dict[str, int]]:
        # (caveats as the sets of them that cables hold; ``books``: the facets counted on
        # their codes, and how to read those back)
        def request(group: Sequence[str]) -> dict[str, Any]:
            return {
                name: {
                    "terms": {
                        "field": FACET_CODES[name] if name in books else FACET_FIELDS[name],
                        # Years and sets of caveats: all of them (few), for exact sums.
                        "size": _ALL_VALUES if size is None or name in _ALL_OF else size,
                        "segment_size": _ALL_VALUES,
                    }
                }
                for name in group
            }

        if matching < SPLIT_FROM or not self.spread or not share_out:
            first, rest = tuple(names), []
        else:
            groups = (tuple(name for name in group if name in names) for group in _FACET_GROUPS)
            first, *rest = (group for group in groups if group)
        others = [_COUNTING.submit(self.searcher.aggregate, query, request(g)) for g in rest]
        answer = self.searcher.aggregate(query, request(first))
        for other in others:
            answer.update(other.result())
        counted: dict[str, dict[str, int]] = {}
        for name in names:
            buckets = answer.get(name, {}).get("buckets", [])
            if (book := books.get(name)) is not None:
                # (a code comes back as an int, or as a float equal to it: either finds it)
                counted[name] = {book[code]: n for code, n in map(_KEY_AND_COUNT, buckets)}
            else:
                counted[name] = {
                    _facet_value(key): n
                    for key, n in map(_KEY_AND_COUNT, buckets)
                    if key not in ("", 0)
                }
        return counted

    def _hit(
        self,
        score: Any,
        doc: tantivy.Document,
        texts: Mapping[int, str] | None = None,
        make_snippet: Callable[[str], Snippet] | None = None,
    ) -> Hit:
        value = doc.get_first  # (the stored text fields come back as str, or None)
        return Hit(
            reference_id=value("reference_id") or "",
            score=float(score) if isinstance(score, float) else 0.0,
            created=value("created_text") or None,
            origin=value("origin_facet") or None,
            classification=value("classification") or None,
            subject=value("subject") or "",
            tags=tuple(doc.get_all("tag")),
            snippet=make_snippet((texts or {}).get(_version(doc), "")) if make_snippet else None,
        )


# A bucket of tantivy's terms aggregation: its value (or code) and its count, read in C.
_KEY_AND_COUNT = itemgetter("key", "doc_count")
# Counts made once and shared (they are frozen): a search's facets are ~100 of them, and the
# same value with the same count recurs from search to search (~1 us made, ~0.1 looked up).
_FACET_COUNTS: dict[tuple[str, int], FacetCount] = {}
_FACET_COUNTS_KEPT = 1 << 15  # (~200 bytes each: ~6 MB at most)


def _facet_count(value: str, n: int) -> FacetCount:
    key = (value, n)
    made = _FACET_COUNTS.get(key)
    if made is None:
        if len(_FACET_COUNTS) >= _FACET_COUNTS_KEPT:
            _FACET_COUNTS.clear()  # (a bound on memory; what recurs is made again)
        made = _FACET_COUNTS[key] = FacetCount(value, n)
    return made


# Up to how many values a facet's are sorted whole: below this, picking the top ones costs
# more than the sort it saves (a rare word's facets, measured: most hold 4-28 values).
_SORTED_WHOLE_UNTIL = 64


def top_values(counts: Mapping[str, int], size: int) -> list[tuple[str, int]]:
    """The ``size`` values with the largest counts, a tie broken by value: what
    ``sorted(counts.items(), key=lambda p: (-p[1], p[0]))[:size]`` gives.

    A small result's people or origins can be hundreds of values, most with a count of one
    or two: sorting them all by value took ~0.28 ms for 500. There only the values above the
    count at the cut are sorted (fewer than ``size``), and the first of the tied ones picked
    by value (~0.1 ms)."""
    if size <= 0:
        return []
    if len(counts) <= max(size, _SORTED_WHOLE_UNTIL):
        # (by value, then stably by count, largest first: no key made per value)
        return sorted(sorted(counts.items()), key=itemgetter(1), reverse=True)[:size]
    cut = heapq.nlargest(size, counts.values())[-1]
    above = sorted(
        sorted((v, n) for v, n in counts.items() if n > cut), key=itemgetter(1), reverse=True
    )
    tied = heapq.nsmallest(size - len(above), [v for v, n in counts.items() if n == cut])
    return above + [(v, cut) for v in tied]


def _tie_at_cut(counts: Mapping[str, int], asked: int, size: int) -> bool:
    """Did counting stop (``asked`` values back) inside the run of values that share the
    count of the ``size``-th, so that a value left out may rank before one kept?"""
    if len(counts) < asked or size <= 0:
        return False
    ranked = sorted(counts.values(), reverse=True)
    return ranked[size - 1] == ranked[-1]


def _summed(counted: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    if "caveat" not in counted:
        return counted
    return {**counted, "caveat": _per_caveat(counted["caveat"])}


def _code_books(every_value: Mapping[str, Mapping[str, int]]) -> dict[str, dict[int, str]]:
    # A facet two of whose values share a code is left out: it is counted on its values.
    books = {}
    for name in FACET_CODES:
        book = {facet_code(value): value for value in every_value[name]}
        if len(book) == len(every_value[name]):
            books[name] = book
    return books


def _per_caveat(sets: Mapping[str, int]) -> dict[str, int]:
    # Each set of caveats counts once for each caveat in it: a cable holds a caveat once.
    counts: Counter[str] = Counter()
    for joined, n in sets.items():
        for caveat in joined.split(CAVEAT_SET_SEPARATOR):
            counts[caveat] += n
    return dict(counts)


def _count(found: tantivy.SearchResult) -> int:
    # `count` exists at run time (search(count=True)) but is missing from tantivy's stubs.
    return int(getattr(found, "count", 0) or 0)


def _version(doc: tantivy.Document) -> int:
    value = doc.get_first("version")
    return int(value) if value is not None else 0


def _facet_value(key: Any) -> str:
    # Integer keys (years) come back as floats from the aggregation JSON.
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)
