"""The progress bar: drawn on a terminal, absent from a pipe, records unchanged either way."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from pathlib import Path


def test_a_terminal_gets_a_bar_with_rate_and_eta(corpus: Path) -> None:
    leader, follower = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        # Read while the command runs: a full pty buffer would block its writes.
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "cablebase", "parse", str(corpus / "cables-csv")],
            stdout=subprocess.DEVNULL,
            stderr=follower,
            timeout=600,
            env={**os.environ, "COLUMNS": "160", "TERM": "xterm"},
        )
        os.close(follower)
        reader.join(timeout=30)
    finally:
        os.close(leader)
    drawn = b"".join(chunks)
    text = drawn.decode("utf-8", "replace")
    assert proc.returncode == 1  # the truncated row of cables.csv.part-aa is reported
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
