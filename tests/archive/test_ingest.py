"""Ingest: idempotency, versions, bad input, a killed ingest, and an index that lags or breaks."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from cablebase.search.index import META
from cablebase.service import INDEX_DIR, Archive
from cablebase.store.db import DATABASE


def tables(directory: Path) -> dict[str, int]:
    conn = sqlite3.connect(directory / DATABASE)
    try:
        names = ["cables", "versions", "tags", "refs"]
        return {n: conn.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}
    finally:
        conn.close()


@pytest.fixture()
def early_copy(early: Path, tmp_path: Path) -> Path:
    target = tmp_path / "archive"
    shutil.copytree(early, target)
    return target


def test_ingesting_the_same_input_twice_changes_nothing(early_copy: Path, corpus: Path) -> None:
    before = tables(early_copy)
    with Archive.open(early_copy) as archive:
        report = archive.ingest([corpus / "cablegate-html-early"], workers=1)
        assert (report.added, report.updated, report.unchanged) == (0, 0, 40)
        assert archive.search("", limit=0).total == 32
    assert tables(early_copy) == before


CABLE = """\
R 041200Z JAN 08
FM AMEMBASSY ATLANTIS
TO SECSTATE WASHDC 0001
UNCLAS ATLANTIS 000001

E.O. 12958: N/A
TAGS: PREL ECON
SUBJECT: HARBOUR DUES {word}

1. (U) The harbour master raised the dues on {word} cargo.

SMITH
"""


def test_a_changed_text_is_a_new_version_and_the_newest_is_current(tmp_path: Path) -> None:
    cable = tmp_path / "in" / "08ATLANTIS1.txt"
    cable.parent.mkdir()
    with Archive.open(tmp_path / "archive", create=True) as archive:
        cable.write_text(CABLE.format(word="COPPER"), encoding="utf-8")
        first = archive.ingest([cable], workers=1)
        cable.write_text(CABLE.format(word="TIN"), encoding="utf-8")
        second = archive.ingest([cable], workers=1)
        assert (first.added, second.updated) == (1, 1)
        [reference_id] = list(archive.iter_ids(""))
        versions = archive.versions(reference_id)
        assert [v.version for v in versions] == [1, 2]
        assert [v.current for v in versions] == [False, True]
        assert "TIN" in archive.get(reference_id)["subject"]
        assert "COPPER" in archive.get(reference_id, version=1)["subject"]
        assert "COPPER" in archive.get(reference_id, version=1)["original"]
        # The index follows the current version only.
        assert archive.search("tin", limit=0).total == 1
        assert archive.search("copper", limit=0).total == 0
        # Seeing the old text again changes nothing: it is already a stored version.
        cable.write_text(CABLE.format(word="COPPER"), encoding="utf-8")
        third = archive.ingest([cable], workers=1)
        assert (third.added, third.updated, third.unchanged) == (0, 0, 1)


def test_unreadable_input_is_reported_and_the_rest_is_ingested(
    tmp_path: Path, corpus: Path
) -> None:
    broken = corpus / "cables-csv" / "cables.csv.part-aa"  # its last row is cut off
    with Archive.open(tmp_path / "archive", create=True) as archive:
        report = archive.ingest([broken], workers=2)
        assert report.read == 36 and report.unreadable == 1
        [(path, position, _, message)] = [
            p for p in archive.store.problems(report.id) if p[2] is None
        ]
        assert path.endswith("cables.csv.part-aa") and position and message
        assert archive.search("", limit=0).total == archive.store.count() > 30


def test_an_index_that_lags_the_store_is_caught_up_on_open(early_copy: Path) -> None:
    meta = early_copy / INDEX_DIR / META
    data = json.loads(meta.read_text())
    data["watermark"] = 0
    meta.write_text(json.dumps(data))
    with Archive.open(early_copy) as archive:
        assert archive.caught_up == 32
        assert archive.search("", limit=0).total == 32  # replaced, not duplicated


@pytest.mark.parametrize("damage", ["missing", "other-tantivy", "garbage"])
def test_a_missing_or_incompatible_index_is_rebuilt(early_copy: Path, damage: str) -> None:
    index = early_copy / INDEX_DIR
    if damage == "missing":
        shutil.rmtree(index)
    elif damage == "other-tantivy":
        data = json.loads((index / META).read_text())
        data["tantivy"] = "tantivy v0.1.0, index_format v1"
        (index / META).write_text(json.dumps(data))
    else:
        (index / "meta.json").write_text("{not json")
    with Archive.open(early_copy) as archive:
        assert archive.index.rebuilt
        assert archive.search("", limit=0).total == 32
        assert archive.search("tag:PREL", limit=0).total > 0


def test_reindex_rebuilds_from_the_store(early_copy: Path) -> None:
    with Archive.open(early_copy) as archive:
        before = archive.search("tag:PREL", limit=0).total
        assert archive.reindex() == 32
        assert archive.search("tag:PREL", limit=0).total == before


def test_kill_9_during_an_ingest_leaves_an_archive_that_opens_and_completes(
    tmp_path: Path, corpus: Path
) -> None:
    source = corpus / "cables-csv" / "cables.sample.csv"
    directory = tmp_path / "archive"
    command = [sys.executable, "-m", "cablebase", "ingest", str(source), "-a", str(directory)]
    process = subprocess.Popen(
        [*command, "-j", "2"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        stored = 0
        while stored < 1_500:
            assert process.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() < deadline, "the ingest stored too little to kill it"
            time.sleep(0.5)
            stored = _stored(directory)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the ingest and its worker processes
        process.wait()
    with Archive.open(directory) as archive:
        partial = archive.store.count()
        assert partial >= 1_500
        assert archive.search("", limit=0).total == partial  # the index caught up
        assert archive.search("tag:PREL", limit=3).hits
        assert archive.store.runs()[0].status == "running"
        report = archive.ingest([source], workers=2)
        assert archive.store.runs()[0].status == "interrupted"
        assert report.added + report.updated + report.unchanged == 11_721
        assert report.unchanged >= partial
        assert archive.store.count() == 11_720
        assert archive.search("", limit=0).total == 11_720


def _stored(directory: Path) -> int:
    if not (directory / DATABASE).exists():
        return 0
    try:
        conn = sqlite3.connect(directory / DATABASE, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM cables").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


_NOTES: list[Path] = []  # where the workers note their priority (set before they fork)


def _noting_batch(batch: list[Any]) -> list[Any]:
    from cablebase.ingest.prepare import prepare_batch

    (_NOTES[0] / str(os.getpid())).write_text(str(os.nice(0)))
    return prepare_batch(batch)


def test_the_parsing_workers_yield_the_cores_to_the_writer(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cablebase.ingest import pipeline

    notes = tmp_path / "niceness"
    notes.mkdir()
    monkeypatch.setattr(sys.modules[__name__], "_NOTES", [notes])
    monkeypatch.setattr(pipeline, "prepare_batch", _noting_batch)
    with Archive.open(tmp_path / "archive", create=True) as archive:
        report = archive.ingest([corpus / "cablegate-html-early"], workers=2)
    assert report.added > 0
    seen = {int(p.read_text()) for p in notes.iterdir()}
    assert seen == {min(19, os.nice(0) + pipeline.WORKER_NICENESS)}


def test_the_store_writes_an_ingest_with_a_larger_page_cache(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # While the writer stores cables its SQLite page cache is the bulk size (the index pages
    # of every table stay in it); afterwards the connection has SQLite's default back.
    from cablebase.store import db

    seen: list[int] = []
    put = db.Store.put

    def noting_put(self: db.Store, run_id: int, cable: db.PreparedCable) -> tuple[str, int]:
        seen.append(self.conn.execute("PRAGMA cache_size").fetchone()[0])
        return put(self, run_id, cable)

    monkeypatch.setattr(db.Store, "put", noting_put)
    with Archive.open(tmp_path / "archive", create=True) as archive:
        report = archive.ingest([corpus / "cablegate-html-early"], workers=1)
        after = archive.store.conn.execute("PRAGMA cache_size").fetchone()[0]
    assert report.added > 0 and len(seen) == report.read
    assert set(seen) == {-db.BULK_CACHE_KIB}
    assert after == -db.DEFAULT_CACHE_KIB
