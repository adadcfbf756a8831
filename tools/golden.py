"""Write and review the golden dev set (tests/golden/cases).

    python tools/golden.py select            write candidate cases (parser output, unreviewed)
    python tools/golden.py show CASE         the cable's text and the case's values, to check
    python tools/golden.py diff [CASE...]    where the parser now differs from the cases
    python tools/golden.py digest < TEXT     the digest of a corrected long text

A candidate is only a starting point: every value is checked by hand against the text, then
the case is marked "reviewed": true with notes on what was corrected.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.golden.cases_io import (  # noqa: E402
    CASES,
    comparable,
    digest,
    iter_csv,
    load_cases,
    parsed,
    raw_of,
)

from cablebase.parse import parse_cable  # noqa: E402

CORPUS = Path(os.environ.get("CABLEBASE_SHARED", ROOT.parent / "shared")) / "corpus"

# (directory or file, how many) per format; CSV is stratified by era below.
FILE_PICKS = (
    ("cablegate-html/cable", 30),
    ("cablegate-html-early/torrent-2010-11/cable", 6),
    ("cablegate-html-early/site-2010-12/cable", 4),
    ("cablegate-html-malformed", 5),
    ("wikileaks-cable-html-2011/cable", 6),
    ("plusd-html", 3),
    ("plusd-pdf/text", 10),
    ("plusd-pdf/pdf", 5),
    ("mirror-pages", 1),
)
CSV_ERAS = ((1966, 1989, 20), (1990, 1999, 20), (2000, 2002, 20), (2003, 2005, 20))
JSONL_PICKS = 5


def select() -> None:
    rng = random.Random(20261128)
    CASES.mkdir(parents=True, exist_ok=True)
    picks: list[tuple[str, str | None]] = []
    for folder, count in FILE_PICKS:
        files = sorted(p for p in (CORPUS / folder).rglob("*") if p.is_file())
        for path in rng.sample(files, min(count, len(files))):
            picks.append((str(path.relative_to(CORPUS)), None))
    by_era: dict[tuple[int, int, int], list[str]] = {era: [] for era in CSV_ERAS}
    for raw in iter_csv(CORPUS):
        year = int(raw.meta["created"].split("/")[2][:4])
        for era in CSV_ERAS:
            if era[0] <= year <= era[1]:
                by_era[era].append(raw.meta["reference_id"])
    for era, ids in by_era.items():
        for ref in rng.sample(ids, era[2]):
            picks.append(("cables-csv/cables.sample.csv", ref))
    lines = (CORPUS / "derived-json/wikileaks-11-28-10.json").read_text().splitlines()
    for line in rng.sample(lines, JSONL_PICKS):
        picks.append(("derived-json/wikileaks-11-28-10.json", json.loads(line)["_id"]))
    for path, wanted in picks:
        case = {"path": path, "select": wanted, "reviewed": False, "notes": ""}
        raw = raw_of(case, CORPUS)
        cable = parse_cable(raw)
        layout = f"__{raw.meta['layout']}" if raw.meta.get("layout") else ""
        name = f"{cable.source.format}{layout}__{cable.reference_id}.json"
        case["expected"] = comparable(cable)
        (CASES / name).write_text(json.dumps(case, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(picks)} cases written to {CASES}")


def show(name: str) -> None:
    case = json.loads((CASES / name).read_text())
    raw = raw_of(case, CORPUS)
    cable = parse_cable(raw)
    print("=" * 30, "ORIGINAL", raw.source.format, raw.source.path, raw.source.position)
    print(raw.original)
    print("=" * 30, "META", json.dumps(dict(raw.meta), ensure_ascii=False)[:2000])
    record = cable.to_dict()
    for field in ("summary", "comment"):
        print("=" * 30, field.upper(), digest(record[field]))
        print(record[field])
    print("=" * 30, "BODY (clean)", digest(record["body"]))
    print(record["body"])
    print("=" * 30, "PARAGRAPHS")
    for p in record["paragraphs"]:
        print(f"--- [{p['number']}] ({p['marking']}) {digest(p['text'])}\n{p['text']}")
    print("=" * 30, "REFERENCES")
    for r in record["references"]:
        print(r)
    print("=" * 30, "CASE EXPECTED")
    print(json.dumps(case["expected"], indent=1, ensure_ascii=False))


def diff(names: list[str]) -> None:
    for path in sorted(CASES.glob("*.json")):
        if names and path.name not in names:
            continue
        case = json.loads(path.read_text())
        now = comparable(parsed(case, CORPUS))
        for field, want in case["expected"].items():
            if now.get(field) != want:
                print(f"{path.name}: {field}: expected {want!r} got {now.get(field)!r}")


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "select":
        select()
    elif command == "show":
        show(sys.argv[2])
    elif command == "diff":
        diff(sys.argv[2:])
    elif command == "digest":
        print(digest(sys.stdin.read()))
    else:
        print(__doc__)
        print(f"{len(load_cases())} cases")


if __name__ == "__main__":
    main()
