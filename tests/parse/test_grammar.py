"""The grammar's named pieces, on small cables written for these tests in the real format."""

from __future__ import annotations

import pytest

from cablebase.model import ClassificationLevel, RawCable, Source
from cablebase.parse import fields as F
from cablebase.parse import parse_cable
from cablebase.parse.header import parse_header
from cablebase.parse.preamble import read_preamble

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
        ("12958 DECL: 2021/07/04", "12958", "2021-07-04", None),
        ("12958; DECL: 3/04/05", "12958", "2005-03-04", None),
        ("11652:  N/ A", "11652", None, "N/A"),
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


@pytest.mark.parametrize(
    ("text", "who", "why"),
    [
        # a line wrap splits a word: of "REASONS", of the classifier's title
        (
            "POL COUNSELOR JOHN ROE FOR REASO \nNS 1.4 (B) AND (D) ",
            "POL COUNSELOR JOHN ROE",
            "1.4 (B) AND (D)",
        ),
        ("Consul Ann Roe. Reason s 1.4(b) and (d).", "Consul Ann Roe", "1.4(b) and (d)"),
        (
            "Ann Roe, Counselor for Public Affai\nrs, for Reasons 1.4 (b,d).",
            "Ann Roe, Counselor for Public Affairs",
            "1.4 (b,d)",
        ),
        ("CLASSIFIED BY POLOFF JOHN ROE, REASONS 1.5 B & D", "POLOFF JOHN ROE", "1.5 B & D"),
        ("DCM JOHN ROE FOR REASONS 1.4 (D \n) ", "DCM JOHN ROE", "1.4 (D)"),
        ("SECTION 1.5 (B) \nAND (D).", None, "1.5 (B) AND (D)"),
    ],
)
def test_classified_by(text: str, who: str | None, why: str) -> None:
    assert F.classified_by(text) == (who, why)


def _fields(body: str) -> dict[str, list[str]]:
    return read_preamble(body.split("\n")).fields


def test_classified_by_inside_paragraph_one_and_an_eo_glued_to_the_reason() -> None:
    in_text = _fields(
        "C O N F I D E N T I A L SECTION 01 OF 02 NOWHERE 000042\n\nE.O.:  12958:  DECL: 1/02/09\n"
        "TAGS: PREL, XX\nSUBJECT:  A SUBJECT\n\n1.  (U) CLASSIFIED BY CHARGE JOHN Q.\n"
        "ROE. REASONS 1.5 (B) AND (D).  NIACT BECAUSE OF A CRISIS.\n\n2.  (C) TEXT.\n"
    )
    assert in_text["eo"] == ["12958:  DECL: 1/02/09"]
    assert F.classified_by(in_text["classified_by"][0]) == ("CHARGE JOHN Q. ROE", "1.5 (B) AND (D)")
    glued = _fields(
        "CONFIDENTIAL NOWHERE 000042\n\nE.O. 12958: DECL: 01/02/2009\nTAGS: PREL\nSUBJECT: S\n\n"
        "CLASSIFIED BY: AMBASSADOR JOHN ROE, REASON\nE.O.12958 1.5 (B,D)\n\n1.  (C)  TEXT.\n"
    )
    assert glued["eo"] == ["12958: DECL: 01/02/2009"]
    assert F.classified_by(glued["classified_by"][0]) == ("AMBASSADOR JOHN ROE", "1.5 (B,D)")


def test_preamble_caveats_and_a_subject_across_a_page_break() -> None:
    body = (
        "UNCLASSIFIED LIMITED OFFICIAL USE SECTION 01 OF 02 NOWHERE 00042\n\nSIPDIS\n\n"
        "E.O. 12356:  N/A\nTAGS: PREL\nSUBJECT:  A SUBJECT THAT RUNS ON\n"
        "                   UNCLASSIFIED\n\n\n                   UNCLASSIFIED\n\n"
        "PAGE 02        NOWHERE  00042  01 OF 02  101335Z\nACROSS THE PAGE BREAK\n\n"
        "TERREP EXCLUSIVE\n\nSENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY\n\n1.  TEXT.\n"
    )
    pre = read_preamble(body.splitlines())
    assert pre.caveats == [
        "LIMITED OFFICIAL USE",
        "SIPDIS",
        "TERREP EXCLUSIVE",
        "SENSITIVE BUT UNCLASSIFIED",
    ]
    assert F.subject(pre.fields["subject"][0])[0] == "A SUBJECT THAT RUNS ON ACROSS THE PAGE BREAK"


def test_a_listing_row_after_a_cut_record_ends_the_preamble() -> None:
    fields = _fields(
        "S E C R E T NOWHERE 2077\n\nE. O. 11652: GDS\nTAGS: PFOR XX\nSUBJECT: A SUBJECT\n ...\n\n"
        "12345  2006-01-19  06ELSEWHERE131  Embassy Elsewhere  CONFIDENTIAL\n\nTAGS: PFOR XX\n\n"
        "Classified By: Someone Else, reasons 1.4 (b,d)\n\n1. (C) Other text.\n"
    )
    assert "classified_by" not in fields
    assert F.subject(fields["subject"][0]) == ("A SUBJECT", None)


def test_addressees_with_misspelt_precedence_delivery_notes_and_banners() -> None:
    header = parse_header(
        "P R 221828 Z MAY 73\nFM AMEMBASSY X\nTO SECSTATE WASHDC IMMEDAITE 0123\n"
        "INFO AMEMBASSY Y PRIOITY\nAMCONSUL Z POUCH)\n   UNCLASSIFIED\n\n"
        "PAGE 02        X  00042  01 OF 02  221830Z\nAMEMBASSY W\n\n"
        "LIMITED OFFICIAL USE X 00042\n\nE. O. 11652:  N/ A\nTAGS:   SPOP  IT"
    )
    assert (header.precedence, header.dtg) == ("PRIORITY", "221828Z MAY 73")
    assert [(r.name, r.precedence, r.serial) for r in header.to] == [
        ("SECSTATE WASHDC", "IMMEDIATE", "0123")
    ]
    assert [(r.name, r.precedence) for r in header.info] == [
        ("AMEMBASSY Y", "PRIORITY"),
        ("AMCONSUL Z", None),
        ("AMEMBASSY W", None),
    ]


def test_a_header_that_lost_its_line_breaks() -> None:
    header = parse_header(
        "INFO  LOG-00   EEB-00   AF-00   /001R  R 161417Z APR 09\nFM SECSTATE WASHDC\n"
        "TO AMEMBASSY ONE AMEMBASSY TWO AMCONSUL THREE INFO PAGE 02        STATE   012345  161435Z "
        "DIA WASHINGTON DC//DHI-1B//CIA WASHINGTON DC//NHTC// 0000AMEMBASSY FOUR"
    )
    assert (header.precedence, header.dtg) == ("ROUTINE", "161417Z APR 09")
    assert [r.name for r in header.to] == ["AMEMBASSY ONE", "AMEMBASSY TWO", "AMCONSUL THREE"]
    assert [(r.name, r.serial) for r in header.info] == [
        ("DIA WASHINGTON DC//DHI-1B//", None),
        ("CIA WASHINGTON DC//NHTC//", "0000"),
        ("AMEMBASSY FOUR", None),
    ]


def test_a_reftel_word_ending_a_wrapped_sentence_starts_no_ref_field() -> None:
    body = (
        "UNCLAS NOWHERE 000042\n\nE.O. 12958: N/A\nTAGS: PTER, XX\nSUBJECT: ANNUAL REPORT\n\n"
        "REF: STATE 123456\n\nTHE FOLLOWING ANSWERS ARE KEYED TO PARA 3 OF\nREFTEL:\n\n"
        "A.  NONE.\n\nB.  NONE.\n"
    )
    lines = body.split("\n")
    pre = read_preamble(lines)
    assert pre.fields["ref"] == ["STATE 123456"]
    assert lines[pre.message_start].startswith("THE FOLLOWING ANSWERS")


def test_a_mark_run_onto_the_number_and_a_page_marker_run_into_the_text() -> None:
    body = (
        "C O N F I D E N T I A L SECTION 01 OF 02 NOWHERE 000042\n\nSIPDIS\n\n"
        "E.O. 12958: DECL: 3/13/2018\n\nTAGS: PGOV XX\n\n"
        "CLASSIFIED BY: Jane Doe, CDA. REASON: 1.4 (b), (d)\n\n"
        "1.(C) Summary: A first point. End summary.\n\n"
        "2.(C) They had no objection to a NOWHERE 00000042 002 OF 002 visit by us.\n"
    )
    cable = parse_cable(_cable(body=body, reference_id="08NOWHERE42"))
    assert [(p.number, p.marking) for p in cable.paragraphs] == [("1", "C"), ("2", "C")]
    assert cable.paragraphs[1].text == "They had no objection to a visit by us."
    assert cable.summary == "A first point."
    assert "002 OF 002" not in (cable.body or "")


def test_a_page_marker_on_its_own_line_in_a_page_that_lost_its_other_breaks() -> None:
    filler = "The talks went on for hours and settled nothing of note. " * 20
    body = (
        "UNCLAS SECTION 01 OF 02 CAPE TOWN 000042 SIPDIS EO 12958 N/A TAGS PGOV, XX "
        "SUBJECT: A TEST SUBJECT 1. (U) " + filler + "It may lead to unrest and\n"
        "CAPE TOWN 00000042 002 OF 002\n\n2. (U) " + filler
    )
    cable = parse_cable(_cable(body=body, reference_id="09CAPETOWN42"))
    clean = cable.body or ""
    assert "00000042" not in clean and "CAPE\n" not in clean and "CAPE \n" not in clean
    assert "It may lead to unrest and \n\n2. (U)" in clean


def test_the_end_mark_of_a_quoted_letter_stays_with_the_letter() -> None:
    body = BODY.replace(
        "3. (C) Comment: Our view. End Comment.\nDOE\n",
        "3. (U) Begin text of the letter.\n\nYour Excellency, we meet next month.\n\n"
        "Yours sincerely,\nA. SENDER\n\nEND OF TEXT.\n\nDOE\n",
    )
    cable = parse_cable(_cable(body=body))
    assert cable.paragraphs[-1].text.endswith("Yours sincerely, A. SENDER\n\nEND OF TEXT.")
    assert cable.signers == ("DOE",)
    # with no quoted text opened, the same line is the message's own end mark
    plain = body.replace("Begin text of the letter.", "The letter was sent.")
    assert parse_cable(_cable(body=plain)).paragraphs[-1].text.endswith("A. SENDER")


def test_a_body_without_line_breaks_keeps_a_glued_label_in_the_clean_body() -> None:
    filler = "The talks went on for hours and settled nothing of note.  " * 20
    body = (
        "S E C R E T STATE 012345   NOFORN  E.O. 12958: DECL: 04/16/2034 TAGS: PINR ML "
        "UVSUBJECT: (S) A TEST SUBJECT  REF: 08 STATE 124337  ¶1. (S/NF) " + filler + "  CLINTON"
    )
    cable = parse_cable(_cable(body=body, reference_id="09STATE12345"))
    assert cable.tags == ("PINR", "ML", "UV") and cable.subject == "A TEST SUBJECT"
    assert "TAGS: PINR ML UVSUBJECT: (S) A TEST SUBJECT" in (cable.body or "")
    assert "¶" not in (cable.body or "") and cable.paragraphs[0].number == "1"


def test_a_numbered_paragraph_naming_the_website_is_a_paragraph() -> None:
    body = BODY.replace(
        "3. (C) Comment: Our view. End Comment.\nDOE\n",
        "3. (U) Visit Nowhere's Classified Website:\n(http://www.example.invalid/nowhere/)\nDOE\n",
    )
    cable = parse_cable(_cable(body=body))
    assert cable.paragraphs[-1].number == "3"
    assert cable.paragraphs[-1].text.startswith("Visit Nowhere's Classified Website:")
    assert cable.signers == ("DOE",)


def test_the_introduction_of_a_repeated_cable_opens_its_message() -> None:
    body = (
        "C O N F I D E N T I A L STATE 012345\n\n\n"
        "FOLLOWING NOWHERE 04258 DTD JULY 26, 1990 SENT ACTION\n"
        "STATE, INFO SOMEWHERE, BEING REPEATED\nFOR YOUR INFO:\n\nQUOTE:\n\n"
        "C O N F I D E N T I A L NOWHERE 04258\n\nE.O. 12356: DECL:OADR\nTAGS: PREL, XX\n"
        "SUBJECT: A TEST SUBJECT\n\n1.  THE PRESS WAS SILENT.\n\n2.  IT STAYS SO.\n\n"
        "DOE\nUNQUOTE\n\nROE\n"
    )
    cable = parse_cable(_cable(body=body, reference_id="90STATE12345"))
    assert [(p.number, p.text) for p in cable.paragraphs] == [
        (
            None,
            "FOLLOWING NOWHERE 04258 DTD JULY 26, 1990 SENT ACTION STATE, INFO SOMEWHERE, "
            "BEING REPEATED FOR YOUR INFO:",
        ),
        (None, "QUOTE:"),
        ("1", "THE PRESS WAS SILENT."),
        ("2", "IT STAYS SO."),
    ]
    assert cable.subject == "A TEST SUBJECT" and cable.signers == ("ROE",)
