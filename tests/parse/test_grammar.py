"""The grammar's named pieces, on small cables written for these tests in the real format."""

from __future__ import annotations

import pytest

from cablebase.model import ClassificationLevel, RawCable, Source
from cablebase.parse import fields as F
from cablebase.parse import parse_cable
from cablebase.parse.header import parse_header

HEADER = """VZCZCXRO1111
PP RUEHAA RUEHBB
DE RUEHZZ #0042/01 0101200
ZNY CCCCC ZZH
P 101200Z JAN 09
FM AMEMBASSY NOWHERE
TO RUEHC/SECSTATE WASHDC PRIORITY 0123
INFO RUEHBB/AMEMBASSY SOMEWHERE 0007
RHMFISS/CDR USCENTCOM MACDILL AFB FL
XMT AMCONSUL ELSEWHERE"""

BODY = """C O N F I D E N T I A L SECTION 01 OF 02 NOWHERE 000042

SIPDIS
NOFORN

DEPT FOR XYZ/ABC

E.O. 12958: DECL: 01/09/2019
TAGS: PREL, PGOV, OVIP (SMITH, JOHN), XX
SUBJECT: (C) A SUBJECT THAT WRAPS
ONTO A SECOND LINE

REF: A. STATE 1234
     B. 08 MEXICO 41

Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d).

1. (C) Summary: The first point.  End Summary.

NOWHERE 00000042 002 OF 002

2. (SBU) A second paragraph that
wraps.

3. (C) Comment: Our view. End Comment.
DOE
"""


def _cable(header: str = HEADER, body: str = BODY, **meta: str) -> RawCable:
    return RawCable(Source("text", "test"), header, body, header + "\n\n" + body, meta)


def test_a_whole_cable() -> None:
    cable = parse_cable(_cable(reference_id="09NOWHERE42", classification="CONFIDENTIAL//NOFORN"))
    assert cable.reference_id == "09NOWHERE42"
    assert cable.transmission_id == "VZCZCXRO1111"
    assert cable.precedence == "PRIORITY"
    assert cable.dtg == "101200Z JAN 09"
    assert cable.created == "2009-01-10T12:00"
    assert [r.name for r in cable.from_] == ["AMEMBASSY NOWHERE"]
    to = cable.to[0]
    assert (to.route, to.name, to.precedence, to.serial) == (
        "RUEHC",
        "SECSTATE WASHDC",
        "PRIORITY",
        "0123",
    )
    assert [(r.route, r.name, r.serial, r.excluded) for r in cable.info] == [
        ("RUEHBB", "AMEMBASSY SOMEWHERE", "0007", False),
        ("RHMFISS", "CDR USCENTCOM MACDILL AFB FL", None, False),
        (None, "AMCONSUL ELSEWHERE", None, True),
    ]
    assert cable.classification_level is ClassificationLevel.CONFIDENTIAL
    assert cable.caveats == ("NOFORN", "SIPDIS")
    assert cable.sections == 2
    assert cable.executive_order == "12958"
    assert cable.declassify_on == "2019-01-09"
    assert cable.tags == ("PREL", "PGOV", "OVIP (SMITH, JOHN)", "XX")
    assert cable.subject == "A SUBJECT THAT WRAPS ONTO A SECOND LINE"
    assert cable.subject_marking == "C"
    assert [r.reference_id for r in cable.references] == ["09STATE1234", "08MEXICO41"]
    assert cable.classified_by == "Ambassador Jane Q. Doe"
    assert cable.classification_reasons == "1.4 (b) and (d)"
    assert cable.summary == "The first point."
    assert cable.comment == "Our view."
    assert cable.signers == ("DOE",)
    assert [(p.number, p.marking) for p in cable.paragraphs] == [
        ("1", "C"),
        ("2", "SBU"),
        ("3", "C"),
    ]
    assert cable.paragraphs[1].text == "A second paragraph that wraps."
    assert "002 OF 002" not in cable.body and "DEPT FOR XYZ/ABC" in cable.body


def test_the_wrapper_wins_and_the_text_fills_in() -> None:
    cable = parse_cable(_cable(body=BODY.replace("SUBJECT", "SUBJ"), origin="Embassy Nowhere"))
    assert cable.origin == "Embassy Nowhere"
    assert cable.reference_id == "09NOWHERE42"  # from the banner and the DTG year
    assert cable.classification == "CONFIDENTIAL"  # from the banner when unpublished


def test_a_distrusted_time_is_restored_only_from_the_same_day() -> None:
    same_day = parse_cable(_cable(created="2009-01-10 12:00", minutes_bug="yes"))
    other_day = parse_cable(_cable(created="2009-01-11 13:01", minutes_bug="yes"))
    assert same_day.created == "2009-01-10T12:00"
    assert other_day.created == "2009-01-11"


@pytest.mark.parametrize(
    ("text", "number", "on", "note"),
    [
        ("12958: DECL: 03/23/2013", "12958", "2013-03-23", None),
        ("12958: N/A", "12958", None, "N/A"),
        ("12356: DECL:OADR", "12356", None, "OADR"),
        (
            "12958: DECL: DECLASSIFIED BY NARA 09/02/2009",
            "12958",
            None,
            "DECLASSIFIED BY NARA 09/02/2009",
        ),
        ("11652: GDS", "11652", None, "GDS"),
    ],
)
def test_executive_order_lines(text: str, number: str, on: str | None, note: str | None) -> None:
    eo = F.executive_order(text)
    assert (eo.number, eo.declassify_on, eo.note) == (number, on, note)


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("PTER ASEC PGOV MX", ["PTER", "ASEC", "PGOV", "MX"]),
        ("EFIS, PBTS, AR", ["EFIS", "PBTS", "AR"]),
        ("PGOV, PREL, PGOV, HR", ["PGOV", "PREL", "HR"]),
        (
            "PREL PGOV OVIP (RICE, CONDOLEEZZA) IS",
            ["PREL", "PGOV", "OVIP (RICE, CONDOLEEZZA)", "IS"],
        ),
        ("PHUM, AM, UNUS,\nDOMESTIC POLITICS", ["PHUM", "AM", "UNUS", "DOMESTIC POLITICS"]),
        ("PGOV, PHUM. SF", ["PGOV", "PHUM", "SF"]),
        ("prel, pgov", ["PREL", "PGOV"]),
    ],
)
def test_tags(text: str, tags: list[str]) -> None:
    assert F.tags(text) == tags


def test_routing_of_an_old_cable_without_indicators() -> None:
    header = parse_header(
        "P R 281848Z DEC 66\nFM AMEMBASSY X\nTO SECSTATE WASHDC PRIORITY\nINFO CINCLANT"
    )
    assert header.precedence == "PRIORITY"
    assert header.dtg_iso == "1966-12-28T18:48"
    assert [(r.name, r.precedence) for r in header.to] == [("SECSTATE WASHDC", "PRIORITY")]


def test_distribution_lists_are_not_addressees() -> None:
    header = parse_header(
        "ACTION EAP-00\n\nINFO  LOG-00   AID-00   CIAE-00\n      DODE-00  /012W\n"
        "FM AMCONSUL X\nTO SECSTATE WASHDC 6250\nINFO AMEMBASSY HANOI"
    )
    assert [r.name for r in header.info] == ["AMEMBASSY HANOI"]
