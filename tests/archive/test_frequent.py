"""The facet counts of frequent words, counted when the index changes and read back.

They must be exactly what counting gives, be made for every word that frequent, and be
read only for the state of the index they were made for.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import orjson
import pytest

from cablebase.search import frequent
from cablebase.search.engine import Engine
from cablebase.search.query import MAX_TOKEN_BYTES
from cablebase.service import Archive


def kept_words(index_directory: Path) -> list[str]:
    conn = sqlite3.connect(index_directory / frequent.FILE)
    try:
        return [row[0] for row in conn.execute("SELECT query FROM facets ORDER BY query")]
    finally:
        conn.close()


def counted(engine: Engine, word: str, size: int) -> dict[str, list[tuple[str, int]]]:
    query, _ = engine.query(word)
    return {
        name: [(c.value, c.count) for c in counts]
        for name, counts in engine.facets(query, size).items()
    }


def test_kept_counts_are_the_counted_ones(csv_archive: Archive) -> None:
    engine = csv_archive.engine()
    assert engine.frequent is not None and engine.frequent.usable()
    words = kept_words(csv_archive.index.directory)
    assert len(words) > 100
    # the most frequent, some in the middle, the least frequent kept
    by_frequency = sorted(words, key=lambda w: -engine.searcher.doc_freq("body", w))
    chosen = by_frequency[:8] + by_frequency[len(words) // 2 :][:8] + by_frequency[-8:]
    for word in chosen:
        for size in (12, 20, frequent.KEPT):
            assert engine.frequent.get(word, size) == counted(engine, word, size), (word, size)
    # asked for more values than are kept, or for a query of two words: counted
    assert engine.frequent.get(words[0], frequent.KEPT + 1) is None
    assert engine.frequent.get(f"{words[0]} {words[1]}", 20) is None


def test_search_gives_the_same_facets_read_or_counted(csv_archive: Archive) -> None:
    engine = csv_archive.engine()
    words = kept_words(csv_archive.index.directory)[::40]
    read = {w: csv_archive.search(w, limit=3).facets for w in words}
    kept, engine.frequent = engine.frequent, None
    engine._facet_cache.clear()
    try:
        assert {w: csv_archive.search(w, limit=3).facets for w in words} == read
    finally:
        engine.frequent = kept
        engine._facet_cache.clear()


def test_every_word_in_a_twentieth_of_the_cables_is_kept(csv_archive: Archive) -> None:
    # Over every stored text, not the sample the words were found from.
    store = csv_archive.store
    engine = csv_archive.engine()
    texts = store.sample_bodies(store.count())
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update(set(frequent._WORD.findall(text.lower())))
    floor = frequent.SHARE * engine.searcher.num_docs
    wanted = {
        w
        for w, n in seen.items()
        if n >= 0.9 * floor
        and len(w.encode()) <= MAX_TOKEN_BYTES
        and engine.searcher.doc_freq("body", w) >= floor
    }
    assert wanted and wanted <= set(kept_words(csv_archive.index.directory))
    for word in kept_words(csv_archive.index.directory):
        assert engine.searcher.doc_freq("body", word) >= floor, word


@pytest.fixture()
def early_copy(early: Path, tmp_path: Path) -> Path:
    target = tmp_path / "archive"
    shutil.copytree(early, target)
    return target


def _rewrite(index_directory: Path, sql: str, *values: object) -> None:
    conn = sqlite3.connect(index_directory / frequent.FILE)
    conn.execute(sql, values)
    conn.commit()
    conn.close()


def test_counts_are_read_only_for_the_state_they_were_made_for(
    early_copy: Path, corpus: Path
) -> None:
    with Archive.open(early_copy) as archive:
        word = kept_words(archive.index.directory)[0]
        live = archive.search(word, limit=1).facets
        index_directory = archive.index.directory
    # Counts written over (state kept): the search shows them, so they are what it reads.
    fake = {name: [] for name in live} | {"origin": [["NOWHERE", 999]]}
    _rewrite(
        index_directory, "UPDATE facets SET counts = ? WHERE query = ?", orjson.dumps(fake), word
    )
    with Archive.open(early_copy) as archive:
        origins = archive.search(word, limit=1).facets["origin"]
        assert [(c.value, c.count) for c in origins] == [("NOWHERE", 999)]
    # The same file said to be of another state of the index: the word is counted.
    _rewrite(index_directory, "UPDATE state SET token = ?", "1:1")
    with Archive.open(early_copy) as archive:
        assert archive.search(word, limit=1).facets == live
        # an archive whose counts are stale counts them again when asked, once
        assert archive.count_frequent() > 0
        assert archive.count_frequent() == 0
        assert archive.search(word, limit=1).facets == live


def test_an_ingest_that_changes_the_index_counts_them_again(early_copy: Path, corpus: Path) -> None:
    with Archive.open(early_copy) as archive:
        before = frequent.index_state(archive.index.directory, archive.engine().searcher.num_docs)
        archive.ingest([corpus / "wikileaks-cable-html-2011"], workers=1)
        engine = archive.engine()
        after = frequent.index_state(archive.index.directory, engine.searcher.num_docs)
        assert after != before
        assert engine.frequent is not None and engine.frequent.state == after
        assert engine.frequent.usable()
        for word in kept_words(archive.index.directory)[::25]:
            assert engine.frequent.get(word, 20) == counted(engine, word, 20), word


def test_an_archive_named_by_a_relative_path_reads_its_counts(
    early_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (the CLI's default archive is ./cablebase-archive)
    monkeypatch.chdir(early_copy.parent)
    with Archive.open(Path(early_copy.name)) as archive:
        engine = archive.engine()
        assert engine.frequent is not None and engine.frequent.usable()
        word = kept_words(archive.index.directory)[0]
        assert engine.frequent.get(word, 20) == counted(engine, word, 20)


def test_a_count_that_fails_leaves_no_file_and_a_damaged_file_is_not_read(
    early_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Archive.open(early_copy) as archive:
        word = kept_words(archive.index.directory)[0]
        live = archive.search(word, limit=1).facets
        kept = archive.index.directory / frequent.FILE
        kept.write_bytes(b"not a database")
        archive._engine = None
        assert archive.search(word, limit=1).facets == live  # counted, not read

        def failing(engine: Engine, word: str, ranked: bool = False) -> None:
            raise RuntimeError("counting failed")

        monkeypatch.setattr(frequent, "_counted", failing)
        with pytest.raises(RuntimeError):
            archive.count_frequent()
        assert sorted(p.name for p in archive.index.directory.glob("frequent-facets*")) == [
            frequent.FILE
        ]


def _searched_live(archive: Archive, word: str, limit: int, offset: int) -> object:
    # The same search with no kept counts or pages: ranked, counted and read from the index.
    engine = archive.engine()
    kept, engine.frequent = engine.frequent, None
    engine._facet_cache.clear()
    try:
        return archive.search(word, limit=limit, offset=offset)
    finally:
        engine.frequent = kept
        engine._facet_cache.clear()


def test_kept_first_pages_are_the_ranked_ones(csv_archive: Archive) -> None:
    engine = csv_archive.engine()
    assert engine.frequent is not None and engine.frequent.ranking is not None
    words = kept_words(csv_archive.index.directory)
    by_frequency = sorted(words, key=lambda w: -engine.searcher.doc_freq("body", w))
    chosen = by_frequency[:6] + by_frequency[len(words) // 2 :][:6] + by_frequency[-6:]
    for word in chosen:
        page = engine.frequent.page(word)
        assert page is not None and len(page[1]) == frequent.KEPT_HITS, word
        for limit, offset in ((20, 0), (5, 3), (1, 19), (0, 0)):
            # hits in order, their scores, fields and snippets, the total and the facets
            read = csv_archive.search(word, limit=limit, offset=offset)
            assert read == _searched_live(csv_archive, word, limit, offset), (word, limit)


def test_a_kept_page_is_read_without_ranking(
    csv_archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = csv_archive.engine()
    word = kept_words(csv_archive.index.directory)[0]

    def not_ranked(*args: object, **kwargs: object) -> None:
        raise AssertionError("ranked")

    monkeypatch.setattr(engine, "_search", not_ranked)
    assert len(csv_archive.search(word, limit=20).hits) == 20
    # Beyond the kept page, or in date order, or two words: ranked by the index.
    for asked in (
        lambda: csv_archive.search(word, limit=20, offset=1),
        lambda: csv_archive.search(word, limit=20, sort="date"),
        lambda: csv_archive.search(f"{word} {word}x", limit=20),
    ):
        with pytest.raises(AssertionError, match="ranked"):
            asked()


def test_pages_are_read_only_for_the_segments_they_were_ranked_on(early_copy: Path) -> None:
    with Archive.open(early_copy) as archive:
        word = kept_words(archive.index.directory)[0]
        live = _searched_live(archive, word, 20, 0)
        index_directory = archive.index.directory
        engine = archive.engine()
        segments = engine.searcher.num_segments
        state = frequent.ranking_state(index_directory, engine.searcher.num_docs, segments)
        assert state is not None and engine.frequent is not None
        assert engine.frequent.ranking == state
        # a searcher that does not have the listed segments has no ranking state
        assert (
            frequent.ranking_state(index_directory, engine.searcher.num_docs, segments + 1) is None
        )
    # A kept hit written over (state kept): the search shows it, so it is what it reads.
    conn = sqlite3.connect(index_directory / frequent.FILE)
    (hits,) = conn.execute("SELECT hits FROM pages WHERE query = ?", (word,)).fetchone()
    fake = orjson.loads(hits)
    fake[0][5] = "WRITTEN OVER"
    conn.execute("UPDATE pages SET hits = ? WHERE query = ?", (orjson.dumps(fake), word))
    conn.commit()
    conn.close()
    with Archive.open(early_copy) as archive:
        assert archive.search(word, limit=20).hits[0].subject == "WRITTEN OVER"
    # The same file said to be ranked on other segments: ranked again, counts still read.
    _rewrite(index_directory, "UPDATE ranking SET token = ?", "1:1:other")
    with Archive.open(early_copy) as archive:
        engine = archive.engine()
        assert engine.frequent is not None and engine.frequent.usable()
        assert engine.frequent.page(word) is None
        assert archive.search(word, limit=20) == live
