"""bench/ingest: ingest a Cablegate-size synthetic collection; wall time and peak memory.

Targets (issue 3): the 251,287 cables in at most 4 minutes on this 2-core machine, at most
1.5 GB resident for the whole process tree (the ingest and its worker processes).

Baseline, in the same run: the least any archive must do with the same file: read its rows
and load the texts into a plain SQLite FTS5 table (no parsing, no records, no facets).

    python bench/ingest.py [--count 251287] [--workdir build/bench] [--skip-baseline]
                           [--enrichment]

--enrichment also ingests the same file with `--no-enrich` (no acronyms learned, no names
extracted; issue 5) into WORKDIR/archive-plain, first, and prints what enrichment costs.

The synthetic cables.csv is written once by `cablebase synth` and reused; the archive is
rebuilt each run in WORKDIR/archive (bench/search.py uses it afterwards).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

from machine import describe  # bench/machine.py, beside this

from cablebase.model import RawCable
from cablebase.sources import read_paths

ROOT = Path(__file__).resolve().parents[1]


def _tree(pid: int) -> list[int]:
    """A process and all its descendants (from /proc)."""
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return out


def _field(path: str, name: str) -> int:
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(name):
                    return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def tree_memory(pid: int) -> tuple[int, int, int]:
    """Resident bytes of a process tree: the sum of its VmRSS, of its PSS, and of its
    anonymous pages (RssAnon).

    The workers are forked: the pages they share with the ingest are counted once per
    process in the RSS sum, once in all by PSS (each process gets its share). RSS and PSS
    also count the index files tantivy maps while it merges segments (page cache the kernel
    can take back); RssAnon is the memory the processes themselves hold."""
    pids = _tree(pid)
    rss = sum(_field(f"/proc/{p}/status", "VmRSS:") for p in pids)
    pss = sum(_field(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
    anon = sum(_field(f"/proc/{p}/status", "RssAnon:") for p in pids)
    return rss, pss, anon


def measure(command: list[str]) -> tuple[float, int, int, int]:
    """Wall seconds, and the peaks of the tree's RSS (sum), PSS and anonymous memory."""
    start = time.perf_counter()
    process = subprocess.Popen(command)
    peaks = [0, 0, 0]

    def sample() -> None:
        while process.poll() is None:
            for i, value in enumerate(tree_memory(process.pid)):
                peaks[i] = max(peaks[i], value)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    sampler.join()
    if code != 0:
        sys.exit(f"{' '.join(command)} failed with status {code}")
    return time.perf_counter() - start, peaks[0], peaks[1], peaks[2]


def fts5_baseline(csv_path: Path, directory: Path) -> tuple[float, int]:
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    start = time.perf_counter()
    conn = sqlite3.connect(directory / "fts.sqlite")
    conn.execute("CREATE VIRTUAL TABLE texts USING fts5(reference_id UNINDEXED, body)")
    rows = 0
    batch: list[tuple[str, str]] = []
    for item in read_paths([csv_path]):
        if isinstance(item, RawCable):
            batch.append((item.meta.get("reference_id", ""), item.original))
            rows += 1
            if len(batch) == 1000:
                conn.executemany("INSERT INTO texts VALUES (?, ?)", batch)
                conn.commit()
                batch = []
    conn.executemany("INSERT INTO texts VALUES (?, ?)", batch)
    conn.commit()
    conn.close()
    return time.perf_counter() - start, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=251_287)
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--enrichment", action="store_true", help="also time --no-enrich")
    args = parser.parse_args()
    work: Path = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    csv_path = work / f"synthetic-{args.count}.csv"
    cablebase = [sys.executable, "-m", "cablebase"]
    if not csv_path.exists():
        print(f"writing {args.count:,} synthetic cables to {csv_path} ...", flush=True)
        subprocess.run([*cablebase, "synth", str(args.count), "-o", str(csv_path)], check=True)
    megabytes = csv_path.stat().st_size / 1e6
    print(f"{date.today()} | {describe()} | input: {args.count:,} cables, {megabytes:,.0f} MB")
    plain_seconds = None
    if args.enrichment:
        plain = work / "archive-plain"
        if plain.exists():
            shutil.rmtree(plain)
        ingest_plain = [*cablebase, "ingest", str(csv_path), "-a", str(plain), "--no-enrich"]
        plain_seconds, plain_peak, plain_pss, plain_anon = measure(ingest_plain)
        print(
            f"cablebase ingest --no-enrich: {plain_seconds:,.1f} s "
            f"({args.count / plain_seconds:,.0f} cables/s), peak RSS {plain_peak / 2**30:.2f}"
            f" GiB, PSS {plain_pss / 2**30:.2f} GiB, anonymous {plain_anon / 2**30:.2f} GiB"
        )
        shutil.rmtree(plain)
    archive = work / "archive"
    if archive.exists():
        shutil.rmtree(archive)
    seconds, peak, pss, anon = measure([*cablebase, "ingest", str(csv_path), "-a", str(archive)])
    size = sum(p.stat().st_size for p in archive.rglob("*") if p.is_file()) / 1e9
    print(
        f"cablebase ingest: {seconds:,.1f} s ({args.count / seconds:,.0f} cables/s), "
        f"peak RSS {peak / 2**30:.2f} GiB (sum over the process tree), PSS"
        f" {pss / 2**30:.2f} GiB ({pss / 1e9:.2f} GB), anonymous {anon / 2**30:.2f} GiB,"
        f" archive {size:.2f} GB"
        f" | targets: <= 240 s, <= 1.5 GB"
    )
    if plain_seconds is not None:
        extra = seconds - plain_seconds
        print(
            f"enrichment (acronyms + names): +{extra:,.1f} s, "
            f"{seconds / plain_seconds:.2f}x the ingest without it"
        )
    if not args.skip_baseline:
        base_seconds, rows = fts5_baseline(csv_path, work / "fts5-baseline")
        print(
            f"baseline (read + plain SQLite FTS5 load, one process): {base_seconds:,.1f} s "
            f"({rows / base_seconds:,.0f} rows/s) | cablebase/baseline time ratio "
            f"{seconds / base_seconds:.2f}x"
        )


if __name__ == "__main__":
    main()
