"""Build the decoding tables of src/cablebase/data/ from shared/reference/.

Each table keeps the facts a reader needs to decode a cable's header and markings and drops
the evidence columns (corpus counts, source pages) that only justify them:

- routing-indicators.csv  indicator, indicator_end, station, source (ACP 117 or cable headers)
- precedence.csv          letter, precedence
- caveats.csv             caveat, meaning
- classification-markings.csv  where, marking, classification
- executive-orders.csv    eo, title, signed, federal_register, relation
- (countries.csv: tools/build_countries.py)
- origins.csv             origin, station (every spelling of an origin, to its stations)

Run: python tools/build_decode.py [path/to/shared/reference]
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "cablebase" / "data"


def read(reference: Path, name: str) -> list[dict[str, str]]:
    with (reference / name).open(encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def write(name: str, header: list[str], rows: Iterable[Iterable[str]]) -> None:
    kept = list(dict.fromkeys(tuple(r) for r in rows))  # drop exact duplicates, keep order
    with (DATA / name).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(kept)
    print(f"{len(kept):>5} rows  {name}")


def origins(reference: Path) -> list[tuple[str, str]]:
    """Origin spellings -> stations, from the Cablegate origin list and the posts table.

    The posts table joins several origins of one station with ``|`` (BRUSSELS is used by
    Embassy Brussels and USEU Brussels); the origin list maps one origin to several stations
    (Consulate Chennai: CHENNAI, MADRAS).
    """
    pairs: list[tuple[str, str]] = []
    for row in read(reference, "posts.csv"):
        pairs.extend((o.strip(), row["station"]) for o in row["origin"].split("|") if o.strip())
    for row in read(reference, "cablegate-origins.csv"):
        pairs.extend((row["origin"], s) for s in row["stations"].split(";") if s)
    return sorted(set(pairs))


def main() -> None:
    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"
    write(
        "routing-indicators.csv",
        ["indicator", "indicator_end", "station", "source"],
        (
            (r["indicator"], r["indicator_end"], r["station"], r["source"])
            for r in read(reference, "routing-indicators.csv")
        ),
    )
    write(
        "precedence.csv",
        ["letter", "precedence"],
        ((r["letter"], r["precedence"]) for r in read(reference, "precedence.csv")),
    )
    write(
        "caveats.csv",
        ["caveat", "meaning"],
        ((r["caveat"], r["meaning"]) for r in read(reference, "handling-caveats.csv")),
    )
    write(
        "classification-markings.csv",
        ["where", "marking", "classification"],
        (
            (r["where"], r["marking"], r["cablegate_classification"])
            for r in read(reference, "classification-markings.csv")
        ),
    )
    write(
        "executive-orders.csv",
        ["eo", "title", "signed", "federal_register", "relation"],
        (
            (r["eo"], r["title"], r["signed"], r["federal_register"], r["relation"])
            for r in read(reference, "executive-orders.csv")
        ),
    )
    # countries.csv (FIPS with ISO alpha-2 and numeric codes) is made by build_countries.py.
    write("origins.csv", ["origin", "station"], origins(reference))


if __name__ == "__main__":
    main()
