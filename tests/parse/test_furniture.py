"""Page furniture and the headers that later sections repeat, on text written for the tests."""

from __future__ import annotations

from cablebase.parse import furniture as FU

PARTIAL = """C O N F I D E N T I A L SECTION 01 OF 02 NOWHERE 001234

SIPDIS

E.O. 12958: DECL: 08/13/2012
TAGS: PREL, XX
SUBJECT: A TEST SUBJECT

1.  (C) FIRST PARAGRAPH ENDS HERE.

                           CONFIDENTIAL     PTQ0001

PAGE 01        NOWHER  01234  02 OF 02  131618Z
ACTION EUR-00

INFO  LOG-00   NP-00    AMAD-00
      PERC-00  DS-00    /002W
                  ------------------D89D44  131619Z /38
R 131613Z AUG 02
FM AMEMBASSY NOWHERE
TO SECSTATE WASHDC
INFO EUROPEAN POLITICAL COLLECTIVE

C O N F I D E N T I A L SECTION 02 OF 02 NOWHERE 001234

SIPDIS

DEPT FOR EUR/WE

E.O. 12958: DECL: 08/13/2012
TAGS: PREL, XX
SUBJECT: A TEST SUBJECT

2.  (C) SECOND PARAGRAPH.
"""


def test_a_repeated_section_header_is_furniture() -> None:
    clean = FU.clean(PARTIAL, FU.furniture(PARTIAL))
    assert clean.startswith("C O N F I D E N T I A L SECTION 01 OF 02")
    assert clean.count("SUBJECT:") == 1 and clean.count("E.O.") == 1
    for gone in ("PTQ0001", "PAGE 01", "LOG-00", "131613Z", "FM AMEMBASSY", "SECTION 02"):
        assert gone not in clean, gone
    assert "FIRST PARAGRAPH ENDS HERE.\n\n2.  (C) SECOND PARAGRAPH." in clean


def test_text_above_a_later_section_stays_when_no_header_precedes_it() -> None:
    text = (
        "UNCLAS SECTION 01 OF 02 NOWHERE 000001\n\n1. THE FIRST PART\nGOES ON\n\n"
        "UNCLAS SECTION 02 OF 02 NOWHERE 000001\n\nAND ENDS HERE.\n"
    )
    clean = FU.clean(text, FU.furniture(text))
    assert "THE FIRST PART\nGOES ON" in clean
    assert "SECTION 02" not in clean
    assert clean.rstrip().endswith("AND ENDS HERE.")


def test_the_banner_that_section_one_prints_twice_keeps_the_preamble_under_it() -> None:
    # "SECTION 01 OF 04" is no later section, even though "01" has two digits.
    text = (
        "UNCLASSIFIED LIMITED OFFICIAL USE SECTION 01 OF 02 NOWHERE 00082\n\nSIPDIS\n\n"
        "AMEMBASSY SOMEWHERE\nUSMISSION ELSEWHERE\n\n"
        "LIMITED OFFICIAL USE SECTION 01 OF 02 NOWHERE 000082\n\n"
        "E.O. 12356:  N/A\nTAGS: PREL, XX\nSUBJECT:  A TEST SUBJECT\n\n"
        "1.  FIRST PARAGRAPH.\n"
    )
    clean = FU.clean(text, FU.furniture(text))
    assert "LIMITED OFFICIAL USE SECTION 01 OF 02 NOWHERE 000082" not in clean
    for kept in ("E.O. 12356", "TAGS: PREL, XX", "SUBJECT:  A TEST SUBJECT", "1.  FIRST"):
        assert kept in clean, kept


def test_a_repeated_subject_that_wraps_over_a_page_break_goes_whole() -> None:
    section_2 = PARTIAL.replace(
        "SUBJECT: A TEST SUBJECT\n\n2.",
        "SUBJECT: A TEST SUBJECT THAT\n                       CONFIDENTIAL\n\n"
        "                           CONFIDENTIAL\n\n"
        "PAGE 02        NOWHER  01234  02 OF 02  131618Z\nWRAPS ONTO THE NEXT PAGE\n\n2.",
    )
    clean = FU.clean(section_2, FU.furniture(section_2))
    assert "WRAPS ONTO THE NEXT PAGE" not in clean
    assert "FIRST PARAGRAPH ENDS HERE.\n\n2.  (C) SECOND PARAGRAPH." in clean


def test_the_plusd_end_mark_closing_the_text_is_furniture() -> None:
    text = "LIMITED OFFICIAL USE NOWHERE 2959\n\n1. THE TEXT ENDS HERE.\nDOE\n\n\nNNN\n"
    assert FU.clean(text, FU.furniture(text)).endswith("THE TEXT ENDS HERE.\nDOE")
    assert FU.clean(text.rstrip(), FU.furniture(text.rstrip())).endswith("DOE")


def test_the_closing_lines_of_a_plusd_page_are_furniture() -> None:
    text = (
        "LIMITED OFFICIAL USE STATE 012345\n\nSUBJECT:   A TEST\n\n"
        "1.   PLEASE INFORM THE VISITOR.    DOE\n\n\nLIMITED OFFICIAL USE\nNMAFVVZCZ\n\n\n"
        "*** Current Handling Restrictions ***   n/a\n"
        "***  Current Classification ***   LIMITED OFFICIAL USE\n"
    )
    assert FU.clean(text, FU.furniture(text)).endswith("PLEASE INFORM THE VISITOR.    DOE")
    # the same words inside the message are text
    text = "UNCLAS NOWHERE 000001\n\n1. THE WORD VZCZ STAYS.\n\n*** A STARRED LINE ***\n"
    assert FU.clean(text, FU.furniture(text)) == text.rstrip()
