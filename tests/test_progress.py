"""The progress bar: drawn on a terminal, absent from a pipe, records unchanged either way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.terminal import run_on_terminal


def test_a_terminal_gets_a_bar_with_rate_and_eta(corpus: Path) -> None:
    returncode, text = run_on_terminal("parse", str(corpus / "cables-csv"))
    assert returncode == 1  # the truncated row of cables.csv.part-aa is reported
    assert "parsing" in text and "cables/s" in text and "ETA" in text
    assert "truncated row" in text


def test_a_pipe_gets_no_bar(corpus: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cablebase", "parse", str(corpus / "plusd-html")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0
    assert "cables/s" not in result.stderr and result.stderr == ""
    assert len(result.stdout.splitlines()) == 3
