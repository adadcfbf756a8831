"""Summaries and comments: where a marked section starts and where it stops."""

from __future__ import annotations

from cablebase.parse.sections import comment, summary


def _flat(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def test_a_numbered_comment_without_an_end_runs_over_the_blocks_of_its_paragraph() -> None:
    message = (
        "5.  THE PRESS PLAYED IT UP.\n\n6.  COMMENT:  NOTHING NEW WAS SAID.\n\n"
        "THE REAL TARGET WAS A GUERRILLA GROUP.\n\n7.  NEXT STEPS FOLLOW.\n"
    )
    assert _flat(comment(message)) == (
        "NOTHING NEW WAS SAID. THE REAL TARGET WAS A GUERRILLA GROUP."
    )


def test_an_inline_comment_without_an_end_stops_at_its_block() -> None:
    message = "The talks went well. Comment: a good start.\n\nThe rest is news.\n"
    assert _flat(comment(message)) == "a good start."


def test_continued_sections_lose_their_continued_label() -> None:
    message = (
        "1. (U) Summary: Growth rose.\n\n2. (U) Summary (continued):  Rates held.  End Summary.\n"
        "\n3. (C) COMMENT: ONE.\n\n4. (C) COMMENT (CONT.) TWO.  END COMMENT.\n"
    )
    assert _flat(summary(message)) == "Growth rose. Rates held."
    assert _flat(comment(message)) == "ONE. TWO."


def test_a_summary_under_a_heading_stops_at_an_underlined_title_over_a_paragraph() -> None:
    message = (
        "Summary\n-------\n1.  The factory is small.\n\nThe Province Is Poor\n"
        "--------------------\n2.  Incomes are low,\nand few tourists come.\n"
    )
    assert _flat(summary(message)) == "The factory is small."


def test_a_comment_heading_of_many_words_over_a_rule_opens_the_section_under_it() -> None:
    message = (
        "8. THE MILLS MAY CLOSE.\n\n- - - - - - - - - - - - -\n"
        "COMMENT AND POSSIBLE COURSES OF ACTION FOR THE MILLS\n- - - - - - - - - - - - -\n\n"
        "9. JOBS WILL BE LOST.\n"
    )
    assert _flat(comment(message)) == "JOBS WILL BE LOST."


def test_a_summary_continued_after_lines_with_trailing_blanks() -> None:
    message = (
        "1.  (C)  SUMMARY.  THE FIVE REMAIN IN PRISON. \n \n"
        "2.  (C)  (SUMMARY, CONTINUED)  A TEAM ARRIVED. \n \n3.  (C)  THE HISTORY. \n"
    )
    assert _flat(summary(message)) == "THE FIVE REMAIN IN PRISON. A TEAM ARRIVED."


def test_a_joint_summary_and_comment_closes_at_either_end_marker() -> None:
    message = (
        "1.  THE TALKS WENT ON.\n\n2.  SUMMARY AND COMMENT:  HE MAY BREAK AWAY.  END SUMMARY.\n\n"
        "3.  A DETAIL.\n\n4.  MORE COMMENT: WE DOUBT IT.\n\n5.  THE REST.\n"
    )
    assert _flat(summary(message)) == "HE MAY BREAK AWAY."
    assert _flat(comment(message)) == "HE MAY BREAK AWAY. WE DOUBT IT."
