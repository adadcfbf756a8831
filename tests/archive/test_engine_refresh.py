"""A reader's engine (and the facet counts it keeps) lives as long as the index is unchanged;
a commit by another writer is seen at the next refresh."""

from __future__ import annotations

from pathlib import Path

import pytest

import cablebase.service as service
from cablebase.service import Archive
from cablebase.sources.cables_csv import scan_row


def _some_cables(corpus: Path, tmp_path: Path, first: int, count: int) -> Path:
    # A small cables.csv cut from the corpus sample at row boundaries (the file's own bytes).

    data = (corpus / "cables-csv" / "cables.sample.csv").read_bytes()
    pos = 0
    for _ in range(first):
        pos = scan_row(data, pos).end
    start = pos
    for _ in range(count):
        pos = scan_row(data, pos).end
    out = tmp_path / f"cables-{first}.csv"
    out.write_bytes(data[start:pos])
    return out


def test_engine_kept_until_a_commit(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "ENGINE_REFRESH_SECONDS", 0.0)
    directory = tmp_path / "archive"
    writer = Archive.open(directory, create=True)
    writer.ingest([_some_cables(corpus, tmp_path, 0, 40)], workers=1)
    reader = Archive.open(directory)
    engine = reader.engine()
    total = reader.search("the", limit=0).total
    assert reader.engine() is engine  # nothing committed: the same engine, its caches kept
    writer.ingest([_some_cables(corpus, tmp_path, 40, 40)], workers=1)
    fresh = reader.engine()
    assert fresh is not engine  # another writer's commit is seen
    assert reader.search("the", limit=0).total > total
    assert reader.engine() is fresh
