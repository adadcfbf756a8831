"""Build src/cablebase/data/tags.csv from shared/reference/tags.csv.

The packaged table keeps the facts a reader needs beside a TAGS line: the code, its kind
(subject, program, geographic, organization) and its meaning where a source gives one. A code
of two kinds (AL, BP) keeps both rows. Run: python tools/build_tags.py [path/to/shared/reference]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"
    out = ROOT / "src" / "cablebase" / "data" / "tags.csv"
    with (reference / "tags.csv").open(encoding="utf-8") as src:
        rows = sorted(
            {
                (r["code"].strip().upper(), r["kind"].strip(), r["meaning"].strip())
                for r in csv.DictReader(src)
            }
        )
    with out.open("w", encoding="utf-8", newline="") as dst:
        writer = csv.writer(dst, lineterminator="\n")
        writer.writerow(["code", "kind", "meaning"])
        writer.writerows(rows)
    print(f"{len(rows)} tags written to {out}")


if __name__ == "__main__":
    main()
