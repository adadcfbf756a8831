"""A small real archive of the test cables in tests/acronyms/cables.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cablebase.service import Archive
from tests.acronyms.cables import CABLES, write_cables


@pytest.fixture
def acronym_archive(tmp_path: Path) -> Iterator[Archive]:
    source = write_cables(tmp_path / "cables.csv")
    archive = Archive.open(tmp_path / "archive", create=True)
    report = archive.ingest([source], workers=1)
    assert report.added == len(CABLES), report
    yield archive
    archive.close()
