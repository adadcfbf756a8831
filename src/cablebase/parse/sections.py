"""Marked sections of a message: the summary and the comments."""

from __future__ import annotations

import functools
import re

from cablebase.parse.message import BLOCK_BREAK, drop_headings, is_heading, reflow

# "1. (C) Summary:", "SUMMARY AND COMMENT:", "BEGIN SUMMARY", "Comment:" after a sentence.
_MARKER = {
    # "SUMMARY AND COMMENT", "Summary and Recommendation", "SUMMARY AND INTRODUCTION"
    "SUMMARY": re.compile(r"(?:BEGIN\s+)?SUMMARY(?:\s+AND\s+[A-Z]+)?", re.IGNORECASE),
    # "COMMENT AND ANALYSIS", "Comment and Recommendation", "COMMENT CONTINUED", "(CONT'D)"
    "COMMENT": re.compile(
        r"(?:BEGIN\s+|Begin\s+)?(?:COMMENTS?|Comments?)\b"
        r"(?:\s+(?:AND|and)\s+[A-Za-z]+(?:\s+[A-Za-z]+)?\b|\s+(?:CONTINUED\b|Continued\b|\(CONT'D\)|CONT'D))?"
    ),
}
_END = {
    "SUMMARY": re.compile(r"END\s+(?:OF\s+)?SUMMARY\b\s*[.:]?\s*\)?", re.IGNORECASE),
    # "END EMBASSY HARARE COMMENT." closes "EMBASSY HARARE COMMENT:"
    "COMMENT": re.compile(
        r"END\s+(?:OF\s+)?(?:[A-Z]+\s+){0,3}?COMMENTS?\b\s*[.:]?\s*\)?", re.IGNORECASE
    ),
}
# What may stand before the marker on its line: a paragraph number and portion mark.
# "(C) 1. Summary:" (03RANGOON773) puts the mark before the number; "(c)" occurs too.
# "//COMMENT//" and "------- Comment -------" set the marker between slashes or rules.
_LEAD = re.compile(
    r"^[ \t]*¶?[ \t]*(?:\([A-Za-z/ ]{1,10}\)\s*)?(?:\d{1,3}\s*[.)]\s*)?"
    r"(?:\([A-Za-z/ ]{1,10}\)\s*)?(?://|-{3,}[ \t]*)?$"
)
# "EMBASSY HARARE COMMENT:", "MORE COMMENT:", "SUMMARY AND COMMENT:": words before a comment.
_COMMENT_LEAD_WORDS = re.compile(
    r"^[ \t]*(?:\d{1,3}\s*[.)]\s*)?(?:\([A-Za-z/ ]{1,10}\)\s*)?(?:[A-Z][A-Z.]*[ \t]+){1,3}$"
)
# What must follow it: a colon, a full stop, a dash, or a heading underline / line end.
_SEPARATOR = re.compile(
    r"(?:[ \t]*//[ \t]*|[ \t]*-{3,}(?:[ \t]+-+)*[ \t]*|[ \t]*[:.]|[ \t]+-{1,2}[ \t]"
    r"|[ \t]*\n(?:[ \t]*[-=_*]{3,}(?:[ \t]+[-=_*]+)*[ \t]*\n)?)\s*"
)
_OTHER = {"SUMMARY": "COMMENT", "COMMENT": "SUMMARY"}
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# The blank line after a section's end, which may leave blanks at its last line's end.
_BREAK_AFTER = re.compile(r"[ \t]*\n[ \t]*\n")
_LONGEST_SECTION = 8000


def summary(text: str) -> str | None:
    found = _marked_sections(text, "SUMMARY", first_only=True)
    return found[0] if found else None


def comment(text: str) -> str | None:
    found = _marked_sections(text, "COMMENT", first_only=False)
    return "\n\n".join(found) if found else None


# The summary and the comments are looked for in the same message, one after the other.
@functools.lru_cache(maxsize=1)
def _upper(text: str) -> str:
    return text.upper()


def _marked_sections(text: str, word: str, *, first_only: bool) -> list[str]:
    """Texts between ``WORD:`` and ``END WORD`` (or the end of that paragraph)."""
    upper = _upper(text)
    out: list[str] = []
    pos = upper.find(word)
    while pos >= 0:
        m = _MARKER[word].match(text, _marker_start(upper, pos))
        found = m is not None and m.end() >= pos + len(word)
        next_pos = pos + len(word)
        if m is not None and found:
            line_start = text.rfind("\n", 0, m.start()) + 1
            lead = text[line_start : m.start()]
            # inline: "... talks. Comment: ...", "(COMMENT: ... END COMMENT)", and headings
            # the export ran onto the paragraph: "... standoff. ------- Comment -------"
            after_sentence = word == "COMMENT" and (
                lead.rstrip().endswith((".", ")", "(", '"'))
                or bool(_RULE_AFTER_SENTENCE.search(lead))
            )
            sep = _SEPARATOR.match(text, m.end())
            if sep is None and not lead.strip():
                # "COMMENT AND POSSIBLE COURSES OF ACTION FOR DOMINICAN TEXTILES" over a rule
                # (04SANTODOMINGO5757): a heading of more words, whose section is under it
                sep = _UNDERLINED_REST.match(text, m.end())
            led_by_words = (
                word == "COMMENT"
                and bool(_COMMENT_LEAD_WORDS.match(lead))
                and text[m.end() : m.end() + 2].lstrip(" \t")[:1] == ":"
            )
            if sep is not None and (after_sentence or led_by_words or _LEAD.match(lead)):
                start = sep.end()
                heading = "\n" in text[m.end() : start] or "---" in text[m.end() : start]
                if (titled := _TITLE_OVER_RULE.match(text, start)) is not None:
                    # "Comment: First Step Towards a Two Party System?" over a rule: a
                    # heading whose section is the text under it.
                    start, heading = titled.end(), True
                numbered = lead[:1] in _LEAD_FIRST_OR_BLANK and bool(_NUMBER_IN_LEAD.search(lead))
                # "SUMMARY AND COMMENT: ... END SUMMARY." names both: either end closes it
                joint = not after_sentence and _OTHER[word] in upper[line_start : m.end()]
                stop, next_pos = _section_end(
                    text, upper, word, start, heading=heading, numbered=numbered, joint=joint
                )
                if lead.rstrip().endswith("(") and upper.find("END", start, stop) < 0:
                    # "(COMMENT: ...)" without an end marker closes with its parenthesis
                    stop = _closing_parenthesis(text, start, stop)
                body = _without_administrative(
                    _without_paragraph_leads(reflow(drop_headings(text[start:stop])))
                )
                if body and body.strip("-= "):
                    out.append(body)
                    if first_only:
                        break
        pos = upper.find(word, max(next_pos, pos + len(word)))
    return out


def _marker_start(upper: str, pos: int) -> int:
    # "BEGIN SUMMARY": the marker starts at BEGIN when it stands right before the word.
    window = max(0, pos - 8)
    before = upper[window:pos].rstrip()
    return window + before.rfind("BEGIN") if before.endswith("BEGIN") else pos


# Paragraph numbers and portion marks inside a summary or comment are not its text.
_PARAGRAPH_LEAD = re.compile(r"¶?\d{1,3}\s*[.)]\s*(?:\([A-Z/ -]{1,12}\)\s*)?|\([A-Z/]{1,8}\)\s*")


def _without_paragraph_leads(text: str) -> str:
    """Each block of a summary or comment without its paragraph number and portion mark."""
    blocks = text.split("\n\n")
    for i, block in enumerate(blocks):
        if block[:1] in _LEAD_FIRST and (m := _PARAGRAPH_LEAD.match(block)):
            block = block[m.end() :]
        if i and (c := _CONTINUED.match(block)):
            block = block[c.end() :]  # "Summary contd.:", "(SUMMARY, CONTINUED)"
        blocks[i] = block
    return "\n\n".join(blocks)


# ("Summary (continued):", 07KUALALUMPUR1403, sets the word in parentheses)
_CONTINUED = re.compile(
    r"\(?(?:(?:SUMMARY|COMMENT)S?,?\s+)?\(?(?:CONTINUED|CONTD\.?|CONT'D|CONT\.)\)?\s*[:.]?\s*",
    re.IGNORECASE,
)


_LEAD_FIRST = frozenset("¶0123456789(")


_UNDERLINED_REST = re.compile(r"[ \t][^\n:.]{0,80}\n[ \t]*(?:[-=_*][ \t]?){3,}[^\n]*\n\s*")
_TITLE_OVER_RULE = re.compile(r"[^\n]{0,100}\n[ \t]*[-=_*]{3,}[^\n]*\n\s*")


_PARENTHESIS = re.compile(r"[()]")


def _closing_parenthesis(text: str, start: int, stop: int) -> int:
    depth = 0
    # (the parentheses found by a scan: a loop over every character took ~0.2 ms a section)
    for m in _PARENTHESIS.finditer(text, start, stop):
        if m.group() == "(":
            depth += 1
        elif depth == 0:
            return m.start()
        else:
            depth -= 1
    return stop


def _section_end(
    text: str,
    upper: str,
    word: str,
    start: int,
    *,
    heading: bool = False,
    numbered: bool = False,
    joint: bool = False,
) -> tuple[int, int]:
    """Where the section stops and where to look on from.

    It stops at END WORD; failing that, a section under a heading ("COMMENT" over a rule)
    runs to the next heading or the end, one that opens a numbered paragraph ("6.  COMMENT:")
    to the end of that paragraph, unnumbered blocks included (86KAMPALA745), and an inline
    one to the end of its block.
    """
    end = upper.find("END", start, start + _LONGEST_SECTION)
    while end >= 0:
        m = _END[word].match(text, end)
        if m is None and joint:
            m = _END[_OTHER[word]].match(text, end)
        if m is not None:
            cut = end
            while cut > start and text[cut - 1] in " \t(":
                cut -= 1
            return cut, m.end()
        end = upper.find("END", end + 3, start + _LONGEST_SECTION)
    if heading:
        stop = _next_heading(text, start)
        return stop, stop
    stop = _numbered_end(text, start) if numbered else _paragraph_end(text, start)
    # "2. (C) (SUMMARY, CONTINUED)": the next paragraph says it carries the section on
    while stop < len(text) and (nxt := _BREAK_AFTER.match(text, stop)) is not None:
        head = text[nxt.end() : nxt.end() + 60]
        lead = _PARAGRAPH_LEAD.match(head)
        body = head[lead.end() :] if lead else head
        if not (_CONTINUED.match(body) and word in body.upper()):
            break
        stop = _numbered_end(text, nxt.end()) if numbered else _paragraph_end(text, nxt.end())
    return stop, stop


def _numbered_end(text: str, start: int) -> int:
    """The end of the numbered paragraph holding ``start``, before the blank line after it."""
    stop = _next_heading(text, start, numbered=True)
    while stop > start and text[stop - 1] in " \t\n":
        stop -= 1
    return stop


_RULE_AFTER_SENTENCE = re.compile(r"[.)\"'][ \t]+-{3,}[ \t]*$")


def _without_administrative(text: str) -> str:
    """A section without the administrative paragraphs that close it ("Drafted by ...")."""
    blocks = text.split("\n\n")
    while len(blocks) > 1 and _ADMINISTRATIVE.match(blocks[-1]):
        blocks.pop()
    return "\n\n".join(blocks)


def _paragraph_end(text: str, start: int) -> int:
    blank = _BLANK_LINE.search(text, start)
    return blank.start() if blank is not None else len(text)


# Administrative closing paragraphs are no part of a comment that runs to the end.
_ADMINISTRATIVE = re.compile(
    r"^\s*(?:\d{1,3}\s*[.)]\s*)?(?:\([A-Z/]{1,8}\)\s*)?(?:[A-Z][A-Za-z ]{0,40}MINIMIZE CONSIDERED"
    r"|DRAFTED BY|CLEARED BY|.{0,80}\bDID NOT HAVE AN OPPORTUNITY TO CLEAR"
    r"|.{0,80}(?:SIPRNET|CLASSIFIED WEB ?SITE))",
    re.IGNORECASE,
)


def _opens_with_heading(block: str) -> bool:
    """A block that opens with an underlined title, the next paragraph right under the rule
    ("Quang Nam - One of the Poorest Provinces / ------ / 2.  Located ...", 03HOCHIMINHCITY605)."""
    first_end = block.find("\n", 1)
    if first_end < 0 or "-" not in block[first_end : first_end + 4]:
        return False
    rule_end = block.find("\n", first_end + 1)
    if rule_end < 0:
        return False
    return is_heading(block[:rule_end]) and bool(_NUMBERED_LINE.match(block, rule_end + 1))


# A paragraph number opening a block ("7.", "(C) 7.", "¶7."), or a portion mark alone.
_NUMBERED_BLOCK = re.compile(
    r"[ \t]*(?:\(?[A-Z/]{1,8}\)[ \t]*)?¶?[ \t]*\d{1,3}[ \t]*[.)]|[ \t]*\([A-Z/]{1,8}\)"
)
_NUMBER_IN_LEAD = re.compile(r"\d[ \t]*[.)]")
_LEAD_FIRST_OR_BLANK = frozenset(" \t¶0123456789(")
_NUMBERED_LINE = re.compile(r"[ \t]*\d{1,3}[ \t]*[.)]")


def _next_heading(text: str, start: int, *, numbered: bool = False) -> int:
    """Where a section under a heading ends: the next heading, an administrative closing
    paragraph ("Drafted by ...", "... minimize considered."), or the end of the text; with
    ``numbered``, also the next numbered paragraph."""
    block_start = start
    for brk in (*BLOCK_BREAK.finditer(text, start), None):
        block_end = brk.start() if brk else len(text)
        block = text[block_start:block_end]
        if block_start > start and (
            is_heading(block)
            or _ADMINISTRATIVE.match(block)
            or _opens_with_heading(block)
            or (numbered and _NUMBERED_BLOCK.match(block) is not None)
        ):
            return block_start
        if brk is None:
            break
        block_start = brk.end()
    return len(text)
