"""Paragraphs of a message: where each ends, and what between them is no paragraph text."""

from __future__ import annotations

import pytest

from cablebase.parse.message import paragraphs


def _texts(message: str) -> dict[str | None, str]:
    return {p.number: p.text for p in paragraphs(message)}


@pytest.mark.parametrize(
    ("last_line", "between"),
    [
        # a title set between rules, in a cable written in capitals
        ("THE DELEGATION ON MONDAY.", "-------\nOUTLOOK\n-------\n"),
        # an underlined title in title case under a list line
        ("Deputy Minister, Other Officials", "Talks Move to the Capital\n----\n"),
        # a title after the 1980s stand-in for a blank line, "-"
        ("THE DELEGATION ON MONDAY.", "-\nTALKS MOVE TO THE CAPITAL\n---------\n"),
    ],
)
def test_a_title_right_under_a_paragraph_closes_it(last_line: str, between: str) -> None:
    message = "1. (C) Participants:\n" + last_line + "\n" + between + "\n2. (C) Next.\n"
    assert _texts(message)["1"] == "Participants: " + last_line


def test_a_title_glued_to_the_last_line_over_a_rule_is_cut_at_the_sentence() -> None:
    message = (
        "1. (C) Talks went on and on about\n\nthe border. TRADE: LITTLE NEW\n"
        "-------------\n\n2. (C) Trade was not raised.\n"
    )
    assert _texts(message)["1"] == "Talks went on and on about\n\nthe border."


def test_a_wrapped_line_over_a_rule_stays_in_the_paragraph() -> None:
    message = "1. (C) The budget grew by a third\nin the last two years.\n-------\n\n2. (C) Next.\n"
    assert _texts(message)["1"] == "The budget grew by a third in the last two years."


def test_a_sipdis_mark_inside_a_sentence_is_no_paragraph_text() -> None:
    message = "1. (C) The mayor thanked us,\n\nSIPDIS\ncalling the visit timely.\n"
    text = _texts(message)["1"]
    assert " ".join(text.split()) == "The mayor thanked us, calling the visit timely."


def test_a_question_closing_a_paragraph_is_not_taken_for_the_title_after_it() -> None:
    message = (
        '1. (C) He said it plainly.  Why vote at all?"  Comment -----  \n\n'
        "2. (C) He may be right.\n"
    )
    assert _texts(message)["1"] == 'He said it plainly.  Why vote at all?"'


def test_numbers_inside_a_lettered_list_are_its_sub_items() -> None:
    message = (
        "THE ANSWERS FOLLOW:\n\nA.  NONE.\n\nB.  NONE.\n\n1.  N/A.\n\n2.  NONE KNOWN.\n\n"
        "C.  NONE.\n"
    )
    found = paragraphs(message)
    assert [p.number for p in found] == [None] * 6
    assert [p.text for p in found][3:5] == ["1.  N/A.", "2.  NONE KNOWN."]


def test_numbers_after_a_lettered_list_that_ended_are_paragraphs() -> None:
    message = "A.  NONE.\n\nB.  NONE.\n\n1.  THE REST.\n\n2.  MORE.\n"
    assert [p.number for p in paragraphs(message)] == [None, None, "1", "2"]


def test_a_portion_mark_after_the_summary_word_marks_the_paragraph() -> None:
    (found,) = paragraphs("1. SUMMARY.  (U)  THE TALKS WENT WELL.  END SUMMARY.\n")
    assert found.marking == "U"
    assert found.text == "SUMMARY.  THE TALKS WENT WELL.  END SUMMARY."


def test_short_blocks_closing_the_last_paragraph_are_its_text() -> None:
    # The last entries of a list of names: no paragraph follows for them to title.
    message = (
        "1. (U) The list follows.\n\n2. (U) Names:\n\nA. Minister of Health:\n\n"
        "DATO HAJI NOBODY\n\nADDRESSED AS: DATO NOBODY\n\nGP-3\n"
    )
    assert _texts(message)["2"] == (
        "Names:\n\nA. Minister of Health:\n\nDATO HAJI NOBODY\n\nADDRESSED AS: DATO NOBODY"
    )
    # before the next number, such a block still titles what follows
    message = "1. (U) The list follows.\n\nTHE NEXT PART\n\n2. (U) Names.\n"
    assert _texts(message)["1"] == "The list follows."


def test_a_begin_marker_before_paragraph_one_is_message_text_not_a_title() -> None:
    message = (
        "COUNTRY TEAM MESSAGE\n\nBEGIN SUMMARY\n\nTHE MINISTER ASKS FOR MORE.  END SUMMARY\n\n"
        "REVIEW OF THE REQUEST\n\n1. ON FEB 24 THE MINISTER CALLED.\n"
    )
    # (the two titles are no paragraphs; the marker is)
    assert [p.text for p in paragraphs(message) if p.number is None] == [
        "BEGIN SUMMARY",
        "THE MINISTER ASKS FOR MORE.  END SUMMARY",
    ]


def test_a_dashed_list_item_closing_a_paragraph_is_no_title() -> None:
    message = (
        "1. (U) The first board:\n\n-- A. Doe, former Secretary*\n-- B. Roe, economist\n\n"
        "-- KM Poe, JNU professor, Central Asia expert*\n-- Dan Moe, scientist*\n\n"
        "-- IRAN --\n\n2. (U) The second board.\n"
    )
    assert _texts(message)["1"].endswith(
        "-- KM Poe, JNU professor, Central Asia expert* -- Dan Moe, scientist*"
    )


def test_numbers_inside_a_quoted_text_are_its_own_items() -> None:
    message = (
        "1. Mission has updated the text.\n\n2.  Begin updated text:\n\nCOUNTRY\n\n"
        "1.  a) Claimant A\n    b) 1995\n\n2. a) Claimant B\n\n3. a) Claimant C\n\n"
        "End updated text.\n\n3. Please confirm receipt.\n"
    )
    assert [p.number for p in paragraphs(message)] == ["1", "2", "3"]
    texts = _texts(message)
    assert "a) Claimant C" in texts["2"] and texts["2"].endswith("End updated text.")


def test_words_before_a_heading_glued_onto_the_last_line_stay() -> None:
    message = (
        "1. (S) Begin points:  -- We thank you.  -- Please reply soon.  END POINTS  "
        "--------------- REPORTING REQUIREMENT ---------------\n\n2. (U) Report back.\n"
    )
    assert (
        _texts(message)["1"] == "Begin points:  -- We thank you.  -- Please reply soon.  END POINTS"
    )
    message = "1. (S) Please reply soon.  ------- EXPORTS TO IRAN -------\n\n2. (U) Next.\n"
    assert _texts(message)["1"] == "Please reply soon."
