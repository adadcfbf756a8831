"""bench/parse: cables per second on one core, CSV and HTML, against a baseline in the same run.

The baseline is the least any parser must do: split the same bytes into cables with the
same readers, without parsing them. The ratio says what the parsing itself costs. Target:
at least 2,000 cables/s per core on cables.csv (all of Cablegate in about two minutes).

    python bench/parse.py [--shared ../shared] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from machine import describe  # bench/machine.py, beside this

from cablebase.model import RawCable
from cablebase.parse import parse_cable
from cablebase.sources import read_paths

ROOT = Path(__file__).resolve().parents[1]


def run(paths: list[Path], parse: bool) -> tuple[int, int, float]:
    cables = size = 0
    start = time.perf_counter()
    for item in read_paths(paths):
        if isinstance(item, RawCable):
            cables += 1
            size += len(item.original)
            if parse:
                parse_cable(item)
    return cables, size, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    inputs = {
        "cables.sample.csv": [corpus / "cables-csv" / "cables.sample.csv"],
        "Cablegate HTML pages": [corpus / "cablegate-html"],
    }
    print(f"{date.today()} | {describe()} | one core (single process)")
    for name, paths in inputs.items():
        files = [p for path in paths for p in ([path] if path.is_file() else path.rglob("*"))]
        megabytes = sum(p.stat().st_size for p in files if p.is_file()) / 1e6
        best_read = min(run(paths, parse=False)[2] for _ in range(args.repeat))
        results = [run(paths, parse=True) for _ in range(args.repeat)]
        cables, _, best = min(results, key=lambda r: r[2])
        print(
            f"{name}: {cables} cables, {megabytes:.1f} MB | read only {cables / best_read:,.0f}"
            f" cables/s | read+parse {cables / best:,.0f} cables/s, {megabytes / best:.1f} MB/s"
            f" | parse costs {best / best_read:.1f}x reading"
        )


if __name__ == "__main__":
    main()
