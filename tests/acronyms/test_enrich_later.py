"""`cablebase ingest --no-enrich` leaves acronyms and names out; `reindex` adds them later."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cablebase.service import Archive
from tests.acronyms.cables import CABLES, write_cables


def _rows(archive: Archive, table: str) -> int:
    return int(archive.store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_an_ingest_without_enrichment_is_enriched_by_reindex(tmp_path: Path) -> None:
    source = write_cables(tmp_path / "cables.csv")
    directory = tmp_path / "archive"
    command = ["ingest", str(source), "-a", str(directory), "--no-enrich", "-j", "2"]
    run = subprocess.run(
        [sys.executable, "-m", "cablebase", *command], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    with Archive.open(directory) as archive:
        assert archive.store.count() == len(CABLES)
        assert _rows(archive, "acronym_definitions") == 0
        assert _rows(archive, "entities") == 0
        assert archive.expansions("GOI") == []
        assert archive.reindex() == len(CABLES)
        assert _rows(archive, "acronym_definitions") > 0
        assert _rows(archive, "entities") > 0
        assert len(archive.expansions("GOI")) == 3


def test_enrichment_is_on_again_after_an_ingest_without_it(tmp_path: Path) -> None:
    first = write_cables(tmp_path / "first.csv", CABLES[:2])
    rest = write_cables(tmp_path / "rest.csv", CABLES[2:])
    with Archive.open(tmp_path / "archive", create=True) as archive:
        archive.ingest([first], workers=1, enrich=False)
        assert _rows(archive, "entities") == 0
        archive.ingest([rest], workers=1)  # the default: enriched
        enriched = archive.store.conn.execute(
            "SELECT count(DISTINCT reference_id) FROM entities"
        ).fetchone()[0]
        assert enriched == len(CABLES) - 2
