"""Run a query: ranked or dated hits, facet counts and highlighted snippets.

Facets are tantivy terms aggregations over fast fields. They are asked for with a
per-segment size larger than any field's number of distinct values, so every count is
exact (the tests compare them with counts made straight from the raw metadata).
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import tantivy

from cablebase.search.compile import compile_query
from cablebase.search.fields import FACET_FIELDS
from cablebase.search.query import describe, parse_query

# Large enough that no segment ever truncates a facet: exact counts, not estimates.
_SEGMENT_SIZE = 1_000_000
SNIPPET_CHARS = 240


class Sort(StrEnum):
    relevance = "relevance"
    date = "date"  # oldest first
    newest = "-date"


@dataclass(frozen=True, slots=True)
class Snippet:
    """A fragment of the clean text and the character ranges of the matched words in it."""

    fragment: str
    highlights: tuple[tuple[int, int], ...]

    def marked(self, start: str, end: str, escape: Callable[[str], str] = str) -> str:
        out: list[str] = []
        at = 0
        for lo, hi in self.highlights:
            out.append(escape(self.fragment[at:lo]))
            out.append(start + escape(self.fragment[lo:hi]) + end)
            at = hi
        out.append(escape(self.fragment[at:]))
        return "".join(out)

    def html(self) -> str:
        """Safe HTML: the cable text escaped, matches wrapped in ``<mark>``."""
        return self.marked("<mark>", "</mark>", html.escape)


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
    ) -> None:
        self.searcher = searcher
        self.schema = schema
        self.cited_by = cited_by

    def query(self, text: str) -> tuple[tantivy.Query, str]:
        node = parse_query(text)
        return compile_query(node, self.schema, self.cited_by), describe(node)

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
        query, understood = self.query(text)
        # tantivy's collectors need a limit of at least 1; limit 0 asks for counts only.
        found = self._search(query, max(limit, 1), offset, sort)
        generator = self._snippets(query) if snippets else None
        hits = tuple(self._hit(score, address, generator) for score, address in found.hits[:limit])
        return SearchResult(
            query=text,
            understood=understood,
            total=_count(found),
            offset=offset,
            limit=limit,
            sort=sort,
            hits=hits,
            facets=self.facets(query, facet_size) if facets else {},
        )

    def _search(
        self, query: tantivy.Query, limit: int, offset: int, sort: Sort
    ) -> tantivy.SearchResult:
        if sort is Sort.relevance:
            return self.searcher.search(query, limit, count=True, offset=offset)
        order = tantivy.Order.Asc if sort is Sort.date else tantivy.Order.Desc
        return self.searcher.search(
            query, limit, count=True, offset=offset, order_by_field="created", order=order
        )

    def iter_ids(self, text: str, sort: Sort = Sort.relevance, page: int = 10_000) -> Iterator[str]:
        """Every matching reference id, in order, page by page: no result-window cap."""
        query, _ = self.query(text)
        total = _count(self.searcher.search(query, 1, count=True))
        # One collection of everything is faster than paging with growing offsets.
        found = self._search(query, max(total, 1), 0, sort)
        for start in range(0, len(found.hits), page):
            for _, address in found.hits[start : start + page]:
                yield str(self.searcher.doc(address)["reference_id"][0])

    def count(self, text: str) -> int:
        query, _ = self.query(text)
        return _count(self.searcher.search(query, 1, count=True))

    def facets(self, query: tantivy.Query, size: int = 20) -> dict[str, tuple[FacetCount, ...]]:
        request: dict[str, Any] = {
            name: {
                "terms": {
                    "field": fast,
                    "size": 1000 if name == "year" else size,
                    "segment_size": _SEGMENT_SIZE,
                }
            }
            for name, fast in FACET_FIELDS.items()
        }
        answer = self.searcher.aggregate(query, request)
        out: dict[str, tuple[FacetCount, ...]] = {}
        for name in FACET_FIELDS:
            buckets = answer.get(name, {}).get("buckets", [])
            counts = [
                FacetCount(_facet_value(b["key"]), int(b["doc_count"]))
                for b in buckets
                if b["key"] not in ("", 0)
            ]
            if name == "year":
                counts.sort(key=lambda c: c.value)
            out[name] = tuple(counts)
        return out

    def _snippets(self, query: tantivy.Query) -> tantivy.SnippetGenerator:
        generator = tantivy.SnippetGenerator.create(self.searcher, query, self.schema, "body")
        generator.set_max_num_chars(SNIPPET_CHARS)
        return generator

    def _hit(
        self, score: Any, address: tantivy.DocAddress, generator: tantivy.SnippetGenerator | None
    ) -> Hit:
        doc = self.searcher.doc(address)
        snippet = None
        if generator is not None:
            found = generator.snippet_from_doc(doc)
            ranges = tuple((r.start, r.end) for r in found.highlighted())
            fragment = found.fragment()
            if not fragment:
                fragment = _first(doc, "body")[:SNIPPET_CHARS]
            snippet = one_line(fragment, ranges)
        return Hit(
            reference_id=_first(doc, "reference_id"),
            score=float(score) if isinstance(score, float) else 0.0,
            created=_first(doc, "created_text") or None,
            origin=_first(doc, "origin_facet") or None,
            classification=_first(doc, "classification") or None,
            subject=_first(doc, "subject"),
            tags=tuple(str(t) for t in doc.get_all("tag")),
            snippet=snippet,
        )


_SPACE = re.compile(r"\s+")


def one_line(fragment: str, byte_ranges: Sequence[tuple[int, int]]) -> Snippet:
    """The fragment as one line (runs of whitespace made one space), highlights moved along.

    Cables are written in short lines; a snippet reads best as one line of text. tantivy
    gives highlight ranges in UTF-8 bytes; they become character offsets here, so a
    non-ASCII character before a match (an accented name) cannot shift or break them.
    """
    data = fragment.encode("utf-8")
    cuts = sorted({0, len(data), *(b for r in byte_ranges for b in r if 0 <= b <= len(data))})
    pieces = [
        _SPACE.sub(" ", data[lo:hi].decode("utf-8", "ignore"))
        for lo, hi in itertools.pairwise(cuts)
    ]
    # Join the pieces, merging a space that ends one piece with one that starts the next.
    text_parts: list[str] = []
    starts: dict[int, int] = {}
    length = 0
    for cut, piece in zip(cuts, pieces, strict=False):
        if length and text_parts[-1].endswith(" ") and piece.startswith(" "):
            piece = piece[1:]
        elif not length:
            piece = piece.lstrip()
        starts[cut] = length
        text_parts.append(piece)
        length += len(piece)
    starts[len(data)] = length
    text = "".join(text_parts)
    stripped = text.rstrip()
    spans = []
    for lo, hi in byte_ranges:
        if lo in starts and hi in starts and starts[lo] < len(stripped):
            begin, end = starts[lo], min(starts[hi], len(stripped))
            # A highlighted word never starts with the space that joined it to the text.
            if text[begin : begin + 1] == " ":
                begin += 1
            spans.append((begin, end))
    return Snippet(stripped, tuple(spans))


def _count(found: tantivy.SearchResult) -> int:
    # `count` exists at run time (search(count=True)) but is missing from tantivy's stubs.
    return int(getattr(found, "count", 0) or 0)


def _first(doc: tantivy.Document, name: str) -> str:
    value = doc.get_first(name)
    return "" if value is None else str(value)


def _facet_value(key: Any) -> str:
    # Integer keys (years) come back as floats from the aggregation JSON.
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)
