"""The archive commands through the real console script's Typer app, on a real archive."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cablebase.cli import app
from cablebase.service import Archive

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def early_ids(early: Path) -> list[str]:
    with Archive.open(early) as archive:
        return sorted(archive.iter_ids(""))


def test_ingest_reports_what_it_did(tmp_path: Path, corpus: Path) -> None:
    code, _, err = run("ingest", str(corpus / "cablegate-html-malformed"), "-a", str(tmp_path))
    assert code == 0
    assert "5 cables read" in err and "added" in err and "unchanged" in err


def test_search_formats(early: Path) -> None:
    code, out, _ = run("search", "tag:PREL", "-a", str(early), "-f", "jsonl", "-n", "5")
    assert code == 0
    hits = [json.loads(line) for line in out.splitlines()]
    assert 0 < len(hits) <= 5 and all("PREL" in h["tags"] for h in hits)
    code, out, _ = run("search", "tag:PREL", "-a", str(early), "-f", "json", "--facets")
    whole = json.loads(out)
    assert whole["total"] >= len(hits) and whole["facets"]["tag"][0]["value"] == "PREL"
    code, out, _ = run("search", "tag:PREL", "-a", str(early), "-f", "csv", "--all")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == whole["total"]
    code, out, _ = run("search", "tag:PREL", "-a", str(early), "-f", "table", "--facets")
    assert code == 0 and "cables match" in out and "by year" in out


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    """The console script as users run it: errors become one line and exit status 2."""
    command = [sys.executable, "-m", "cablebase", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_a_malformed_query_is_an_error_with_its_position(early: Path) -> None:
    done = run_process("search", 'tag:PREL "unclosed', "-a", str(early))
    assert done.returncode == 2 and done.stdout == ""
    first, query, caret = done.stderr.splitlines()
    assert "position 9" in first and "quote" in first
    assert query == 'tag:PREL "unclosed' and caret == " " * 9 + "^"
    done = run_process("search", "colour:red", "-a", str(early))
    assert done.returncode == 2 and "unknown field" in done.stderr


def test_show(early: Path, early_ids: list[str]) -> None:
    reference_id = early_ids[0]
    code, out, _ = run("show", reference_id.lower(), "-a", str(early))
    assert code == 0 and out.startswith(f"reference id   {reference_id}")
    code, out, _ = run("show", reference_id, "-a", str(early), "--json")
    record = json.loads(out)
    assert record["reference_id"] == reference_id and record["original"]
    code, out, _ = run("show", reference_id, "-a", str(early), "--original")
    assert out.rstrip("\n") == record["original"].rstrip("\n")
    code, out, _ = run("show", reference_id, "-a", str(early), "--versions")
    assert code == 0 and "current" in out
    done = run_process("show", "99NOWHERE1", "-a", str(early))
    assert done.returncode == 2 and "no cable 99NOWHERE1" in done.stderr


def test_export_in_every_format(early: Path, tmp_path: Path, early_ids: list[str]) -> None:
    import pyarrow.parquet as pq

    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"all.{fmt}"
        code, _, err = run("export", "", "-o", str(out), "-f", fmt, "-a", str(early))
        assert code == 0, err
        if fmt == "jsonl":
            ids = [json.loads(line)["reference_id"] for line in out.read_text().splitlines()]
        elif fmt == "csv":
            with out.open(encoding="utf-8", newline="") as f:
                ids = [row["reference_id"] for row in csv.DictReader(f)]
        else:
            table = pq.read_table(out)
            ids = table.column("reference_id").to_pylist()
            assert all(table.column("original").to_pylist())
        assert sorted(ids) == early_ids, fmt


def test_stats(early: Path) -> None:
    code, out, _ = run("stats", "-a", str(early))
    assert code == 0
    assert f"{32} cables" in out and "by year" in out and "█" in out


def test_an_archive_that_does_not_exist_is_a_clear_error(tmp_path: Path) -> None:
    done = run_process("search", "x", "-a", str(tmp_path / "none"))
    assert done.returncode == 2 and "no cablebase archive" in done.stderr
    assert len(done.stderr.splitlines()) == 1
