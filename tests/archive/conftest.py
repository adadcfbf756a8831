"""Archives built by real ingests into temporary directories, shared by the archive tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cablebase.model import Cable, RawCable
from cablebase.service import Archive


@pytest.fixture(scope="session")
def csv_path(corpus: Path) -> Path:
    return corpus / "cables-csv" / "cables.sample.csv"


@pytest.fixture(scope="session")
def csv_archive(tmp_path_factory: pytest.TempPathFactory, csv_path: Path) -> Iterator[Archive]:
    """The 11,721 rows of cables.sample.csv, ingested on two worker processes."""
    directory = tmp_path_factory.mktemp("csv-archive")
    with Archive.open(directory, create=True) as archive:
        archive.ingest([csv_path], workers=2)
    archive = Archive.open(directory)
    yield archive
    archive.close()


@pytest.fixture(scope="session")
def csv_records(
    corpus_records: list[tuple[RawCable, Cable]], csv_path: Path
) -> list[tuple[RawCable, Cable]]:
    return [(raw, cable) for raw, cable in corpus_records if raw.source.path == str(csv_path)]


@pytest.fixture(scope="session")
def csv_cables(csv_records: list[tuple[RawCable, Cable]]) -> list[Cable]:
    """One record per cable: when two rows are one cable, the last row read is current."""
    return list({cable.reference_id: cable for _, cable in csv_records}.values())


@pytest.fixture(scope="session")
def early(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small archive: the 40 pages of the early Cablegate layouts."""
    directory = tmp_path_factory.mktemp("early")
    with Archive.open(directory, create=True) as archive:
        report = archive.ingest([corpus / "cablegate-html-early"], workers=2)
    # Some cables are in both layouts: the same text once, a different text as a version.
    assert (report.read, report.added, report.updated, report.unchanged) == (40, 32, 1, 7)
    return directory
