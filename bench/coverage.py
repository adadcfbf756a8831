"""bench/coverage: the coverage page (holdings against Cablegate) over a Cablegate-size archive.

An archive of every Cablegate id is made directly in its SQLite store (one row per cable in
the ``cables`` table: the id, its origin and year; no texts, which holdings never read), so
the benchmark needs no ingest. Measured, in process:

- the first count (the id table built and every id of the archive looked up),
- a count after the archive changed (one more cable: the table is already built),
- the ``/coverage`` page and its JSON twin, first and then warm (cached per archive state),
- a filtered page (``?origin=paris``).

Baseline, in the same run: the least any per-origin-and-year count must do, one SQL
``GROUP BY origin, year`` over the same table (it cannot say what is missing).

    python bench/coverage.py [--workdir build/bench-coverage] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from cablebase.parse.serials import serial_table
from cablebase.service import Archive
from cablebase.store.db import Store
from cablebase.web import create_app

ROOT = Path(__file__).resolve().parents[1]


def build(directory: Path) -> int:
    """An archive whose cables table holds every Cablegate id (origin from the id's post)."""
    from cablebase.holdings import origin_of_station

    if directory.exists():
        shutil.rmtree(directory)
    store = Store(directory, create=True)
    rows = [
        (f"{year % 100:02d}{station}{serial}", origin_of_station(station), year)
        for (station, year), serials in serial_table().serials.items()
        for serial in sorted(set(serials))
    ]
    store.conn.execute("BEGIN")
    store.conn.executemany(
        "INSERT INTO cables (reference_id, version_id, versions, origin, created, year,"
        " classification, level, subject, issues) VALUES (?, 0, 1, ?, NULL, ?, '', '', '', 0)",
        rows,
    )
    store.conn.execute("COMMIT")
    store.close()
    return len(rows)


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(first, median of the rest) in milliseconds."""
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        action()
        times.append(1000 * (time.perf_counter() - start))
    return times[0], statistics.median(times[1:]) if repeat else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench-coverage")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    directory = args.workdir / "archive"
    cables = build(directory)
    print(f"{cables:,} cables; {os.cpu_count()} cores, {platform.python_version()}, {date.today()}")

    archive = Archive.open(directory)
    group = "SELECT origin, year, count(*) FROM cables GROUP BY origin, year"
    baseline = timed(lambda: archive.store.conn.execute(group).fetchall(), args.repeat)
    first_count, _ = timed(archive.holdings, 0)
    archive.store.conn.execute(
        "INSERT INTO cables VALUES ('1975DACCA00292', 1, 1, 'Embassy Dacca', NULL, 1975,"
        " '', '', '', 0)"
    )
    recount, cached = timed(archive.holdings, args.repeat)
    found = archive.holdings()
    archive.close()
    assert found.held == cables and found.extra == 1, (found.held, found.extra)

    rows = [
        ("SQL GROUP BY origin, year (baseline)", *baseline),
        ("count: first (id table built)", first_count, float("nan")),
        ("count: after a change / unchanged", recount, cached),
    ]
    # One client for all requests: one event-loop thread, so one open archive, as in a server.
    with TestClient(create_app(directory)) as client:
        for url in ("/coverage.json", "/coverage", "/coverage?origin=paris", "/coverage.csv"):
            rows.append((url, *timed(lambda u=url: client.get(u).raise_for_status(), args.repeat)))
    print(f"| what | first | warm (median of {args.repeat}) |\n|---|---:|---:|")
    for label, first, warm in rows:
        print(f"| {label} | {first:.1f} ms | {warm:.1f} ms |")


if __name__ == "__main__":
    main()
