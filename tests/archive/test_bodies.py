"""Snippets read the clean text from the store's `bodies` table, not from the index.

Older archives have versions without a row there (made before the table): their snippets
come from the record, and are the same.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from cablebase.search.engine import SearchResult
from cablebase.service import Archive
from cablebase.store import db
from cablebase.store.db import DATABASE, pack_body
from cablebase.store.schema import MIGRATIONS

# Words of the early Cablegate pages, so that the hits have snippets with marked words.
QUERIES = ("government", '"prime minister"', "secur*", "embassy OR ministry")


@pytest.fixture()
def early_copy(early: Path, tmp_path: Path) -> Path:
    target = tmp_path / "archive"
    shutil.copytree(early, target)
    return target


def snippets(directory: Path) -> dict[str, list[tuple[str, str]]]:
    with Archive.open(directory) as archive:
        results: dict[str, SearchResult] = {q: archive.search(q, limit=50) for q in QUERIES}
    return {
        q: [(h.reference_id, h.snippet.marked("[", "]") if h.snippet else "") for h in r.hits]
        for q, r in results.items()
    }


def test_every_ingested_version_has_its_body_and_snippets_mark_the_words(
    early_copy: Path,
) -> None:
    conn = sqlite3.connect(early_copy / DATABASE)
    versions, bodies = conn.execute(
        "SELECT (SELECT count(*) FROM versions), (SELECT count(*) FROM bodies)"
    ).fetchone()
    conn.close()
    assert versions == bodies > 0
    found = snippets(early_copy)
    for query, hits in found.items():
        assert hits, query
        assert all("[" in snippet for _, snippet in hits), query


def test_snippets_are_made_from_the_stored_body(early_copy: Path) -> None:
    with Archive.open(early_copy) as archive:
        reference_id = archive.search("government", limit=1).hits[0].reference_id
    # A text written here replaces that cable's stored body: its snippet shows it.
    conn = sqlite3.connect(early_copy / DATABASE)
    conn.execute(
        "UPDATE bodies SET body = ? WHERE version_id ="
        " (SELECT version_id FROM cables WHERE reference_id = ?)",
        (pack_body("The government of Ruritania replied.\nNothing else."), reference_id),
    )
    conn.commit()
    conn.close()
    with Archive.open(early_copy) as archive:
        hit = next(
            h
            for h in archive.search("government", limit=100).hits
            if h.reference_id == reference_id
        )
    assert hit.snippet is not None
    assert hit.snippet.marked("[", "]") == "The [government] of Ruritania replied. Nothing else."


def test_versions_without_a_stored_body_take_it_from_their_record(early_copy: Path) -> None:
    before = snippets(early_copy)
    conn = sqlite3.connect(early_copy / DATABASE)
    conn.execute("DELETE FROM bodies WHERE version_id % 2 = 0")  # half of them, mixed
    conn.commit()
    conn.close()
    assert snippets(early_copy) == before


def test_an_archive_made_before_the_bodies_table_opens_with_the_same_snippets(
    early_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snippets(early_copy)
    # The schema before the table: it dropped, the version set back to before its step.
    step = next(i for i, sql in enumerate(MIGRATIONS) if "CREATE TABLE bodies" in sql)
    later = [name for sql in MIGRATIONS[step:] for name in re.findall(r"CREATE TABLE (\w+)", sql)]
    conn = sqlite3.connect(early_copy / DATABASE)
    conn.executescript(
        "".join(f"DROP TABLE {n}; " for n in later) + f"PRAGMA user_version = {step};"
    )
    conn.close()
    assert snippets(early_copy) == before
    assert stored_bodies(early_copy) == 0  # the table made, empty
    # reindex stores them, a chunk a transaction, and only once
    monkeypatch.setattr(db, "BODY_CHUNK", 10)
    with Archive.open(early_copy) as archive:
        cables = archive.store.count()
        assert archive.store.missing_bodies() == cables
        shown: list[int] = []
        assert archive.store.fill_bodies(shown.append) == cables
        assert shown == [*range(10, cables, 10), cables]
        assert archive.store.fill_bodies() == 0
    conn = sqlite3.connect(early_copy / DATABASE)
    conn.execute("DELETE FROM bodies")
    conn.commit()
    conn.close()
    with Archive.open(early_copy) as archive:
        archive.reindex()
        assert archive.store.missing_bodies() == 0
    assert stored_bodies(early_copy) == cables
    assert snippets(early_copy) == before


def stored_bodies(directory: Path) -> int:
    conn = sqlite3.connect(directory / DATABASE)
    try:
        return int(conn.execute("SELECT count(*) FROM bodies").fetchone()[0])
    finally:
        conn.close()


def test_a_searching_archive_reads_mapped_and_an_ingest_unmapped(
    early_copy: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def mapped(archive: Archive) -> int:
        return int(archive.store.conn.execute("PRAGMA mmap_size").fetchone()[0])

    with Archive.open(early_copy) as archive:
        read = {q: archive.search(q, limit=50) for q in QUERIES}
        assert mapped(archive) > 0
        # the same texts read through reads instead of the map
        archive.store.map_file(False)
        for query, result in read.items():
            assert archive.engine().search(query, limit=50).hits == result.hits
        archive.store.map_file(True)
        during: list[int] = []
        real_put = db.Store.put

        def put(store: db.Store, *args: object, **kwargs: object) -> tuple[str, int]:
            during.append(mapped(archive))
            return real_put(store, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(db.Store, "put", put)
        archive.ingest([corpus / "wikileaks-cable-html-2011"], workers=1)
        assert during and set(during) == {0}
        archive.search("government")
        assert mapped(archive) > 0
