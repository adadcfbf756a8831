"""Build src/cablebase/data/countries.csv: FIPS 10-4 country codes with their ISO 3166 codes.

The posts table names a post's country by its FIPS code (GM is Germany); world maps number
their shapes by ISO 3166 numeric code (276 is Germany). This table joins the two: the FIPS
codes and names of shared/reference/fips10-4-countries.csv, the ISO numeric code of each
alpha-2 code from Debian's iso-codes (apt-get install iso-codes).
Run: python tools/build_countries.py [path/to/shared/reference]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-1.json")


def main() -> None:
    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"
    if not ISO_CODES.exists():
        sys.exit(f"{ISO_CODES} not found: apt-get install iso-codes")
    numeric = {
        row["alpha_2"]: row["numeric"]
        for row in json.loads(ISO_CODES.read_text(encoding="utf-8"))["3166-1"]
    }
    out = ROOT / "src" / "cablebase" / "data" / "countries.csv"
    with (
        (reference / "fips10-4-countries.csv").open(encoding="utf-8") as src,
        out.open("w", encoding="utf-8", newline="") as dst,
    ):
        writer = csv.writer(dst, lineterminator="\n")
        writer.writerow(["fips", "alpha2", "numeric", "name"])
        for row in csv.DictReader(src):
            alpha2 = row["iso3166_alpha2"]
            writer.writerow([row["fips"], alpha2, numeric.get(alpha2, ""), row["name"]])


if __name__ == "__main__":
    main()
