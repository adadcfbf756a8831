"""The message itself: clean text, numbered paragraphs, summary, comment and signers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cablebase.model import Paragraph
from cablebase.parse import lines as L
from cablebase.parse.fields import PORTION_MARK

_NUMBERED = re.compile(r"^\s*(?P<num>\d{1,3})\s*[.)]\s+(?P<rest>\S.*)$")
_SIGNER = re.compile(r"^[A-Z][A-Za-z'\-]+(?:[ .]{1,2}[A-Z][A-Za-z'\-]+){0,2}$")
_NOT_SIGNERS = {
    "END",
    "SIPDIS",
    "NOFORN",
    "NNNN",
    "BT",
    "UNQTE",
    "UNQUOTE",
    "NOTE",
    "TEXT",
    "ENDS",
    "END TEXT",
    "END QUOTE",
    "CONFIDENTIAL",
    "SECRET",
    "UNCLASSIFIED",
    "UNCLAS",
    "SENSITIVE",
    "EXDIS",
    "NODIS",
    "LIMDIS",
    "SUMMARY",
    "COMMENT",
    "END SUMMARY",
    "END COMMENT",
    "QUOTE",
    "DECLASSIFIED",
    "NOTAL",
    "ROGER",
    "XXXXXXXXXXXX",
}
# "1. (C) Summary:", "SUMMARY AND COMMENT:", "BEGIN SUMMARY", "Comment:" after a sentence.
_MARKER = {
    "SUMMARY": re.compile(r"(?:BEGIN\s+)?SUMMARY(?:\s+AND\s+COMMENTS?)?", re.IGNORECASE),
    # "COMMENT AND ANALYSIS", "Comment and Recommendation", "COMMENT CONTINUED", "(CONT'D)"
    "COMMENT": re.compile(
        r"(?:BEGIN\s+|Begin\s+)?(?:COMMENTS?|Comments?)"
        r"(?:\s+(?:AND|and)\s+[A-Za-z]+(?:\s+[A-Za-z]+)?|\s+(?:CONTINUED|Continued|\(?CONT'D\)?))?\b"
    ),
}
_END = {
    "SUMMARY": re.compile(r"END\s+(?:OF\s+)?SUMMARY\b\s*[.:]?\s*\)?", re.IGNORECASE),
    "COMMENT": re.compile(r"END\s+(?:OF\s+)?COMMENTS?\b\s*[.:]?\s*\)?", re.IGNORECASE),
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
    r"(?:[ \t]*//[ \t]*|[ \t]*-{3,}[ \t]*(?=\n)|[ \t]*[:.]|[ \t]+-{1,2}[ \t]"
    r"|[ \t]*\n(?:[ \t]*[-=_*]{3,}(?:[ \t]+[-=_*]+)*[ \t]*\n)?)\s*"
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LONGEST_SECTION = 8000


# Furniture is found from literal words (fast C searches), then each hit's line is checked
# with the exact rules of ``lines``.
_FURNITURE_WORDS = (
    "PAGE ",
    " OF 0",
    " of 0",
    "\n>",
    "\n20",
    "\n19",
    "\nBT",
    "\nNNNN",
    "\n#",
    "-------",
    "C O N F",
    "S E C R",
    "U N C L",
    "UNCLAS\n",
    "UNCLAS \n",
    "UNCLASSIFIED\n",
    "UNCLASSIFIED \n",
    "CONFIDENTIAL\n",
    "CONFIDENTIAL \n",
    "SECRET\n",
    "SECRET \n",
    "NOFORN",
    "USE ONLY",
    "LIMITED OFFICIAL",
)


# "Thursday, 19 November 2009, 14:58": the site's date line above some bodies.
_SITE_DATE = re.compile(r"^[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d[ \t]*\n")
# The archive's own marks after a cable: a lone ">", "2001VATICA03027 - Classification: ...".
_ARCHIVE_MARK = re.compile(
    r"^[ \t]*(?:>|(?:19|20)\d\d[A-Z]+\d+ - (?:Classification: )?[A-Z /]+)[ \t]*\n?$"
)


def furniture(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the furniture lines of ``text``, each with its newline.

    Page breaks, section markers and banners printed again are furniture, and so is a caveat
    line (``SIPDIS``) standing next to furniture (the ``CONFIDENTIAL / SIPDIS / PAGE 02``
    page breaks of 1980s cables). The first line (the banner itself) never is.
    """
    first_end = text.find("\n") + 1
    if first_end == 0:
        return []
    spans: list[tuple[int, int]] = []
    if _SITE_DATE.match(text):
        # The Dec 2010 site put its date line above the banner: chrome, and the banner
        # is the line after it.
        spans.append((0, first_end))
        while text[first_end:].startswith("\n"):
            first_end += 1
        first_end = (text.find("\n", first_end) + 1) or len(text)
    starts: set[int] = set()
    for word in _FURNITURE_WORDS:
        i = text.find(word, first_end)
        while i >= 0:
            # a word that begins with its newline stands at the start of the next line
            line_start = text.rfind("\n", 0, i + (word[0] == "\n")) + 1
            starts.add(line_start)
            nl = text.find("\n", i)
            if nl < 0:
                break
            i = text.find(word, nl + 1)
    last_line = text.rfind("\n") + 1
    if len(text) - last_line < 90:
        starts.add(last_line)  # a banner closing the text has no newline after it
    for start in sorted(starts):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        line = text[start:end]
        if L.is_noise(line) or L.is_banner_repeat(line) or _ARCHIVE_MARK.match(line):
            spans.append((start, end))
    if spans:
        spans = _with_caveats(text, spans)
    return spans


def _with_caveats(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = set(spans)
    for start, end in spans:
        # the nearest non-blank line above and below
        above_end = start
        while above_end > 0:
            above_start = text.rfind("\n", 0, above_end - 1) + 1
            line = text[above_start:above_end]
            if line.strip():
                if L.CAVEAT_LINE.match(line):
                    out.add((above_start, above_end))
                break
            above_end = above_start
        below_start = end
        while below_start < len(text):
            below_end = text.find("\n", below_start)
            below_end = len(text) if below_end < 0 else below_end + 1
            line = text[below_start:below_end]
            if line.strip():
                if L.CAVEAT_LINE.match(line):
                    out.add((below_start, below_end))
                break
            below_start = below_end
    return sorted(out)


def clean(text: str, spans: list[tuple[int, int]], start: int = 0) -> str:
    """``text[start:]`` without the furniture ``spans``; blank runs squeezed to one."""
    pieces: list[str] = []
    pos = start
    for s, e in spans:
        if e <= pos:
            continue
        pieces.append(text[pos : max(pos, s)])
        pos = max(pos, e)
    pieces.append(text[pos:])
    return L.BLANK_RUN.sub("\n\n", "".join(pieces)).rstrip()


# Lines that close a cable after its signature: end marks, the archive's own footer
# ("2002VATICA02146 - Classification: CONFIDENTIAL", "2004CARACA02145 - CONFIDENTIAL"),
# NARA's release stamp, the posts' website notices, a trailing ">" or "...".
_TRAILER = re.compile(
    r"^\s*(?:NNNN?|BT|>|\.{3}|#\d+|\(?END OF (?:TEXT|MESSAGE)\)?\.?"
    r"|(?:19|20)\d\d[A-Z]+\d+ - (?:Classification: )?[A-Z /]+"
    r"|Declassified/Released US Department of State EO|Systematic Review \d.*"
    r"|NOTE:? NOT PASSED.*|NOTE BY [A-Z/]+:.*|You can also access this site.*"
    r"|(?:Please )?[Vv]isit\b.*|\*{3,}.*|.*\bwebsite\b.*|.*SIPRNET.*|.*VZCZ.*)\s*$"
)
# "...of this message. BURLEIGH": the site joined the signature to the last line.
_GLUED_SIGNER = re.compile(r"(?<=[.)\"'a-z])[ \t]+([A-Z][A-Z'\-]{2,})[ \t]*$")


def split_signers(message: str) -> tuple[str, list[str]]:
    """The message without its closing trailers and signature, and the signers found there.

    Trailers (end marks, the archive's footer, website notices) go whole, block by block:
    a notice wrapped over two lines is one block. The signature stands above them, on its
    own lines or glued to the end of the last line (also to the end of a trailer).
    """
    tail = message[-1500:]
    keep = len(message) - len(tail)
    blocks = _BLOCK_BREAK.split(tail)
    glued_to_trailer: str | None = None
    while len(blocks) > 1 and _is_trailer_block(blocks[-1]):
        if glued_to_trailer is None and (g := _GLUED_SIGNER.search(blocks[-1].rstrip())):
            glued_to_trailer = g.group(1)
        blocks.pop()
    lines = "\n\n".join(blocks).split("\n")
    end = len(lines)
    while end > 0 and (
        not lines[end - 1].strip()
        or L.CAVEAT_LINE.match(lines[end - 1])
        or L.is_banner_repeat(lines[end - 1])
        or _TRAILER.match(lines[end - 1])
    ):
        end -= 1
    signers: list[str] = []
    while end > 0 and len(signers) < 2:
        line = lines[end - 1].strip().rstrip(",.")
        if not (_SIGNER.match(line) and line.upper() not in _NOT_SIGNERS and len(line) <= 30):
            break
        if signers and (" " in line or not line.isupper()):
            break  # a second signer ("DUNN." over "BURGHARDT") is one surname in capitals
        signers.insert(0, line)
        end -= 1
    if signers and end > 0 and lines[end - 1].strip() and not _ends_sentence(lines[end - 1]):
        # A short capitalised line glued to the paragraph above is its last words, not a name.
        end += len(signers)
        signers = []
    glued = _GLUED_SIGNER.search(lines[end - 1]) if not signers and end > 0 else None
    if glued is not None and glued.group(1) not in _NOT_SIGNERS:
        lines[end - 1] = lines[end - 1][: glued.start()]
        signers = [glued.group(1)]
    if not signers and glued_to_trailer and glued_to_trailer not in _NOT_SIGNERS:
        signers = [glued_to_trailer]
    rest = _BLOCK_BREAK.split("\n".join(lines[:end]))
    while len(rest) > 1 and _is_trailer_block(rest[-1]):
        rest.pop()  # a website notice standing between the text and the signature
    return (message[:keep] + "\n\n".join(rest)).rstrip(), signers


def _is_trailer_block(block: str) -> bool:
    first = next((line for line in block.split("\n") if line.strip()), "")
    return not first or bool(_TRAILER.match(first)) or L.is_banner_repeat(first)


def _ends_sentence(line: str) -> bool:
    return line.rstrip().endswith((".", ":", ")", '"', "'", "-", "!", "?"))


# A numbered paragraph: "1. (C) text", "¶1. text" (PDF renderings), "12.(S)text".
_PARAGRAPH_NUMBER = re.compile(
    r"\n[ \t]*(?P<pilcrow>¶)?[ \t]*(?P<num>\d{1,3})[ \t]*[.)](?P<gap>[ \t]*)"
    # (no IGNORECASE: it would cost the fast scan for the leading newline; "(c)" is spelt out)
    r"(?P<mark>\((?:TS|S|C|U|SBU|LOU|FOUO|[A-Za-z]{1,4}/{1,2}[A-Za-z]{2,8}|ts|s|c|u|sbu)\))?"
    r"(?=[ \t]*\S)",
)
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
# A heading line between paragraphs: "--- IRAN ---", "//ETA ON THE WANE//", "REACHING OUT",
# or a rule of dashes; it belongs to no paragraph (it stays in the body).
_HEADING = re.compile(
    r"^[ \t]*(?:[-=_/*]{3,}[ \t]*|[-/* \t]*[A-Z][^.!?:;\n]{0,70}[^.!?:;,\s\n][-/* \t]*)$"
)
# "--------------------------------------------- -----": rules come in two pieces too.
# A lone "-" stands for a blank line in 1980s cables; it is no text either.
_RULE_LINE = re.compile(
    r"^[ \t]*(?:-|[-=_*]{3,}(?:[ \t]+[-=_*]{1,})*|(?:-[ \t]){3,}-?)[ \t]*$", re.MULTILINE
)


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
    for m in _numbered_lines(text):
        number = int(m.group("num"))
        repeated = number == last and m.group("mark") and _after_blank(text, m.start())
        if not (last == 0 or last < number <= last + 3 or repeated):
            continue  # (a number given twice, "10. (C)" after "10. (C)", is two paragraphs)
        confirmed = (
            m.group("pilcrow")
            or m.group("mark")
            or number == last + 1  # the next number at a line start (no blank line needed)
            or _after_blank(text, m.start())
        )
        if not confirmed or (not m.group("gap") and not m.group("mark")):
            continue
        starts.append((m.start(), m.end() - len(m.group("mark") or ""), m.group("num")))
        last = number
    out: list[Paragraph] = []
    lead = text[: starts[0][0]] if starts else text
    for block in _BLOCK_BREAK.split(lead):
        if _is_heading(block) or not _RULE_LINE.sub("", block).strip():
            continue
        block = _RULE_LINE.sub("", block)
        marking, body = _marking(_unwrap(block))
        if body or marking:
            out.append(Paragraph(number=None, marking=marking, text=body))
    for i, (_, body_start, label) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        marking, body = _marking(_reflow(_drop_headings(text[body_start:stop])).lstrip("¶ "))
        out.append(Paragraph(number=label, marking=marking, text=body))
    return out


_DIGIT_LINE = re.compile(r"\n(?=[ \t¶]*\d)")


def _numbered_lines(text: str) -> Iterator[re.Match[str]]:
    """Matches of _PARAGRAPH_NUMBER at the lines that start with a digit (or a pilcrow).

    A newline followed by a digit is found by a pattern with a literal first character (fast
    to scan); the full paragraph pattern is tried only there.
    """
    for candidate in _DIGIT_LINE.finditer(text):
        if (m := _PARAGRAPH_NUMBER.match(text, candidate.start())) is not None:
            yield m


def _after_blank(text: str, newline: int) -> bool:
    if newline == 0:
        return True
    previous = text.rfind("\n", 0, newline)
    return not text[previous + 1 : newline].strip()


def _is_heading(block: str) -> bool:
    """A short block that titles what follows: underlined by a rule, or a capitalised line
    without closing punctuation, or a title set between dashes or slashes."""
    if len(block) > 400 or (block.rstrip().endswith(_CLOSING) and not _may_have_rule(block)):
        return False  # quick answers for the usual block: long, or a sentence without rules
    lines = [line for line in block.split("\n") if line.strip()]
    if not 0 < len(lines) <= 4 or any(len(line.strip()) > 90 for line in lines):
        return False
    ruled = any(_RULE_LINE.match(line) for line in lines)
    words = [line for line in lines if not _RULE_LINE.match(line)]
    if ruled:
        return len(words) <= 2
    return all(_HEADING.match(line) for line in words) and any(
        line.strip().startswith(("-", "/", "*")) or line.isupper() for line in words
    )


def _drop_headings(text: str) -> str:
    """The paragraph text without the heading blocks that close it, and without rules.

    What closes a paragraph before the next number is a heading when it is one short line
    without closing punctuation ("Large majority expected for mandate renewal"), or a
    title set between rules, also where the site ran it onto the paragraph's last line.
    """
    text = text.rstrip()
    if text.endswith(_CLOSING) and not _may_have_rule(text):
        return text  # ends on a full sentence with no rule near: the usual, cheap case
    blocks = _BLOCK_BREAK.split(text)
    while len(blocks) > 1 and (
        _is_heading(blocks[-1]) or not blocks[-1].strip() or _is_title_line(blocks[-1])
    ):
        blocks.pop()
    joined = _without_trailing_title("\n\n".join(blocks).rstrip())
    if not _may_have_rule(joined):
        return joined  # the usual case, kept cheap: this runs for every paragraph
    joined = _RULE_LINE.sub("", joined).rstrip()
    return _GLUED_HEADING.sub("", joined) if joined.endswith("-") else joined


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


def _may_have_rule(text: str) -> bool:
    return any(mark in text for mark in ("---", "- -", "\n-", "===", "___", "***"))


# "... End Summary.  AWK Nervous but Eager to Share Views -----------" run onto one line.
_GLUED_HEADING = re.compile(
    r"(?<=[.!?\"')])[ \t\n]+(?:(?:-[ \t]?){3,}[ \t-]*)?"
    r"[A-Z][^.!?\n]{2,80}?[ \t]*(?:-[ \t]?){3,}[ \t-]*$"
)


def _is_title_line(block: str) -> bool:
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    return (
        len(lines) == 1
        and len(lines[0]) <= 80
        and lines[0][:1].isupper()
        and not lines[0].endswith((".", ":", ";", "!", "?", '"', "'", ")", ","))
    )


def _unwrap(block: str) -> str:
    """A block's wrapped lines joined with one space; spacing inside lines kept."""
    return " ".join(filter(None, map(str.strip, block.split("\n"))))


def _marking(text: str) -> tuple[str | None, str]:
    m = PORTION_MARK.match(text)
    if m is None:
        return None, text
    return " ".join(m.group("mark").upper().split()), text[m.end() :]


def _reflow(text: str) -> str:
    """Wrapped lines rejoined as the reader sees them; blank lines kept as breaks."""
    return "\n\n".join(_unwrap(b) for b in _BLOCK_BREAK.split(text) if b.strip())


def summary(text: str) -> str | None:
    found = _marked_sections(text, "SUMMARY", first_only=True)
    return found[0] if found else None


def comment(text: str) -> str | None:
    found = _marked_sections(text, "COMMENT", first_only=False)
    return "\n\n".join(found) if found else None


def _marked_sections(text: str, word: str, *, first_only: bool) -> list[str]:
    """Texts between ``WORD:`` and ``END WORD`` (or the end of that paragraph)."""
    upper = text.upper()
    out: list[str] = []
    pos = upper.find(word)
    while pos >= 0:
        m = _MARKER[word].match(text, _marker_start(upper, pos))
        found = m is not None and m.end() >= pos + len(word)
        next_pos = pos + len(word)
        if m is not None and found:
            line_start = text.rfind("\n", 0, m.start()) + 1
            lead = text[line_start : m.start()]
            # inline: "... talks. Comment: ...", "(COMMENT: ... END COMMENT)"
            after_sentence = word == "COMMENT" and lead.rstrip().endswith((".", ")", "("))
            sep = _SEPARATOR.match(text, m.end())
            led_by_words = (
                word == "COMMENT"
                and bool(_COMMENT_LEAD_WORDS.match(lead))
                and text[m.end() : m.end() + 2].lstrip(" \t")[:1] == ":"
            )
            if sep is not None and (after_sentence or led_by_words or _LEAD.match(lead)):
                start = sep.end()
                heading = "\n" in text[m.end() : start]
                if (titled := _TITLE_OVER_RULE.match(text, start)) is not None:
                    # "Comment: First Step Towards a Two Party System?" over a rule: a
                    # heading whose section is the text under it.
                    start, heading = titled.end(), True
                stop, next_pos = _section_end(text, upper, word, start, heading=heading)
                if lead.rstrip().endswith("(") and upper.find("END", start, stop) < 0:
                    # "(COMMENT: ...)" without an end marker closes with its parenthesis
                    stop = _closing_parenthesis(text, start, stop)
                body = _without_paragraph_leads(_reflow(_drop_headings(text[start:stop])))
                if body and body.strip("-= "):
                    out.append(body)
                    if first_only:
                        break
        pos = upper.find(word, max(next_pos, pos + len(word)))
    return out


def _marker_start(upper: str, pos: int) -> int:
    # "BEGIN SUMMARY": the marker starts at BEGIN when it stands right before the word.
    before = upper[max(0, pos - 8) : pos].rstrip()
    return (
        pos - (pos - max(0, pos - 8)) + before.rfind("BEGIN") if before.endswith("BEGIN") else pos
    )


# Paragraph numbers and portion marks inside a summary or comment are not its text.
_PARAGRAPH_LEAD = re.compile(r"¶?\d{1,3}\s*[.)]\s*(?:\([A-Z/ -]{1,12}\)\s*)?|\([A-Z/]{1,8}\)\s*")


def _without_paragraph_leads(text: str) -> str:
    """Each block of a summary or comment without its paragraph number and portion mark."""
    blocks = text.split("\n\n")
    for i, block in enumerate(blocks):
        if block[:1] in _LEAD_FIRST and (m := _PARAGRAPH_LEAD.match(block)):
            blocks[i] = block[m.end() :]
    return "\n\n".join(blocks)


_LEAD_FIRST = frozenset("¶0123456789(")


_TITLE_OVER_RULE = re.compile(r"[^\n]{0,100}\n[ \t]*[-=_*]{3,}[^\n]*\n\s*")


def _closing_parenthesis(text: str, start: int, stop: int) -> int:
    depth = 0
    for i in range(start, stop):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            if depth == 0:
                return i
            depth -= 1
    return stop


def _section_end(
    text: str, upper: str, word: str, start: int, *, heading: bool = False
) -> tuple[int, int]:
    """Where the section stops and where to look on from.

    It stops at END WORD; failing that, a section under a heading ("COMMENT" over a rule)
    runs to the next heading or the end, and an inline one to the end of its paragraph.
    """
    end = upper.find("END", start, start + _LONGEST_SECTION)
    while end >= 0:
        m = _END[word].match(text, end)
        if m is not None:
            cut = end
            while cut > start and text[cut - 1] in " \t(":
                cut -= 1
            return cut, m.end()
        end = upper.find("END", end + 3, start + _LONGEST_SECTION)
    if heading:
        stop = _next_heading(text, start)
        return stop, stop
    blank = _BLANK_LINE.search(text, start)
    stop = blank.start() if blank is not None else len(text)
    return stop, stop


def _next_heading(text: str, start: int) -> int:
    pos = start
    for block in _BLOCK_BREAK.split(text[start:]):
        if pos > start and _is_heading(block):
            return pos
        pos += len(block) + 2
    return len(text)
