"""Build the reference-id data files in src/cablebase/data/ from the shared reference tables.

Run by hand when the reference tables change; the outputs are committed:

    python tools/build_serials.py [--reference ../shared/reference]

Outputs:
- ``malformed-reference-ids.csv``: WikiLeaks id as published -> corrected id (cablemap's list).
- ``stations.csv``: spelling -> station, for the station part of ids and REF lines.
- ``cablegate-serials.csv.gz``: every Cablegate id (corrected), grouped by station, two-digit
  year and creation month, serials delta-encoded. It is both the membership list behind
  ``is_cablegate_id`` and the serial-progression table behind year inference.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import itertools
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "cablebase" / "data"

# Spellings seen on REF lines and in the cables.csv references column that are not station
# names of ids. Each is a fact about how posts were written, with the cable that shows it.
TEXT_SPELLINGS: tuple[tuple[str, str, str], ...] = (
    ("SECSTATE", "STATE", "04BRUSSELS3055 REF: SECSTATE 153857"),
    ("SECTSTATE", "STATE", "typo of SECSTATE on REF lines"),
    ("SECSTATEWASHDC", "STATE", "addressee form written on REF lines"),
    ("STATEWASHDC", "STATE", "addressee form written on REF lines"),
    ("DEPTSTATE", "STATE", "addressee form written on REF lines"),
    ("HCMC", "HOCHIMINHCITY", "04HOCHIMINHCITY45 REF: HCMC 000766"),
    ("HOCHIMINH", "HOCHIMINHCITY", "short form"),
    ("BANDAR", "BANDARSERIBEGAWAN", "99BANDARSERIBEGAWAN381 REF: B) BANDAR O030O"),
    ("USUN", "USUNNEWYORK", "references column 'USUN' (8 times)"),
    ("USUNNY", "USUNNEWYORK", "references column 'USUNNY'"),
    ("USUNNEWYORKNY", "USUNNEWYORK", "addressee form"),
    ("UNVIE", "UNVIEVIENNA", "references column 'UNVIE'"),
    ("USMISSIONUNVIE", "UNVIEVIENNA", "addressee form"),
    ("USEU", "USEUBRUSSELS", "references column 'USEU'"),
    ("USMISSIONUSEU", "USEUBRUSSELS", "addressee form"),
    ("USMISSIONUSNATO", "USNATO", "addressee form"),
    ("USMISSIONGENEVA", "GENEVA", "references column 'USMISSIONGENEVA'"),
    ("USMISSIONUSOSCE", "USOSCE", "addressee form"),
    ("RIODEJAN", "RIODEJANEIRO", "REF line spelling 'RIO DE JAN'"),
    ("RIODE", "RIODEJANEIRO", "REF line spelling cut by a line end"),
    ("RIO", "RIODEJANEIRO", "references column 'RIO'"),
    ("SAOPAOLO", "SAOPAULO", "misspelling on REF lines"),
    ("ADDIS", "ADDISABABA", "short form"),
    ("ADDISABAB", "ADDISABABA", "references column 'ADDISABAB'"),
    ("RANGON", "RANGOON", "references column 'RANGON'"),
    ("CHAINGMAI", "CHIANGMAI", "references column 'CHAINGMAI'"),
    ("AIT", "AITTAIPEI", "AIT TAIPEI written short"),
    ("KUALA", "KUALALUMPUR", "short form"),
    ("PORTAU", "PORTAUPRINCE", "short form"),
    ("THE HAGUE".replace(" ", ""), "THEHAGUE", "as spelled"),
    ("HAGUE", "THEHAGUE", "short form"),
    ("DARES", "DARESSALAAM", "short form"),
    ("SANTODOMING", "SANTODOMINGO", "04SANTODOMINGO5777 REF: SANTO DOMING 5302"),
    ("TEGUC", "TEGUCIGALPA", "03TEGUCIGALPA1284 F. TEGUC 776"),
    ("USNATOBRUSSELS", "USNATO", "addressee form"),
    # Posts closed before the 2010 ACP list but cited in corpus references columns.
    ("LUBUMBASHI", "LUBUMBASHI", "references column (10 times)"),
    ("BUKAVU", "BUKAVU", "references column (9 times)"),
    ("HAIFA", "HAIFA", "references column"),
    ("ADEN", "ADEN", "references column"),
    ("SAIGON", "SAIGON", "1966-1975 post"),
    ("BONN", "BONN", "1966-1999 post"),
    # Posts in the 2010 ACP list (routing-indicators.csv) with no Cablegate cables.
    ("EDINBURGH", "EDINBURGH", "ACP 117 AMCONSUL EDINBURGH"),
    ("HERAT", "HERAT", "ACP 117 AMCONSUL HERAT"),
    ("JUBA", "JUBA", "ACP 117 AMCONSUL JUBA"),
    # City names written in full where ids use the short station.
    ("MEXICOCITY", "MEXICO", "ACP 117 AMEMBASSY MEXICO CITY"),
    ("GUATEMALACITY", "GUATEMALA", "ACP 117 AMEMBASSY GUATEMALA CITY"),
    ("PANAMACITY", "PANAMA", "ACP 117 AMEMBASSY PANAMA CITY"),
)

_ID = re.compile(r"^(\d\d)([A-Z]+)(\d+)$")


def build(reference: Path) -> None:
    malformed = _build_malformed(reference)
    _build_stations(reference)
    _build_serials(reference, malformed)


def _build_malformed(reference: Path) -> dict[str, str]:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["wikileaks_id", "corrected_id", "kind"])
    mapping: dict[str, str] = {}
    with (reference / "malformed-reference-ids.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            mapping[row["wikileaks_id"]] = row["corrected_id"]
            w.writerow([row["wikileaks_id"], row["corrected_id"], row["kind"]])
    (DATA / "malformed-reference-ids.csv").write_text(out.getvalue(), encoding="utf-8")
    return mapping


def _build_stations(reference: Path) -> None:
    rows: dict[str, tuple[str, str]] = {}
    with (reference / "posts.csv").open(encoding="utf-8") as f:
        for post in csv.DictReader(f):
            rows[post["station"]] = (post["station"], "posts")
    for spelling, station, why in TEXT_SPELLINGS:
        rows.setdefault(spelling, (station, f"observed: {why}"))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["spelling", "station", "source"])
    for spelling in sorted(rows):
        w.writerow([spelling, *rows[spelling]])
    (DATA / "stations.csv").write_text(out.getvalue(), encoding="utf-8")


def _build_serials(reference: Path, malformed: dict[str, str]) -> None:
    groups: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    with gzip.open(reference / "cablegate-ids.csv.gz", "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rid = malformed.get(row["reference_id"], row["reference_id"])
            m = _ID.match(rid)
            if not m:
                sys.exit(f"cablegate-ids.csv.gz: {rid!r} is not YYSTATIONSERIAL; extend the rules")
            groups[(m.group(2), m.group(1), int(row["month"]))].append(int(m.group(3)))
    out = io.StringIO()
    out.write("station,yy,month,serials\n")
    for (station, yy, month), serials in sorted(groups.items()):
        serials.sort()
        deltas = [serials[0]] + [b - a for a, b in itertools.pairwise(serials)]
        out.write(f"{station},{yy},{month},{' '.join(map(str, deltas))}\n")
    with gzip.GzipFile(DATA / "cablegate-serials.csv.gz", "wb", mtime=0) as gz:
        gz.write(out.getvalue().encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    build(parser.parse_args().reference)


if __name__ == "__main__":
    main()
