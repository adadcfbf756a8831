"""The close of a message: trailers (end marks, footers, website notices) and signers."""

from __future__ import annotations

import re

from cablebase.parse import lines as L
from cablebase.parse.message import BEGIN_TEXT, BLOCK_BREAK, GROUP_MARK

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


# A website notice run onto the last paragraph: "... itself. Visit London's Classified
# Website: http://... TUTTLE" (the Dec 2010 site joined the lines).
_INLINE_NOTICE = re.compile(r"\s*(?:Please )?[Vv]isit [^\n]{0,80}?Classified Web ?[Ss]ite[\s\S]*$")
# A paragraph number and portion mark alone before the notice on its line.
_LEAD_ONLY = re.compile(
    r"[ \t]*¶?[ \t]*\d{1,3}[ \t]*[.)][ \t]*(?:\([A-Z/ ]{1,12}\)[ \t]*)?\s*(?:Please )?[Vv]isit "
)


def split_signers(message: str) -> tuple[str, list[str]]:
    """The message without its closing trailers and signature, and the signers found there."""
    text, signers = _split_signers(message)
    tail_start = max(0, len(text) - 600)
    # ("isit" first: the pattern is tried at every position, and notices are rare)
    notice = _INLINE_NOTICE.search(text, tail_start) if "isit" in text[tail_start:] else None
    if notice is None or _LEAD_ONLY.match(text, text.rfind("\n", 0, notice.start()) + 1):
        # ("12. (U) Visit our Classified Website: ...": a numbered paragraph of the cable)
        return text, signers
    glued = None if signers else _GLUED_SIGNER.search(notice.group(0).rstrip())
    if glued is not None and glued.group(1) not in _NOT_SIGNERS:
        signers = [glued.group(1)]
    return text[: notice.start()].rstrip(), signers


def _split_signers(message: str) -> tuple[str, list[str]]:
    """The message without its closing trailers and signature, and the signers found there.

    Trailers (end marks, the archive's footer, website notices) go whole, block by block:
    a notice wrapped over two lines is one block. The signature stands above them, on its
    own lines or glued to the end of the last line (also to the end of a trailer).
    """
    tail = message[-1500:]
    keep = len(message) - len(tail)
    blocks = BLOCK_BREAK.split(tail)
    glued_to_trailer: str | None = None
    while len(blocks) > 1 and _is_trailer_block(blocks[-1]):
        if glued_to_trailer is None:
            glued_to_trailer = _signer_closing(blocks[-1])
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
    # a signature found under the notices is the signature: what stands above is text
    while end > 0 and len(signers) < 2 and glued_to_trailer is None:
        line = lines[end - 1].strip().rstrip(",.")
        if not (_SIGNER.match(line) and line.upper() not in _NOT_SIGNERS and len(line) <= 30):
            break
        if signers and (" " in line or not line.isupper()):
            break  # a second signer ("DUNN." over "BURGHARDT") is one surname in capitals
        signers.insert(0, line)
        end -= 1
    while signers and end > 0 and lines[end - 1].strip() and not _ends_sentence(lines[end - 1]):
        # A short capitalised line glued to the paragraph above is its last words, not a
        # name ("...THEMES TO / RAISE. / MERANTE": RAISE ends the text, MERANTE signs).
        end += 1
        signers.pop(0)
    glued = _GLUED_SIGNER.search(lines[end - 1]) if not signers and end > 0 else None
    if glued is not None and glued.group(1) not in _NOT_SIGNERS:
        lines[end - 1] = lines[end - 1][: glued.start()]
        signers = [glued.group(1)]
    if not signers and glued_to_trailer and glued_to_trailer not in _NOT_SIGNERS:
        signers = [glued_to_trailer]
    rest = BLOCK_BREAK.split("\n".join(lines[:end]))
    while len(rest) > 1 and _is_trailer_block(rest[-1]):
        if _TEXT_END.match(rest[-1]) and BEGIN_TEXT.search(message):
            break  # "END OF TEXT." closes the letter that "BEGIN TEXT OF ..." quoted
        rest.pop()  # a website notice standing between the text and the signature
    return (message[:keep] + "\n\n".join(rest)).rstrip(), signers


def _signer_closing(block: str) -> str | None:
    """A signature at the end of a trailer block: glued to its last line, or on a line of
    its own under a starred notice box (08TELAVIV2760)."""
    last = block.rstrip().rsplit("\n", 1)[-1].strip()
    if (
        _SIGNER.match(last)
        and last.split()[-1].isupper()  # "BASSETT", "Leslie BASSETT"
        and last not in _NOT_SIGNERS
        and len(last) <= 30
        and not _TRAILER.match(last)
        and not L.is_banner_repeat(last)
    ):
        return last
    glued = _GLUED_SIGNER.search(block.rstrip())
    return glued.group(1) if glued else None


def _is_trailer_block(block: str) -> bool:
    first = _first_line(block)
    if _NUMBERED.match(first):
        return False  # "12. (U) This piece ... at our SIPRNET site": a paragraph of the cable
    return not first or bool(_TRAILER.match(first)) or L.is_banner_repeat(first)


def _first_line(block: str) -> str:
    """The first non-blank line of ``block`` ("" when none), without splitting all of it."""
    start = 0
    while True:
        end = block.find("\n", start)
        line = block[start:] if end < 0 else block[start:end]
        if line.strip() or end < 0:
            return line if line.strip() else ""
        start = end + 1


# The end mark of a quoted text, as opposed to the end mark of the message.
_TEXT_END = re.compile(r"\s*\(?END OF TEXT\b", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*¶?\s*\d{1,3}\s*[.)]\s")


def _ends_sentence(line: str) -> bool:
    if GROUP_MARK.match(line):
        return True
    return line.rstrip().endswith((".", ":", ")", '"', "'", "-", "!", "?"))
