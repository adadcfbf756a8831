"""`cablebase acronyms --relearn` on a terminal: a bar that says what it does, cables counted."""

from __future__ import annotations

from cablebase.service import Archive
from tests.acronyms.cables import CABLES
from tests.terminal import run_on_terminal


def test_relearning_draws_a_learning_bar(acronym_archive: Archive) -> None:
    directory = str(acronym_archive.directory)
    acronym_archive.close()
    returncode, text = run_on_terminal(
        "acronyms", "--relearn", "--archive", directory, "--format", "json", timeout=120
    )
    assert returncode == 0, text
    assert "learning acronyms" in text and "writing" not in text
    assert f"{len(CABLES)}/{len(CABLES)}" in text and "cables" in text
    assert f"acronym definitions learned from {len(CABLES)} cables" in text
