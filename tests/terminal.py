"""Run a cablebase command with stderr on a pseudo-terminal, as a person at a terminal would."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading


def run_on_terminal(*args: str, timeout: float = 600) -> tuple[int, str]:
    """The exit status and everything drawn on the terminal (stdout is discarded)."""
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
            [sys.executable, "-m", "cablebase", *args],
            stdout=subprocess.DEVNULL,
            stderr=follower,
            timeout=timeout,
            env={**os.environ, "COLUMNS": "160", "TERM": "xterm"},
        )
        os.close(follower)
        reader.join(timeout=30)
    finally:
        os.close(leader)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")
