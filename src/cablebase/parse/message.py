"""The message itself: numbered paragraphs, and the headings and rules between them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cablebase.model import Paragraph
from cablebase.parse.fields import PORTION_MARK

# A numbered paragraph: "1. (C) text", "¶1. text" (PDF renderings), "12.(S)text".
_PARAGRAPH_NUMBER = re.compile(
    r"\n[ \t]*(?P<pilcrow>¶)?[ \t]*(?P<num>\d{1,3})[ \t]*[.)](?P<gap>[ \t]*)"
    # (no IGNORECASE: it would cost the fast scan for the leading newline; "(c)" is spelt out)
    r"(?P<mark>\((?:TS|S|C|U|SBU|LOU|FOUO|[A-Za-z]{1,4}/{1,2}"
    r"(?:REL(?:,?[ ][A-Za-z]{2,12})+|[A-Za-z]{2,8})|ts|s|c|u|sbu)\))?"
    r"(?=[ \t]*\S)",
)
BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
# A heading line between paragraphs: "--- IRAN ---", "//ETA ON THE WANE//", "REACHING OUT",
# or a rule of dashes; it belongs to no paragraph (it stays in the body).
_HEADING = re.compile(
    r"^[ \t]*(?:[-=_/*]{3,}[ \t]*|[-/* \t]*[A-Z][^.!?:;\n]{0,70}[^.!?:;,\s\n][-/* \t]*)$"
)
# "-- KM Doe, JNU professor, expert*": an item of a dashed list, which no dash closes, is
# no title set between dashes ("-- IRAN --").
_BULLET = re.compile(r"[ \t]*-{1,2}[ \t]+\S(?!.*(?:[ \t]-+|-{2,}|/{2,}|\*{2,}|[ \t]\*+)[ \t]*$)")
# "--------------------------------------------- -----": rules come in two pieces too.
# A lone "-" stands for a blank line in 1980s cables; it is no text either.
_RULE_LINE = re.compile(
    r"^[ \t]*(?:-|[-=_*]{3,}(?:[ \t]+[-=_*]{1,})*|(?:-[ \t]){3,}-?)[ \t]*$", re.MULTILINE
)
# The same lines found from their newline: a pattern with a literal first character is
# scanned fast, while "^" with MULTILINE is tried at every position (~10 us a paragraph).
_RULE_AFTER_NEWLINE = re.compile(
    r"\n" + _RULE_LINE.pattern.removeprefix("^").removesuffix("$") + r"(?=\n|\Z)"
)


def _without_rules(text: str) -> str:
    """``_RULE_LINE.sub("", text)``: each rule line emptied, its newline kept."""
    return _RULE_AFTER_NEWLINE.sub("\n", "\n" + text)[1:]


def paragraphs(message: str) -> list[Paragraph]:
    """Numbered paragraphs (``1. (C) text``) and the unnumbered blocks before them.

    A number starts a paragraph after a blank line, or anywhere at a line start when a
    pilcrow or a portion mark confirms it, and only if it follows the last number (a
    skipped number is a typo; a jump back is a list inside the paragraph). Headings and
    rule lines between paragraphs belong to none of them.
    """
    text = "\n" + message
    starts: list[tuple[int, int, str]] = []
    last = 0
    quote_end = 0
    for m in _numbered_lines(text):
        if m.start() < quote_end:
            continue  # an item of the quoted text, numbered on its own
        num, pilcrow, mark, gap = m.group("num", "pilcrow", "mark", "gap")
        number = int(num)
        if number == 1 and last and (end := _quoted_text_end(text, starts[-1][1], m.start())):
            quote_end = end
            continue
        repeated = number == last and _after_blank(text, m.start())
        if not (last == 0 or last < number <= last + 3 or repeated):
            continue  # (a number given twice, "6." after "6.", is two paragraphs: 92KHARTOUM2013)
        confirmed = (
            pilcrow
            or mark
            or number == last + 1  # the next number at a line start (no blank line needed)
            or _after_blank(text, m.start())
        )
        if not confirmed or (not gap and not mark and not _run_on_start(text, m, number, last)):
            continue
        starts.append((m.start(), m.end() - len(mark or ""), num))
        last = number
    if starts and _inside_lettered_list(text, starts[0][0], starts[-1][0]):
        starts = []
    out: list[Paragraph] = []
    lead = text[: starts[0][0]] if starts else text
    for block in _rejoined(BLOCK_BREAK.split(lead)):
        if is_heading(block) and not _BEGIN_MARKER.match(block):
            continue
        if _may_have_rule(block):
            block = _without_rules(block)
        if not block.strip():
            continue
        marking, body = _marking(_unwrap(block))
        if body or marking:
            out.append(Paragraph(number=None, marking=marking, text=body))
    for i, (_, body_start, label) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        last_one = i + 1 == len(starts)
        marking, body = _marking(
            reflow(drop_headings(text[body_start:stop], closing=not last_one)).lstrip("¶ ")
        )
        out.append(Paragraph(number=label, marking=marking, text=body))
    return out


# "BEGIN SUMMARY" on a line of its own opens a marked section, as "END SUMMARY" closes it:
# words of the message, as the end marker is, not a title.
_BEGIN_MARKER = re.compile(r"\s*BEGIN\s+(?:SUMMARY|COMMENT|TEXT)\W*$", re.IGNORECASE)
# "2.  Begin updated text: / 1. a) Claimant A ... / End updated text." (03OTTAWA1543)
# (the three spellings, not IGNORECASE: a case-blind pattern is tried at every position)
BEGIN_TEXT = re.compile(r"\b(?:BEGIN|Begin|begin)\s+(?:[A-Za-z]+\s+){0,3}?(?:TEXT|[Tt]ext)\b")
_END_TEXT = re.compile(r"\bEND\s+(?:OF\s+)?(?:[A-Z]+\s+){0,3}?TEXT\b", re.IGNORECASE)


def _quoted_text_end(text: str, paragraph: int, restart: int) -> int:
    """Where the quoted text ends, when the paragraph before a number that starts again
    at 1 opens one ("Begin text:"): its numbers are the quote's own, none a paragraph.
    0 when no quoted text is open there."""
    if (
        text.find("EGIN", paragraph, restart) < 0 and text.find("egin", paragraph, restart) < 0
    ) or BEGIN_TEXT.search(text, paragraph, restart) is None:
        return 0  # (the word looked for first: the pattern is tried at every position)
    end = _END_TEXT.search(text, restart)
    return end.start() if end is not None else len(text)


_DIGIT_LINE = re.compile(r"\n(?=[ \t¶]*\d)")
# "J.  NONE THAT WE KNOW OF." : an item of a lettered list at the start of a block.
_LETTERED_ITEM = re.compile(r"\n[ \t]*\n[ \t]*([A-Z])[.)][ \t]")


def _inside_lettered_list(text: str, first: int, last: int) -> bool:
    """Do the numbers stand inside a list of lettered items, so that they are its sub-items?

    Answers keyed to the questions of a reftel run "A. ... J. / 1. ... 2. / K. ..."
    (99KINSHASA7954): the numbers answer parts of J, and none of them is a paragraph.
    """
    before = [m.group(1) for m in _LETTERED_ITEM.finditer(text, 0, first + 1)]
    if len(before) < 2 or before[0] != "A":
        return False
    after = _LETTERED_ITEM.search(text, last)
    return after is not None and ord(after.group(1)) == ord(before[-1]) + 1


def _numbered_lines(text: str) -> Iterator[re.Match[str]]:
    """Matches of _PARAGRAPH_NUMBER at the lines that start with a digit (or a pilcrow).

    A newline followed by a digit is found by a pattern with a literal first character (fast
    to scan); the full paragraph pattern is tried only there.
    """
    for candidate in _DIGIT_LINE.finditer(text):
        if (m := _PARAGRAPH_NUMBER.match(text, candidate.start())) is not None:
            yield m


def _rejoined(blocks: list[str]) -> list[str]:
    """Blocks with the ones a removed page break split in two joined again.

    "... outlawing terrorist financ- / (page break) / ing, a step ..." : a block that does not
    end a sentence, followed by one that starts in lower case, is one paragraph.
    """
    out: list[str] = []
    for block in blocks:
        head = block.lstrip()[:1]
        if out and head.islower() and not out[-1].rstrip().endswith((*_CLOSING, ":")):
            out[-1] = out[-1].rstrip() + "\n" + block.lstrip()
        else:
            out.append(block)
    return out


def _run_on_start(text: str, m: re.Match[str], number: int, last: int) -> bool:
    """A number run onto its first word with no space and no mark ("6.Request feedback ...",
    10STATE284): a paragraph only as the next number, after a blank line, before a capital."""
    return number == last + 1 and text[m.end()].isupper() and _after_blank(text, m.start())


def _after_blank(text: str, newline: int) -> bool:
    if newline == 0:
        return True
    previous = text.rfind("\n", 0, newline)
    return not text[previous + 1 : newline].strip()


def is_heading(block: str) -> bool:
    """A short block that titles what follows: underlined by a rule, or a capitalised line
    without closing punctuation, or a title set between dashes or slashes."""
    if len(block) > 400 or (block.rstrip().endswith(_CLOSING) and not _may_have_rule(block)):
        return False  # quick answers for the usual block: long, or a sentence without rules
    lines = [line for line in block.split("\n") if line.strip()]
    if not 0 < len(lines) <= 4 or max(map(len, map(str.strip, lines))) > 90:
        return False
    words = [line for line in lines if not _RULE_LINE.match(line)]
    ruled = len(words) < len(lines)
    if ruled:
        # ("neighbors in the region. TURKEY: ..." over a rule: a title glued to the text)
        return len(words) <= 2 and not (words and words[0].lstrip()[:1].islower())
    return (
        all(_HEADING.match(line) for line in words)
        and any(line.strip().startswith(("-", "/", "*")) or line.isupper() for line in words)
        and not any(_BULLET.match(line) for line in words)
    )


def drop_headings(text: str, *, closing: bool = True) -> str:
    """The paragraph text without the heading blocks that close it, and without rules.

    What closes a paragraph before the next number is a heading when it is one short line
    without closing punctuation ("Large majority expected for mandate renewal"), or a
    title set between rules, also where the site ran it onto the paragraph's last line.
    The last paragraph (``closing`` false) has nothing after it for a heading to title:
    its short closing blocks are its text (the last entries of a list of names,
    "ADDRESSED AS: DATO SELAMAT"), but a group mark ("GP-3") never is, nor the close of a
    repeated cable (its signature over UNQUOTE).
    """
    text = text.rstrip()
    if text.endswith(_CLOSING) and not _may_have_rule(text):
        return text  # ends on a full sentence with no rule near: the usual, cheap case
    blocks = BLOCK_BREAK.split(text)
    while len(blocks) > 1 and _closes_paragraph(blocks[-1], closing):
        blocks.pop()
    joined = "\n\n".join(blocks).rstrip()
    if _may_have_rule(joined):
        joined = _without_underlined_title(joined)
        joined = _without_rules(joined).rstrip()
        if joined.endswith("-"):
            joined = _without_glued_heading(joined)
    return _without_trailing_title(joined) if closing else joined


def _closes_paragraph(block: str, closing: bool) -> bool:
    """Is the block a close that is no paragraph text: blank, a heading (``closing``), a
    group mark or the close of a repeated cable? (Plain ``in`` tests gate the patterns.)"""
    if not block.strip() or (closing and (is_heading(block) or _is_title_line(block))):
        return True
    return ("GP-" in block and GROUP_MARK.match(block) is not None) or (
        "QUOTE" in block and _QUOTE_CLOSE.match(block) is not None
    )


# "GLASPIE / UNQUOTE": the signature of a repeated cable and the end of the quote.
_QUOTE_CLOSE = re.compile(r"\s*(?:[A-Z][A-Za-z'-]+[ \t]*\n\s*)?(?:UNQUOTE|END\s+QUOTE)\W*$")
# "GP-3": the declassification group of 1960s cables stands between text and signature.
GROUP_MARK = re.compile(r"^\s*GP-\d\s*$")

_CLOSING = (".", '."', ".'", ".)", "?", "!", ':"', '?"')
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=\S)")
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}
)


def _without_trailing_title(text: str) -> str:
    """The text without a section title the site ran onto its last line.

    "... risk losing the deal. Venezuelan-Italian Mixed Commission": what follows the last
    full stop is a title when it ends without punctuation, is short and is set in title case.
    """
    if not text or text[-1] in ".!?:;\"')]," or text[-1].isdigit() or text[-200:].isupper():
        return text  # (in a cable written in capitals every fragment looks like a title)
    cut = None
    for m in _SENTENCE_END.finditer(text, max(0, len(text) - 160)):
        cut = m.end()
    if cut is None:
        return text
    words = text[cut:].split()
    capitalised = [w for w in words if w[:1].isupper() or w.lower() in _SMALL_WORDS]
    tail = text[cut:]
    if (
        1 <= len(words) <= 12
        and len(capitalised) == len(words)
        and words[0][:1].isupper()
        and not tail.isupper()
    ):
        return text[:cut].rstrip()
    return text


def _without_underlined_title(text: str) -> str:
    """The text without the title that closes it over a rule, with no blank line above.

    "... child labor. / ------- / COMMENT / -------" (02TEGUCIGALPA2916) sets a title between
    rules; "... Defense Officials / Need to Move Beyond Minor Irritants / ----"
    (09NEWDELHI1337) underlines one; "... in the region. TURKEY: BETTER THAN THE REST / ----"
    (09BAGHDAD2562) ran it onto the paragraph's last line across a page break.
    """
    rule = text.rfind("\n") + 1
    if rule == 0 or text[rule:].strip() == "-" or not _RULE_LINE.match(text, rule):
        return text
    title_start = text.rfind("\n", 0, rule - 1) + 1
    title = text[title_start : rule - 1].strip()
    if not title or len(title) > 90 or title.endswith((".", ",", ";", '"', "'")):
        return text
    if _RULE_LINE.match(text, title_start):
        return text  # a rule over a rule: no title between them
    above_start = text.rfind("\n", 0, max(0, title_start - 1)) + 1
    above = text[above_start : max(above_start, title_start - 1)].strip() if title_start else ""
    if above and above != "-" and _RULE_LINE.match(above):
        return text[:above_start].rstrip()  # set between two rules
    if not title[0].islower() and (
        not above
        or above == "-"  # (the 1980s stand-in for a blank line: 92ZAGREB1869)
        or above.endswith(_CLOSING)
        or _is_title_case(title)
        or (title.isupper() and not above.isupper())
    ):
        return text[:title_start].rstrip()
    cut = None
    for m in _SENTENCE_END.finditer(title):
        cut = m.end()
    if cut is None:
        return text
    tail = title[cut:]
    if (tail.isupper() and not title[:cut].isupper()) or _is_title_case(tail):
        return text[: title_start + text[title_start:rule].find(tail)].rstrip()
    return text


def _is_title_case(line: str) -> bool:
    """Every word capitalised but the small ones: "Need to Move Beyond Minor Irritants"."""
    words = line.split()
    return (
        0 < len(words) <= 12
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words)
    )


def _may_have_rule(text: str) -> bool:
    # plain `in` tests, chained: this runs for most blocks of every cable. A one-character
    # test (memchr) goes first: it is ~10x faster than a test for three characters, and
    # "=", "_" and "*" are rare in cables.
    return (
        ("-" in text and ("---" in text or "\n-" in text or "- -" in text))
        or ("=" in text and "===" in text)
        or ("_" in text and "___" in text)
        or ("*" in text and "***" in text)
    )


# "... End Summary.  AWK Nervous but Eager to Share Views -----------" run onto one line.
_GLUED_HEADING = re.compile(
    r"(?<=[.!?;\"')])[ \t\n]+(?:(?:-[ \t]?){3,}[ \t-]*)?"
    # ("Elections: What's the Point?"; a "?" ends the title only before its rule: in "...
    # fine. Why have an election?"  Comment -----" the title is "Comment", 09KABUL3068)
    r"[A-Z](?:[^.!?\n]|\?(?=[ \t]*-)){2,80}?[ \t]*(?:-[ \t]?){3,}[ \t-]*$"
)


# A rule inside a glued heading with a title after it: the heading starts at that rule,
# and what stands before it closes the paragraph ("... convenience.  END POINTS  -------
# REPORTING REQUIREMENT -------", a page that lost its line breaks: 10STATE15856).
_INNER_RULE = re.compile(r"[ \t]+(?:-[ \t]?){3,}[ \t-]*(?=[A-Z])")


def _without_glued_heading(text: str) -> str:
    """``_GLUED_HEADING.sub("", text)``, keeping the words that stand before its rule."""
    m = _GLUED_HEADING.search(text)
    if m is None:
        return text
    head = m.group().lstrip(" \t\n-")
    inner = _INNER_RULE.search(head)
    if inner is None or not head[: inner.start()].strip():
        return text[: m.start()]
    return text[: m.end() - len(head) + inner.start()]


def _is_title_line(block: str) -> bool:
    # The block stripped is its one non-blank line, stripped, unless a newline is left inside:
    # then the lines of its first and last characters are two non-blank lines.
    line = block.strip()
    if "\n" in line or len(line) > 80 or not line[:1].isupper():
        return False
    if line.endswith(":"):
        # "Comment and Action Request:" introduces what follows; a sentence that ends in a
        # colon is longer
        return len(line.split()) <= 6
    return not line.endswith((".", ";", "!", "?", '"', "'", ")", ","))


def _unwrap(block: str) -> str:
    """A block's wrapped lines joined with one space; spacing inside lines kept."""
    return " ".join(filter(None, map(str.strip, block.split("\n"))))


# "(C) ...": a one-letter mark right at the start, what PORTION_MARK reads in most marked
# paragraphs, is read without the pattern (an IGNORECASE match costs ~1 us a paragraph).
_ONE_LETTER_MARKS = frozenset("CSUcsu")


def _marking(text: str) -> tuple[str | None, str]:
    if text[2:3] == ")" and text[:1] == "(" and text[1:2] in _ONE_LETTER_MARKS:
        return text[1].upper(), text[3:].lstrip()
    first = text.lstrip()[:1]
    if first != "(" and first not in "SC":
        return None, text  # (most paragraphs: no portion mark, no pattern tried)
    m = PORTION_MARK.match(text) if first == "(" else None
    if m is None:
        if first in "SC" and (lead := _MARKED_AFTER_LEAD.match(text)) is not None:
            # "1. SUMMARY.  (U)  THE ROKG ..." (94SEOUL9874): the mark follows the lead word
            rest = text[lead.end() :]
            if (m := PORTION_MARK.match(rest)) is not None:
                return _mark_of(m), text[: lead.end()] + rest[m.end() :]
        return None, text
    return _mark_of(m), text[m.end() :]


_MARKED_AFTER_LEAD = re.compile(r"(?:SUMMARY|COMMENT)[ \t]*[.:][ \t]*(?=\()")


def _mark_of(m: re.Match[str]) -> str:
    return " ".join(m.group("mark").upper().split())


def reflow(text: str) -> str:
    """Wrapped lines rejoined as the reader sees them; blank lines kept as breaks."""
    if "SIPDIS" in text:
        text = _SIPDIS_LINE.sub("", text)
    # One pass over the lines gives what "\n\n".join(_unwrap(b) for b in BLOCK_BREAK.split(text)
    # if b.strip()) gives, 40 % faster (it runs on every paragraph): a line of spaces and tabs
    # breaks the block (BLOCK_BREAK), any other blank line ("\r") is dropped (_unwrap).
    blocks: list[str] = []
    block: list[str] = []
    for line in text.split("\n"):
        if stripped := line.strip():
            block.append(stripped)
        elif block and not line.strip(" \t"):
            blocks.append(" ".join(block))
            block = []
    if block:
        blocks.append(" ".join(block))
    return "\n\n".join(blocks)


# The distribution system set its SIPDIS mark on a line of its own after a blank line, in the
# middle of a sentence ("... she exulted in her success, / (blank) / SIPDIS / calling
# Veerappan's death ...", 04CHENNAI1394): a caveat of the cable, not words of the paragraph.
_SIPDIS_LINE = re.compile(r"(?<=\n)[ \t]*\n[ \t]*SIPDIS[ \t]*(?=\n|$)")
