"""Search over a real archive of the corpus's cables.csv rows, checked against the records.

Every expected set here is computed straight from the raw rows or the parsed records, never
from the index, so a wrong index, query compiler or facet count fails the test.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from cablebase.entities.extract import person_names
from cablebase.model import Cable, RawCable
from cablebase.search import engine as engine_module
from cablebase.search.engine import FacetCount, Sort
from cablebase.search.query import parse_query
from cablebase.service import Archive

Records = list[tuple[RawCable, Cable]]
_TOKEN = re.compile(r"[^\W_]+")  # what tantivy's default tokenizer keeps, lower-cased


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    first = needle[0]
    return any(haystack[i : i + n] == needle for i, t in enumerate(haystack) if t == first)


def every_id(archive: Archive, query: str) -> set[str]:
    ids = list(archive.iter_ids(query))
    assert len(ids) == len(set(ids)), "a cable listed twice"
    return set(ids)


def test_every_row_is_in_the_archive(csv_archive: Archive, csv_records: Records) -> None:
    assert len(csv_records) == 11_721
    # Two rows are one cable: 85NOFORNMOGADISHU1643 is a malformed id of 85MOGADISHU1643.
    distinct = {c.reference_id for _, c in csv_records}
    assert len(distinct) == 11_720
    assert csv_archive.search("", limit=0).total == len(distinct)
    assert len(csv_archive.versions("85NOFORNMOGADISHU1643")) == 2


def raw_year(raw: RawCable) -> str:
    # The CSV date column: M/D/YYYY H:MM.
    return raw.meta["created"].split()[0].split("/")[2]


@pytest.mark.parametrize("query", ["", "classification:SECRET", "date:1990..1999"])
def test_facets_equal_counts_from_the_raw_metadata(
    csv_archive: Archive, csv_records: Records, query: str
) -> None:
    result = csv_archive.search(query, limit=0, facet_size=1000)
    matching = {
        raw.meta["reference_id"]
        for raw, _ in csv_records
        if (query != "classification:SECRET" or raw.meta["classification"].startswith("SECRET"))
        and (query != "date:1990..1999" or "1990" <= raw_year(raw) <= "1999")
    }
    # One row per cable: the last row read of a cable is its current version.
    last = {c.reference_id: raw for raw, c in csv_records if raw.meta["reference_id"] in matching}
    rows = list(last.values())
    assert result.total == len(rows)
    expected = {
        "origin": Counter(raw.meta["origin"] for raw in rows),
        "classification": Counter(raw.meta["classification"] for raw in rows),
        "year": Counter(raw_year(raw) for raw in rows),
    }
    for name, counts in expected.items():
        got = {c.value: c.count for c in result.facets[name]}
        assert got == dict(counts), name


def test_tag_and_caveat_facets_equal_counts_from_the_records(
    csv_archive: Archive, csv_cables: list[Cable]
) -> None:
    result = csv_archive.search("", limit=0, facet_size=100_000)
    tags = Counter(t.upper() for c in csv_cables for t in set(c.tags))
    caveats = Counter(v.upper() for c in csv_cables for v in set(c.caveats))
    assert {f.value: f.count for f in result.facets["tag"]} == dict(tags)
    assert {f.value: f.count for f in result.facets["caveat"]} == dict(caveats)


@pytest.mark.parametrize("coded_until", [0, 10**9])
@pytest.mark.parametrize("split_from", [0, 10**9])
@pytest.mark.parametrize(
    "query", ["classification:SECRET", "date:1990..1999", "-classification:SECRET"]
)
def test_facets_are_exact_counted_in_one_aggregation_or_shared_out(
    csv_archive: Archive,
    csv_cables: list[Cable],
    query: str,
    split_from: int,
    coded_until: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Small results are counted in one aggregation, large ones over several threads (and
    # the last query here, most of the archive, from the cables it does not match), the
    # facets with many values on their numeric codes or on their values: every way gives
    # the counts of the matching records.
    monkeypatch.setattr(engine_module, "SPLIT_FROM", split_from)
    monkeypatch.setattr(
        engine_module, "CODED_UNTIL", dict.fromkeys(engine_module.CODED_UNTIL, coded_until)
    )
    engine = csv_archive.engine()
    compiled, _ = engine.query(query)
    got = engine.facets(compiled, size=100_000)
    assert got == expected_facets(csv_archive, csv_cables, query)


@pytest.mark.parametrize("query", ['"embassy zzyzx"', "tag:PREL date:1850", "zzyzx"])
def test_nothing_found_has_every_facet_empty(csv_archive: Archive, query: str) -> None:
    # (answered without running the query again for the counts)
    engine = csv_archive.engine()
    compiled, _ = engine.query(query)
    empty = {name: () for name in ("origin", "year", "classification", "caveat", "tag", "person")}
    assert engine.facets(compiled) == empty
    assert engine.facets(compiled, total=0) == empty
    result = csv_archive.search(query)
    assert (result.total, result.hits, result.facets) == (0, (), empty)


@pytest.mark.parametrize(
    "query", ["meet", "government", "tag:PREL", "embassy -iraq", "oil date:2008", "kinshasa"]
)
def test_the_top_values_are_the_first_of_every_value_ties_broken_by_value(
    csv_archive: Archive, csv_cables: list[Cable], query: str
) -> None:
    # Asked for the top 12 or 20, a facet gives the first 12 or 20 of all its values in
    # the engine's order (by count, then by value), also where several values share the
    # count at the cut ("meet": four origins with 41 cables around the twentieth place).
    engine = csv_archive.engine()
    compiled, _ = engine.query(query)
    every = expected_facets(csv_archive, csv_cables, query)
    for size in (12, 20):
        got = engine.facets(compiled, size=size)
        for name, counts in every.items():
            assert got[name] == (counts if name == "year" else counts[:size]), (name, size)


def test_a_tie_at_the_cut_is_counted_again_in_its_facet_alone(
    csv_archive: Archive, csv_cables: list[Cable]
) -> None:
    # In a small result most TAGS and people share a count of one or two: a tie at the cut
    # (12 asked, 20 counted) is common there. Found here: a result where some facets have
    # one and others not; all of them must still be the first of all their values.
    engine = csv_archive.engine()
    size, asked = 12, 12 + engine_module.TIE_ROOM
    for word in ("visa", "oil", "border", "bank", "police", "election", "refugees", "trade"):
        for query in [f"{word} date:{year}" for year in range(1995, 2006)]:
            every = expected_facets(csv_archive, csv_cables, query)
            tied = [
                name
                for name, counts in every.items()
                if name not in ("year", "caveat")
                and len(counts) >= asked
                and counts[size - 1].count == counts[asked - 1].count
            ]
            if 0 < len(tied) < 4:
                compiled, _ = engine.query(query)
                got = engine.facets(compiled, size=size)
                assert got == {
                    name: counts if name == "year" else counts[:size]
                    for name, counts in every.items()
                }, (query, tied)
                return
    pytest.fail("no query with ties in some facets only: choose other words")


def expected_facets(
    archive: Archive, cables: list[Cable], query: str
) -> dict[str, tuple[FacetCount, ...]]:
    """Every facet of the query's cables, counted from their records, in the engine's order."""
    current = {c.reference_id: c for c in cables}  # the last row read is current
    matching = [current[i] for i in every_id(archive, query)]
    counts = {
        "origin": Counter(c.origin for c in matching if c.origin),
        "year": Counter(c.created[:4] for c in matching if c.created),
        "classification": Counter(c.classification.upper() for c in matching if c.classification),
        "caveat": Counter(v.upper() for c in matching for v in set(c.caveats)),
        "tag": Counter(t.upper() for c in matching for t in set(c.tags)),
        "person": Counter(n for c in matching for n in person_names(c.to_dict())),
    }
    return {
        name: tuple(
            FacetCount(value, n)
            for value, n in sorted(
                counted.items(), key=(lambda kv: kv[0]) if name == "year" else _by_count
            )
        )
        for name, counted in counts.items()
    }


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def test_a_facet_whose_values_share_a_code_is_counted_on_its_values(
    csv_archive: Archive, csv_cables: list[Cable], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Codes are 53 bits of a hash: should two values of a facet ever share one, that facet
    # must not merge their counts. Here every value of every facet shares code 7.
    monkeypatch.setattr(engine_module, "facet_code", lambda value: 7)
    monkeypatch.setattr(
        engine_module, "CODED_UNTIL", dict.fromkeys(engine_module.CODED_UNTIL, 10**9)
    )
    engine = csv_archive.engine()
    monkeypatch.setattr(engine, "_books", None)  # the books made again, with the shared code
    query = "date:1990..1999"
    compiled, _ = engine.query(query)
    assert engine._code_books() == {}
    assert engine.facets(compiled, size=100_000) == expected_facets(csv_archive, csv_cables, query)


def test_a_code_the_books_lack_is_counted_on_the_values(
    csv_archive: Archive, csv_cables: list[Cable], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        engine_module, "CODED_UNTIL", dict.fromkeys(engine_module.CODED_UNTIL, 10**9)
    )
    engine = csv_archive.engine()
    books = engine._code_books()
    assert set(books) == {"origin", "tag", "person"}
    partial = {name: dict(list(book.items())[1:]) for name, book in books.items()}
    monkeypatch.setattr(engine, "_books", partial)
    query = "classification:SECRET"
    compiled, _ = engine.query(query)
    assert engine.facets(compiled, size=100_000) == expected_facets(csv_archive, csv_cables, query)


@pytest.mark.parametrize(
    "phrase", ["human rights", "prime minister", "end summary", "foreign ministry official"]
)
def test_a_phrase_finds_exactly_the_cables_that_contain_it(
    csv_archive: Archive, csv_cables: list[Cable], phrase: str
) -> None:
    needle = tokens(phrase)
    expected = {
        c.reference_id
        for c in csv_cables
        if contains(tokens(c.body), needle) or contains(tokens(c.subject), needle)
    }
    assert expected, "the phrase should occur in the corpus"
    assert every_id(csv_archive, f'"{phrase}"') == expected


def test_words_must_all_match(csv_archive: Archive, csv_cables: list[Cable]) -> None:
    def has(c: Cable, word: str) -> bool:
        return word in tokens(c.body) or word in tokens(c.subject)

    expected = {c.reference_id for c in csv_cables if has(c, "oil") and has(c, "pipeline")}
    assert every_id(csv_archive, "oil pipeline") == expected


def test_field_queries(csv_archive: Archive, csv_cables: list[Cable]) -> None:
    cables = [c for c in csv_cables]
    assert every_id(csv_archive, "tag:PREL") == {c.reference_id for c in cables if "PREL" in c.tags}
    assert every_id(csv_archive, 'origin:"Embassy Ankara"') == {
        c.reference_id for c in cables if c.origin == "Embassy Ankara"
    }
    assert every_id(csv_archive, "caveat:NOFORN") == {
        c.reference_id for c in cables if "NOFORN" in c.caveats
    }
    assert every_id(csv_archive, "classification:secret") == {
        c.reference_id
        for c in cables
        if c.classification_level and c.classification_level.value == "SECRET"
    }


def test_dates_and_not(csv_archive: Archive, csv_cables: list[Cable]) -> None:
    cables = [c for c in csv_cables]
    in_2003 = {c.reference_id for c in cables if (c.created or "").startswith("2003")}
    assert every_id(csv_archive, "date:2003") == in_2003
    spring = {c.reference_id for c in cables if "2003-03" <= (c.created or "")[:7] <= "2004-06"}
    assert every_id(csv_archive, "date:2003-03..2004-06") == spring
    prel = {c.reference_id for c in cables if "PREL" in c.tags}
    assert every_id(csv_archive, "date:2003 NOT tag:PREL") == in_2003 - prel
    assert every_id(csv_archive, "date:2003 -tag:PREL") == in_2003 - prel
    everything = {c.reference_id for c in cables}
    assert every_id(csv_archive, "-tag:PREL") == everything - prel


def test_cites_and_cited_by(csv_archive: Archive, csv_cables: list[Cable]) -> None:
    cited = Counter(r.reference_id for c in csv_cables for r in set(c.references) if r.reference_id)
    target, _ = cited.most_common(1)[0]
    citing = {
        c.reference_id for c in csv_cables if any(r.reference_id == target for r in c.references)
    }
    assert every_id(csv_archive, f"cites:{target}") == citing
    source = next(c for c in csv_cables if len({r.reference_id for r in c.references}) >= 2)
    its_refs = {r.reference_id for r in source.references if r.reference_id}
    in_archive = its_refs & {c.reference_id for c in csv_cables}
    assert every_id(csv_archive, f"cited-by:{source.reference_id}") == in_archive


def test_sort_by_date_and_paging_without_a_cap(csv_archive: Archive) -> None:
    oldest = csv_archive.search("tag:PREL", sort=Sort.date, limit=50, snippets=False)
    keys = [h.created for h in oldest.hits]
    assert keys == sorted(keys)
    newest = csv_archive.search("tag:PREL", sort=Sort.newest, limit=50, snippets=False)
    newest_keys = [h.created for h in newest.hits]
    assert newest_keys == sorted(newest_keys, reverse=True)
    assert newest_keys[0] > keys[-1]
    total = oldest.total
    assert total > 1_000
    paged: list[str] = []
    for offset in range(0, total, 400):
        page = csv_archive.search(
            "tag:PREL", limit=400, offset=offset, facets=False, snippets=False
        )
        paged.extend(h.reference_id for h in page.hits)
    assert len(paged) == total and set(paged) == every_id(csv_archive, "tag:PREL")


def test_snippets_mark_prefix_and_fuzzy_matches(csv_archive: Archive) -> None:
    for hit in csv_archive.search("minist*", limit=10).hits:
        assert hit.snippet is not None and hit.snippet.highlights
        for a, b in hit.snippet.highlights:
            assert hit.snippet.fragment[a:b].lower().startswith("minist")
    for hit in csv_archive.search("ministre~1", limit=10).hits:
        assert hit.snippet is not None and hit.snippet.highlights
        marked = {hit.snippet.fragment[a:b].lower() for a, b in hit.snippet.highlights}
        assert marked <= {"minister", "ministre", "ministry", "ministers"}


def test_snippets_highlight_the_matched_words(csv_archive: Archive) -> None:
    result = csv_archive.search('"prime minister" oil', limit=10)
    assert result.hits
    for hit in result.hits:
        assert hit.snippet is not None and hit.snippet.highlights
        # A phrase is marked as one span, whatever punctuation or line break is inside it.
        marked = {tuple(tokens(hit.snippet.fragment[a:b])) for a, b in hit.snippet.highlights}
        assert marked <= {("prime", "minister"), ("oil",)}
        assert "<mark>" in hit.snippet.html()


class _NoThreads:
    """In place of the engine's thread pools: a search that should stay on its own thread
    fails if it hands any work over."""

    def submit(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("work handed to another thread")


@pytest.mark.parametrize("query", ["government", "meet tag:PREL", "zzyzx", "embassy -iraq"])
def test_a_search_on_one_thread_answers_as_one_spread_over_threads(
    csv_archive: Archive, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (a server with a process per core searches on one thread; every other reader spreads
    # a search: facets beside the hits, a large result's facets in two aggregations)
    monkeypatch.setattr(engine_module, "SPLIT_FROM", 100)
    spread = csv_archive.search(query, limit=5, facet_size=12)
    single = Archive.open(csv_archive.directory, spread_searches=False)
    try:
        monkeypatch.setattr(engine_module, "_FACETING", _NoThreads())
        monkeypatch.setattr(engine_module, "_COUNTING", _NoThreads())
        assert single.engine().spread is False
        assert single.search(query, limit=5, facet_size=12) == spread
    finally:
        single.close()
    assert spread.total == 0 or spread.total > 100  # large enough to be split when spread


BOUNDED = [
    "government",
    '"prime minister"',
    "oil minister",
    "subject:nuclear talks",
    '"human rights" OR refugees',
    "embassy -iraq",
    "kinshasa tag:PREL",
    "zzyzx",
    '"embassy zzyzx"',
]


@pytest.mark.parametrize("query", [*BOUNDED, "tag:PREL", "minist*", "date:2008", "-iraq"])
def test_the_words_bound_how_many_cables_match(csv_archive: Archive, query: str) -> None:
    engine = csv_archive.engine()
    bound = engine.at_most(parse_query(query))
    total = csv_archive.search(query, limit=0, facets=False).total
    if query in BOUNDED:
        assert bound is not None and bound >= total
        # (a bound is worth having: not the whole archive)
        assert bound < csv_archive.store.count() or query == "government"
    else:  # no words to bound it: a field value, a prefix, a date, only what is left out
        assert bound is None


@pytest.mark.parametrize("query", BOUNDED)
def test_facets_counted_beside_the_search_are_exact(
    csv_archive: Archive, csv_cables: list[Cable], query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A spread search starts counting its facets before it knows its total, told only the
    # bound of its words: the counts are those of the matching records all the same.
    # On two cores (no core spare beside the search's and the counting's), a large result's
    # facets counted that way are not shared out over more threads.
    handed: list[object] = []
    submit = engine_module._FACETING.submit

    def recording(fn: Any, *args: Any) -> Any:
        handed.append(args[3])  # the total the facets were counted for
        return submit(fn, *args)

    monkeypatch.setattr(engine_module, "_SPARE_CORE", False)
    monkeypatch.setattr(engine_module, "SPLIT_FROM", 100)
    with Archive.open(csv_archive.directory) as fresh:  # no facet counts kept yet
        engine = fresh.engine()
        engine.frequent = None  # (a frequent word's first page is read, not searched)
        engine.values("origin")  # (the whole archive's counts, made once per searcher)
        monkeypatch.setattr(engine_module._FACETING, "submit", recording)
        if query != "government":  # (its bound is over half: counted once the total is known)
            monkeypatch.setattr(engine_module, "_COUNTING", _NoThreads())
        result = engine.search(query, limit=3, facet_size=100_000)
        bound = engine.at_most(parse_query(query))
    assert bound is not None
    early = bound <= engine.searcher.num_docs // 2
    assert handed == [bound if early else result.total]
    assert early or query == "government"
    assert result.facets == expected_facets(csv_archive, csv_cables, query)
