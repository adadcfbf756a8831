"""The `cablebase` command, run as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cablebase", *args], capture_output=True, text=True, timeout=300
    )


def test_parse_writes_json_lines(corpus: Path) -> None:
    result = _run("parse", str(corpus / "mirror-pages"), str(corpus / "plusd-html"))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["reference_id"] for r in records] == [
        "08MEXICO23",
        "1973STATE097844",
        "1974ATHENS02959",
        "1974ATHENS03099",
    ]
    assert records[0]["references"][0]["reference_id"] == "07STATE145633"


def test_json_and_table_formats(corpus: Path) -> None:
    page = str(corpus / "mirror-pages")
    as_json = _run("parse", page, "--format", "json")
    assert json.loads(as_json.stdout)[0]["subject"] == "DRAFT COUNTRY TERRORISM REPORT FOR 2007"
    table = _run("parse", page, "--format", "table")
    assert "08MEXICO23" in table.stdout and "Embassy Mexico" in table.stdout


def test_stats_counts_fields(corpus: Path) -> None:
    result = _run("parse", str(corpus / "plusd-html"), "--stats")
    assert result.returncode == 0
    assert "3 cables" in result.stdout
    assert "subject" in result.stdout and "100.0 %" in result.stdout


def test_a_bad_input_is_one_line_and_the_rest_still_parses(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "notes.bin"
    bad.write_bytes(b"\x00\x01 nothing to see")
    result = _run("parse", str(bad), str(corpus / "cables-csv" / "cables.csv.part-aa"))
    assert result.returncode == 1
    problems = result.stderr.strip().splitlines()
    assert any(str(bad) in line and "not a cable format" in line for line in problems)
    assert any("truncated row" in line and "line 4363" in line for line in problems)
    assert len(result.stdout.splitlines()) == 36
    assert "Traceback" not in result.stderr
