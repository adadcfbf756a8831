"""Search results as a page: hits, facets as filters, the histogram of years, the pager.

A filter is a query clause (``tag:PREL``, ``origin:"Embassy Paris"``) appended to the query.
The grammar's implicit AND binds loosest, so ``a OR b tag:PREL`` is ``(a OR b) AND tag:PREL``
and an error in the query keeps its position (the filters come after it).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote, quote_plus, urlencode

from cablebase.decode import facet_meaning, tag_meaning
from cablebase.search.engine import FacetCount, Hit, SearchResult, Sort
from cablebase.search.meanings import tag_words
from cablebase.search.query import parse_query
from cablebase.service import Archive
from cablebase.web.clauses import entry_clause
from cablebase.web.clauses import facet_clause as facet_clause  # where the routes import it
from cablebase.web.common import encode_cursor
from cablebase.web.decode import tag_label

FACET_TITLES = {
    "origin": "Origin",
    "year": "Year",
    "classification": "Classification",
    "caveat": "Caveats",
    "tag": "TAGS",
    "person": "People",
}
HISTOGRAM_WIDTH = 600
HISTOGRAM_HEIGHT = 80


@lru_cache(maxsize=65536)
def facet_entry(
    name: str, value: str, classifications: tuple[str, ...]
) -> tuple[str, str, str, str | None]:
    """A facet value's clause, the clause quoted for a URL, its label and its meaning.

    The same values come back on page after page (the archive's top tags, origins, years),
    and each costs some quoting and decoding: made once per value, not once per page."""
    clause = entry_clause(name, value, classifications)
    label = tag_label(value) if name == "tag" else ""
    return clause, quote(clause, safe=""), label, facet_meaning(name, value)


def combined(query: str, filters: list[str]) -> str:
    return " ".join(part for part in [query.strip(), *filters] if part)


def search_url(
    path: str,
    query: str,
    filters: list[str],
    sort: Sort = Sort.relevance,
    cursor: str | None = None,
    expand: bool = False,
) -> str:
    """``path`` with the query string of these parameters, in the order q, f..., sort,
    expand, cursor (what ``urlencode`` of them all writes)."""
    params = [_query_params(query, tuple(filters))] if query or filters else []
    if sort is not Sort.relevance:
        params.append(f"sort={quote_plus(sort.value)}")
    if expand:
        params.append("expand=1")
    if cursor:
        params.append(f"cursor={quote_plus(cursor)}")
    return f"{path}?{'&'.join(params)}" if params else path


@lru_cache(maxsize=4096)
def _query_params(query: str, filters: tuple[str, ...]) -> str:
    # A result page links to a dozen variants of itself (sorts, pages, exports, charts):
    # the query and filters are encoded once, not once a link.
    params = [("q", query)] if query else []
    return urlencode(params + [("f", f) for f in filters])


def hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "reference_id": hit.reference_id,
        "url": f"/cable/{hit.reference_id}",
        "score": round(hit.score, 4),
        "created": hit.created,
        "origin": hit.origin,
        "classification": hit.classification,
        "subject": hit.subject,
        "tags": list(hit.tags),
        # Plain text with the matches between ** **, and the same as escaped HTML with <mark>.
        "snippet": hit.snippet.marked("**", "**") if hit.snippet else None,
        "snippet_html": hit.snippet.html() if hit.snippet else None,
    }


def histogram(years: tuple[FacetCount, ...]) -> list[dict[str, Any]]:
    """Bars for every year from the first to the last with hits, gaps drawn as empty years."""
    counts = {int(c.value): c.count for c in years if c.value.isdigit()}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    span = last - first + 1
    top = max(counts.values())
    width = HISTOGRAM_WIDTH / span
    return [
        {"year": year, **bar_geometry(i, width, counts.get(year, 0), top)}
        for i, year in enumerate(range(first, last + 1))
    ]


def bar_geometry(i: int, width: float, count: int, top: int) -> dict[str, Any]:
    """The ``i``-th bar of a histogram whose bars are ``width`` wide and ``top`` the tallest."""
    height = round(HISTOGRAM_HEIGHT * count / top, 1) if count else 0
    return {
        "count": count,
        "x": round(i * width, 2),
        "width": round(max(width - 1, 0.5), 2),
        "y": round(HISTOGRAM_HEIGHT - height, 1),
        "height": height,
    }


def listing(
    arc: Archive,
    *,
    path: str,
    query: str,
    filters: list[str],
    sort: Sort,
    offset: int,
    limit: int,
    scope: str = "",
    expand: bool = False,
) -> dict[str, Any]:
    """The JSON of a result page; the HTML page renders exactly this.

    ``scope`` is a clause the page itself stands for (``tag:PREL`` on /tag/PREL): always
    applied, never shown as a removable filter.
    """
    text = combined(scope, [query.strip(), *filters]) if scope else combined(query, filters)
    expansion = arc.expand_acronyms(text) if expand else None
    result: SearchResult = arc.search(
        expansion.expanded if expansion else text,
        limit=limit,
        offset=offset,
        sort=sort,
        facet_size=12,
    )
    end = offset + len(result.hits)
    next_cursor = encode_cursor(end) if end < result.total else None
    previous = None
    if offset > 0:
        back = max(offset - limit, 0)
        previous = search_url(
            path, query, filters, sort, encode_cursor(back) if back else None, expand=expand
        )
    # A page links to some hundred variants of itself; the shared part is encoded once.
    here = search_url(path, query, filters, expand=expand)
    joiner = "&" if "?" in here else "?"
    order = f"&sort={quote(sort.value)}" if sort is not Sort.relevance else ""

    def adding(quoted: str) -> str:  # quoted: a clause as facet_entry quotes it
        return f"{here}{joiner}f={quoted}{order}"

    # A level's link leaves out the other values of its level that the archive holds, so
    # it finds what the entry counts, and the same clause on every page (it shows active).
    classifications = arc.engine().values("classification")
    facets: dict[str, list[dict[str, Any]]] = {}
    for name, counts in result.facets.items():
        entries = []
        for count in counts:
            clause, quoted, label, meaning = facet_entry(name, count.value, classifications)
            active = clause in filters
            entries.append(
                {
                    "value": count.value,
                    "count": count.count,
                    "filter": clause,
                    "active": active,
                    "label": label,
                    "meaning": meaning,
                    "url": search_url(
                        path, query, [f for f in filters if f != clause], sort, expand=expand
                    )
                    if active
                    else adding(quoted),
                }
            )
        facets[name] = entries
    bars = histogram(result.facets.get("year", ()))
    for bar in bars:
        clause, quoted, _, _ = facet_entry("year", str(bar["year"]), classifications)
        bar["url"] = (
            adding(quoted)
            if clause not in filters
            else search_url(path, query, filters, sort, expand=expand)
        )
    exported = urlencode({"q": result.query, "sort": sort.value})  # (+ a format each)
    return {
        "query": query,
        "filters": [
            {
                "filter": f,
                "remove_url": search_url(
                    path, query, [g for g in filters if g != f], sort, expand=expand
                ),
            }
            for f in filters
        ],
        "effective_query": result.query,
        "understood": result.understood,
        # tag: values that are words of meanings, with the codes they stand for.
        "tag_words": [
            {"words": words, "codes": [{"code": c, "meaning": tag_meaning(c)} for c in codes]}
            for words, codes in tag_words(parse_query(result.understood)).items()
        ],
        "total": result.total,
        "sort": result.sort.value,
        "sorts": {s.value: search_url(path, query, filters, s, expand=expand) for s in Sort},
        "offset": offset,
        "limit": limit,
        "next_cursor": next_cursor,
        "next": search_url(path, query, filters, sort, next_cursor, expand=expand)
        if next_cursor
        else None,
        "previous": previous,
        "hits": [hit_json(h) for h in result.hits],
        "facets": facets,
        # Counted apart (see graph/cited.py): the page fetches the panel from this address.
        "most_cited_url": "/most-cited?" + urlencode({"q": result.query}),
        "histogram": bars,
        "expand": expand,
        # The reader sees what was searched: the query with each expansion made.
        "expansion": {
            "query": expansion.expanded,
            "applied": [
                {"words": a.words, "acronym": a.acronym, "origins": list(a.origins)}
                for a in expansion.applied
            ],
        }
        if expansion is not None
        else None,
        "expand_url": search_url(path, query, filters, sort, expand=not expand),
        "charts": search_url("/charts", query, filters),
        "exports": {fmt: f"/export?{exported}&format={fmt}" for fmt in ("csv", "jsonl", "parquet")},
    }
