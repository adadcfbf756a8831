"""Build src/cablebase/data/posts.csv from shared/reference/posts.csv.

The packaged table keeps the facts the parser and the decoders need: a reference-id station
(BERLIN), the Cablegate origin it stands for, and its city, country and FIPS code.
Run: python tools/build_posts.py [path/to/shared/reference]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"
    out = ROOT / "src" / "cablebase" / "data" / "posts.csv"
    with (
        (reference / "posts.csv").open(encoding="utf-8") as src,
        out.open("w", encoding="utf-8", newline="") as dst,
    ):
        writer = csv.writer(dst, lineterminator="\n")
        writer.writerow(["station", "origin", "city", "country", "fips"])
        for row in csv.DictReader(src):
            origin = row["origin"].split("|")[0]
            writer.writerow([row["station"], origin, row["city"], row["country"], row["fips"]])


if __name__ == "__main__":
    main()
