"""Release lists in portion marks and numbers run onto their first word, on a cable written
for these tests in the format of a 2010 State Department instruction."""

from __future__ import annotations

import pytest

from cablebase.model import RawCable, Source
from cablebase.parse import parse_cable
from cablebase.parse.fields import PORTION_MARK
from cablebase.parse.message import paragraphs

BODY = """S E C R E T STATE 000777

SIPDIS

E.O. 12958: DECL: 02/01/2020
TAGS: PREL, PARM, XX
SUBJECT: (S) A DEMARCHE ON EXPORTS

1. (U) This is an action request.

2. (S) Background of the request.

3. (S//REL NOWHERE) Begin points:

-- We ask for your help.

4.(C/REL TO USA, NOWHERE) Post may share these points.

5.Request a reply by March 1.  Point of contact is the desk.
"""


def _cable() -> RawCable:
    meta = {"reference_id": "10STATE777", "created": "2/1/2010 12:00"}
    return RawCable(Source("text", "test"), "", BODY, BODY, meta)


def test_release_lists_are_part_of_the_paragraph_marks() -> None:
    cable = parse_cable(_cable())
    got = [(p.number, p.marking) for p in cable.paragraphs]
    assert got == [
        ("1", "U"),
        ("2", "S"),
        ("3", "S//REL NOWHERE"),
        ("4", "C/REL TO USA, NOWHERE"),
        ("5", None),
    ]
    assert cable.paragraphs[2].text == "Begin points:\n\n-- We ask for your help."
    assert cable.paragraphs[3].text == "Post may share these points."


def test_a_number_run_onto_its_first_word_starts_the_next_paragraph() -> None:
    cable = parse_cable(_cable())
    assert cable.paragraphs[-1].text == "Request a reply by March 1.  Point of contact is the desk."


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("(S//REL NOWHERE) text", "S//REL NOWHERE"),
        ("(S/REL TO USA, FVEY) text", "S/REL TO USA, FVEY"),
        ("(C//REL AUSTRALIA AND NOWHERE) text", "C//REL AUSTRALIA AND NOWHERE"),
        ("(S/NF) text", "S/NF"),
        ("(C - ENTIRE TEXT) text", None),  # a note on the whole text, no portion mark
        ("(S//RELIDO) text", "S//RELIDO"),
    ],
)
def test_portion_marks_with_release_lists(text: str, mark: str | None) -> None:
    m = PORTION_MARK.match(text)
    assert (m.group("mark") if m else None) == mark


@pytest.mark.parametrize(
    "message",
    [
        # a decimal at a line start is no number run onto a word
        "1. First paragraph costs\n2.5 million.",
        # not after a blank line
        "1. First paragraph ends.\n2.Second line of it.",
        # not the next number
        "1. First paragraph.\n\n5.Five is no paragraph here.",
        # a lower-case word after the number
        "1. First paragraph.\n\n2.and so on.",
    ],
)
def test_run_on_numbers_need_the_next_number_a_blank_line_and_a_capital(message: str) -> None:
    assert [p.number for p in paragraphs(message)] == ["1"]
