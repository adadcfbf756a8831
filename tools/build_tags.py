"""Build src/cablebase/data/tags.csv from shared/reference/tags.csv.

The packaged table keeps the facts a reader needs beside a TAGS line: the code, its kind
(subject, program, geographic, organization), its meaning where a source gives one, and for a
subject TAG its category (the first letter: P political, E economic...). A code of two kinds
(AL, BP) keeps both rows. Meanings taken from PlusD carry their category as a prefix
("Political Affairs--Terrorists and Terrorism"); it moves to the category column, so that every
meaning reads alike and a search for a meaning's words does not match a whole category.
Run: python tools/build_tags.py [path/to/shared/reference]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def categories(reference: Path) -> tuple[dict[str, str], set[str]]:
    """First letter -> category name, and the PlusD prefixes that may open a meaning."""
    with (reference / "tag-categories.csv").open(encoding="utf-8") as src:
        rows = list(csv.DictReader(src))
    by_letter = {r["letter"]: (r["fah_category"] or r["plusd_prefix"]).strip() for r in rows}
    return by_letter, {r["plusd_prefix"].strip() for r in rows if r["plusd_prefix"].strip()}


def main() -> None:
    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"
    out = ROOT / "src" / "cablebase" / "data" / "tags.csv"
    by_letter, prefixes = categories(reference)
    rows: set[tuple[str, str, str, str]] = set()
    with (reference / "tags.csv").open(encoding="utf-8") as src:
        for r in csv.DictReader(src):
            code, kind, meaning = r["code"].strip().upper(), r["kind"].strip(), r["meaning"].strip()
            category = by_letter.get(code[:1], "") if kind == "subject" else ""
            prefix, dashes, rest = meaning.partition("--")
            if dashes and prefix in prefixes:
                category, meaning = prefix, rest.strip()
            rows.add((code, kind, meaning, category))
    with out.open("w", encoding="utf-8", newline="") as dst:
        writer = csv.writer(dst, lineterminator="\n")
        writer.writerow(["code", "kind", "meaning", "category"])
        writer.writerows(sorted(rows))
    print(f"{len(rows)} tags written to {out}")


if __name__ == "__main__":
    main()
