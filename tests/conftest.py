"""Shared test fixtures: where the real corpus and reference tables are.

The corpus lives beside the checkout (``../shared``), never inside the project; set
``CABLEBASE_SHARED`` to point elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cablebase.model import Cable, RawCable
from cablebase.parse import parse_cable
from cablebase.sources import read_paths

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CABLEBASE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
REFERENCE = SHARED / "reference"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"corpus not found at {CORPUS}; set CABLEBASE_SHARED to the shared/ folder")
    return CORPUS


@pytest.fixture(scope="session")
def reference() -> Path:
    if not REFERENCE.is_dir():
        pytest.fail(f"reference tables not found at {REFERENCE}; set CABLEBASE_SHARED")
    return REFERENCE


@pytest.fixture(scope="session")
def corpus_records(corpus: Path) -> list[tuple[RawCable, Cable]]:
    """Every cable of the corpus, read and parsed once per test session."""
    out: list[tuple[RawCable, Cable]] = []
    for item in read_paths([corpus]):
        if isinstance(item, RawCable):
            out.append((item, parse_cable(item)))
    return out
