"""REF-line parsing, checked against what corpus cables say on their REF lines."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablebase.model import Reference, ReferenceKind
from cablebase.parse.references import parse_references, parse_references_column

# The first REF block of a body: from the heading to the first blank line or paragraph 1.
_REF_BLOCK = re.compile(r"^[ \t]*REFS?\b.*?(?=\n[ \t]*\n|\n[ \t]*1\.|\Z)", re.M | re.S)
# A line naming something cable-like: a word followed by a number ("STATE 145633").
_CABLE_LIKE = re.compile(r"\b[A-Z][A-Za-z]+\s+0*\d{2,6}\b")

Row = tuple[str, str, str, str]  # reference id, created (ISO date), references column, body


def _rows(path: Path) -> Iterator[Row]:
    csv.field_size_limit(1 << 30)
    # cables.csv escapes quotes with a backslash instead of doubling them (corpus README).
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f, escapechar="\\", doublequote=False):
            created = datetime.strptime(row[1], "%m/%d/%Y %H:%M").date().isoformat()
            yield row[2], created, row[5], row[7]


@pytest.fixture(scope="module")
def sample(corpus: Path) -> dict[str, Row]:
    return {row[0]: row for row in _rows(corpus / "cables-csv" / "cables.sample.csv")}


def _refs(sample: dict[str, Row], cable_id: str) -> tuple[Reference, ...]:
    rid, created, _, body = sample[cable_id]
    block = _REF_BLOCK.search(body)
    assert block is not None, f"{cable_id} has no REF block"
    return parse_references(block.group(0), citing_id=rid, created=created)


# (citing cable, expected [(label, kind, reference_id)]), read off each cable's REF line.
CASES: list[tuple[str, list[tuple[str, ReferenceKind, str | None]]]] = [
    # "REF: A. STATE 193154 B. BRUSSELS 3822 C. USEU TODAY 09/08/2004"
    (
        "04BRUSSELS3840",
        [
            ("A", ReferenceKind.CABLE, "04STATE193154"),
            ("B", ReferenceKind.CABLE, "04BRUSSELS3822"),
            ("C", ReferenceKind.OTHER, None),
        ],
    ),
    # "REF: A. RANGOON 10 B. 04 RANGOON 1612 C. 04 RANGOON 1571 AND PREVIOUS"
    (
        "05RANGOON21",
        [
            ("A", ReferenceKind.CABLE, "05RANGOON10"),
            ("B", ReferenceKind.CABLE, "04RANGOON1612"),
            ("C", ReferenceKind.CABLE, "04RANGOON1571"),
        ],
    ),
    # "REFS: (A) DAMASCUS 1787, (B) BEIRUT 1653, (C) BEIRUT 164"
    (
        "85BEIRUT1668",
        [
            ("A", ReferenceKind.CABLE, "85DAMASCUS1787"),
            ("B", ReferenceKind.CABLE, "85BEIRUT1653"),
            ("C", ReferenceKind.CABLE, "85BEIRUT164"),
        ],
    ),
    # "REF: A) State 088579, B) State 237442": mixed case, zero padding.
    (
        "03DJIBOUTI1660",
        [("A", ReferenceKind.CABLE, "03STATE88579"), ("B", ReferenceKind.CABLE, "03STATE237442")],
    ),
    # "REF: SECSTATE 153857"
    ("04BRUSSELS3055", [("", ReferenceKind.CABLE, "04STATE153857")]),
    # "REF: NEW DELHI 17853": a two-word station.
    ("87NEWDELHI19406", [("", ReferenceKind.CABLE, "87NEWDELHI17853")]),
    # "REF: HCMC 000766" in Ho Chi Minh City cable number 45 of January 2004: HCMC's telegram 766
    # cannot precede its telegram 45 in 2004, so it is from 2003 (the column says 04HCMC766).
    ("04HOCHIMINHCITY45", [("", ReferenceKind.CABLE, "03HOCHIMINHCITY766")]),
    # "REF: RANGOON 575 AND 578": two serials sharing year and station.
    (
        "02RANGOON1418",
        [("", ReferenceKind.CABLE, "02RANGOON575"), ("", ReferenceKind.CABLE, "02RANGOON578")],
    ),
    # "REF: A. PIERCE/FISK E-MAIL NOVEMBER"
    ("02TEGUCIGALPA3132", [("A", ReferenceKind.EMAIL, None)]),
    # "REF: IIR 6 902 9829 04": an intelligence information report.
    ("04CARACAS3031", [("", ReferenceKind.REPORT, None)]),
    # "REF: STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966": a telegram and an airgram.
    (
        "66BUENOSAIRES2481",
        [("", ReferenceKind.CABLE, "66STATE106206"), ("", ReferenceKind.OTHER, None)],
    ),
]


@pytest.mark.parametrize(("cable_id", "expected"), CASES, ids=[c[0] for c in CASES])
def test_corpus_ref_lines(
    sample: dict[str, Row],
    cable_id: str,
    expected: list[tuple[str, ReferenceKind, str | None]],
) -> None:
    refs = _refs(sample, cable_id)
    assert [(r.label, r.kind, r.reference_id) for r in refs] == expected
    for ref in refs:
        assert ref.text == " ".join(ref.text.split()) and ref.text


def test_year_from_serial_progression(corpus: Path) -> None:
    # 08MEXICO23 was written on 4 January 2008 and cites "STATE 145633": State had not sent
    # that many telegrams four days into 2008, so it is 07STATE145633, not 08STATE145633.
    page = (corpus / "mirror-pages" / "scoop-08MEXICO23.txt").read_text(encoding="utf-8")
    line = next(x for x in page.splitlines() if x.startswith("REF:"))
    refs = parse_references(line, citing_id="08MEXICO23", created="2008-01-04")
    assert [r.reference_id for r in refs] == ["07STATE145633"]
    # The same serial cited in December fits the citing year.
    late = parse_references(line, citing_id="08MEXICO9999", created="2008-12-20")
    assert [r.reference_id for r in late] == ["08STATE145633"]


def test_written_year_wins_over_inference() -> None:
    refs = parse_references(
        "REF: A. 2006 STATE 12 B. 06 MEXICO 23", citing_id="08MEXICO23", created="2008-01-04"
    )
    assert [r.reference_id for r in refs] == ["06STATE12", "06MEXICO23"]


def test_no_date_leaves_yearless_reference_unresolved() -> None:
    (ref,) = parse_references("REF: STATE 145633", citing_id=None, created=None)
    assert ref.kind is ReferenceKind.CABLE and ref.reference_id is None


def test_two_ref_blocks_and_unknown_texts() -> None:
    text = "REF: A. STATE 1 B. PARIS 2\nREFS: A. MEMCON OF MAY 3 B. SMITH EMAIL 5/3/09"
    refs = parse_references(text, citing_id="09PARIS900", created="2009-06-01")
    assert [(r.label, r.kind, r.reference_id) for r in refs] == [
        ("A", ReferenceKind.CABLE, "09STATE1"),
        ("B", ReferenceKind.CABLE, "09PARIS2"),
        ("A", ReferenceKind.OTHER, None),
        ("B", ReferenceKind.EMAIL, None),
    ]


def test_references_column(sample: dict[str, Row]) -> None:
    assert parse_references_column("04BRASILIA2799AND2764|03Brasilia3939|04DTG111437ZMAR4") == (
        "04BRASILIA2799",
        "04BRASILIA2764",
        "03BRASILIA3939",
        "04DTG111437ZMAR4",
    )
    assert parse_references_column("") == ()
    # Over the sample, every value is either canonicalised or kept as published.
    for _, _, column, _ in sample.values():
        values = [v for v in column.split("|") if v]
        assert len(parse_references_column(column)) >= min(1, len(values))


@pytest.mark.slow
def test_corpus_resolution_rate(sample: dict[str, Row]) -> None:
    """Lines of REF blocks that name something cable-like yield a cable id.

    Measured on cables.sample.csv: 8,016 of 8,275 such lines (96.9%). The rest are e-mails,
    telcons, FBIS items, DTG-only telegrams and prose caught by the block regex.
    """
    lines = resolved = 0
    for rid, created, _, body in sample.values():
        for block in _REF_BLOCK.finditer(body):
            for line in block.group(0).splitlines():
                if not _CABLE_LIKE.search(line):
                    continue
                lines += 1
                refs = parse_references(line, citing_id=rid, created=created)
                resolved += any(r.reference_id for r in refs)
    assert lines > 8000
    assert resolved / lines >= 0.95


@given(st.text(max_size=300), st.none() | st.text(max_size=20), st.none() | st.text(max_size=12))
@settings(max_examples=300)
def test_parse_references_never_raises(text: str, citing: str | None, created: str | None) -> None:
    for ref in parse_references(text, citing_id=citing, created=created):
        assert ref.kind is ReferenceKind.CABLE or ref.reference_id is None


@given(st.text(alphabet="ABCDEFGHIJSTATE0123456789 .():;,-\n", max_size=200))
@settings(max_examples=300)
def test_parse_references_never_raises_on_ref_like_text(text: str) -> None:
    parse_references("REF: " + text, citing_id="08MEXICO23", created="2008-01-04")
    parse_references_column(text.replace(" ", "|"))


def _triples(text: str, citing: str, created: str) -> list[tuple[str, str, str | None]]:
    refs = parse_references(text, citing_id=citing, created=created)
    return [(r.label, r.kind.value, r.reference_id) for r in refs]


def test_site_labels_doubling_the_cables_own() -> None:
    # The 2010-12 site labels every line; a wrapped line gets a label of its own (07PARIS1791).
    text = "REF: A. (A) PARIS 1784\nB. (B) EMBASSY PARIS DAILY REPORT FOR MAY 4\nC. 2007"
    assert _triples(text, "07PARIS1791", "2007-05-06") == [
        ("A", "cable", "07PARIS1784"),
        ("B", "report", None),
    ]
    # Where the marks after the line labels are portion marks, the line labels stay.
    text = "REF: A. (C) ROME 52\nB. (U) ROME 51\nC. (C) ROME 50"
    assert [r[0] for r in _triples(text, "04ROME900", "2004-09-01")] == ["A", "B", "C"]


def test_label_shapes() -> None:
    text = "REF: A)STATE 1989 B)ROME 37 \u00b6C. ROME 38\n(D) ROME 39"
    assert [r[0] for r in _triples(text, "01ROME900", "2001-12-14")] == ["A", "B", "C", "D"]
    # Label A lost: the list starts at B after a citation.
    text = "REF: 2000 ROME 60 (B) 2000 ROME 12"
    assert [r[0] for r in _triples(text, "01ROME64", "2001-02-06")] == ["", "B"]
    # "(b)" of a classification reason after a citation is no label.
    text = "REF: ROME 20 Classified By: DCM for reasons 1.4 (b) and (d)."
    assert [r[0] for r in _triples(text, "08ROME51", "2008-01-22")] == [""]


def test_items_separated_by_colons_and_dates_not_serials() -> None:
    text = "REF: TEHRAN 91: TEHRAN 26: MOSCOW 160"
    assert _triples(text, "72TEHRAN1164", "1972-02-25") == [
        ("", "cable", "72TEHRAN91"),
        ("", "cable", "72TEHRAN26"),
        ("", "cable", "72MOSCOW160"),
    ]
    text = "REF: ROME's A-7 OF MAY 15, 1972: TEHRAN 33"
    assert _triples(text, "72TEHRAN4789", "1972-08-10") == [
        ("", "other", None),
        ("", "cable", "72TEHRAN33"),
    ]
    text = "REF: A. FAX SMITH/USDOC 04OCT2004 B. USDAO ROME 091651Z AUG 04"
    assert _triples(text, "04ROME900", "2004-10-20") == [
        ("A", "other", None),
        ("B", "cable", None),
    ]


def test_reports_ocr_zeros_bare_serials() -> None:
    text = "REF: A. TDX-315/0901-08 AND TDX-315/0424-09 B. TD-314/652-07 C. BANDAR O03O"
    assert _triples(text, "09BUENOSAIRES1017", "2009-09-10") == [
        ("A", "report", None),
        ("A", "report", None),
        ("B", "report", None),
        ("C", "cable", "09BANDARSERIBEGAWAN30"),
    ]
    # A station with a year but no serial, then a serial alone (00KINSHASA8381).
    text = "REF: A. KINSHASA '99 B. 8034 C. 1998 ROME 504 D. 2164 E. 02"
    assert _triples(text, "00KINSHASA8381", "2000-12-18") == [
        ("A", "cable", None),
        ("B", "cable", "00KINSHASA8034"),
        ("C", "cable", "98ROME504"),
        ("D", "cable", "98ROME2164"),
        ("E", "other", None),
    ]


def test_body_answers_after_the_ref_line_are_not_references() -> None:
    answers = " ".join(["THE EMBASSY KNOWS OF NO SUCH ACTS IN THE COUNTRY THIS YEAR."] * 3)
    text = f"REF: STATE 217248\n\nA.  {answers}\nB.  NONE.\nC.  N/A"
    assert _triples(text, "00KINSHASA8008", "2000-11-29") == [("", "cable", "00STATE217248")]


def test_year_rules() -> None:
    # A year written later than the citing cable's dates the citing cable (00ATHENS1501).
    text = "REF: 09 STATE 96625; A. STATE 70789"
    assert _triples(text, "00ATHENS1501", "2000-09-23") == [
        ("", "cable", "09STATE96625"),
        ("A", "cable", "09STATE70789"),
    ]
    # Its own station's lower serial is of its year whatever the wrapper's date.
    assert _triples("REF: BOGOTA 12512", "04BOGOTA12829", "2004-11-02") == [
        ("", "cable", "04BOGOTA12512")
    ]
