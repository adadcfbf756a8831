"""Plain cable text: header and body in one text (``plusd-pdf/text/*.txt``), the fallback.

Those files use CRLF line endings and write ``¶`` as the Latin-1 byte 0xB6, so 22 of 24 are
not UTF-8 (06NEWDELHI5238): text is decoded as UTF-8 when it is valid, else as cp1252, else
Latin-1, and ``meta["encoding"]`` says which. ``original`` is the decoded text as it stands,
CRLF included (the source bytes can always be found again from the path); ``header`` and
``body`` have LF line endings, the form every other reader gives the parser.

The header ends where the body's classification banner starts (``UNCLAS``,
``C O N F I D E N T I A L SECTION 01 OF 02 ...``): the first such line at the left margin
after the FM line. In all 11,721 rows of cables.sample.csv the body opens with such a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath
from typing import BinaryIO

from cablebase.model import ParseIssue, RawCable, Source
from cablebase.sources.base import Item, ReadProblem

__all__ = [
    "BANNER",
    "TEXT",
    "TextReader",
    "decode_text",
    "find_reference_id",
    "looks_like_text",
    "raw_cable_from_text",
    "reference_id_from_name",
    "split_cable",
]

BANNER = re.compile(
    r"^(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|(?:TOP )?SECRET|LIMITED OFFICIAL USE"
    r"|SENSITIVE BUT UNCLASSIFIED|C O N F I D E N T I A L|(?:T O P )?S E C R E T"
    r"|U N C L A S)\b",
    re.M,
)
"""A classification banner at the left margin: the first line of a cable's body."""

_FM = re.compile(r"^FM ", re.M)
# An id alone on a line, as PlusD renderings print it: `2000HANOI00686 - CONFIDENTIAL`.
_ID_LINE = re.compile(
    r"^[ \t]*((?:19|20)\d{2}[A-Z][A-Z-]*[A-Z]\d+|\d{2}[A-Z][A-Z-]*[A-Z]\d+)"
    r"(?:[ \t]+-[ \t]+[A-Z][A-Z /]*)?[ \t]*$",
    re.M,
)
_ID_NAME = re.compile(r"(?:19|20)?\d{2}[A-Z][A-Z-]*[A-Z]\d+")
_MARKER = re.compile(rb"(?m)^[ \t]*(?:FM |TO |TAGS:|SUBJECT:|E\.O\.)")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_BYTES = 32 * 1024 * 1024  # the longest cable is under 1 MiB; more is not one cable


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding that gave it: utf-8, cp1252 or latin-1."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined
        return data.decode("latin-1"), "latin-1"


def split_cable(text: str) -> tuple[str, str] | None:
    """``(header, body)`` of one LF-ended cable text, or None when it has no banner line."""
    fm = _FM.search(text)
    banner = BANNER.search(text, fm.end() if fm else 0)
    if banner is None:
        return None
    return text[: banner.start()].strip("\n"), text[banner.start() :]


def find_reference_id(text: str) -> str | None:
    """A cable id printed alone on a line (PlusD page lines), as written there."""
    found = _ID_LINE.search(text)
    return found.group(1) if found else None


def reference_id_from_name(path: str) -> str | None:
    """The cable id a file is named after (``09PARIS1007.txt``), when it looks like one."""
    stem = PurePath(path.rsplit(" > ", 1)[-1]).name.split(".", 1)[0]
    return stem if _ID_NAME.fullmatch(stem) else None


def raw_cable_from_text(
    text: str,
    original: str,
    source: Source,
    meta: dict[str, str] | None = None,
) -> RawCable:
    """The raw cable of one LF-ended cable text; ``original`` is kept as given."""
    meta = dict(meta or {})
    issues: tuple[ParseIssue, ...] = ()
    if "reference_id" not in meta:
        found = find_reference_id(text)
        named = reference_id_from_name(source.path)
        if found:
            meta["reference_id"], meta["reference_id_from"] = found, "text"
        elif named:
            meta["reference_id"], meta["reference_id_from"] = named, "filename"
    parts = split_cable(text)
    if parts is None:
        header, body = "", text
        issues = (ParseIssue("body", "no classification banner line: header not split off"),)
    else:
        header, body = parts
    return RawCable(
        source=source, header=header, body=body, original=original, meta=meta, issues=issues
    )


def looks_like_text(head: bytes) -> bool:
    """Mostly printable bytes (controls under 1%, no NUL)."""
    if not head or b"\x00" in head:
        return False
    return len(_CONTROL.findall(head)) * 100 < len(head)


class TextReader:
    """Reads one cable written as plain text; claims any printable text with cable markers."""

    name = "text"

    def sniff(self, head: bytes) -> bool:
        return looks_like_text(head) and _MARKER.search(head) is not None

    def read(self, stream: BinaryIO, path: str) -> Iterator[Item]:
        data = stream.read(_MAX_BYTES + 1)
        if len(data) > _MAX_BYTES:
            yield ReadProblem(
                path,
                "",
                "over 32 MiB of text: too long for one cable",
                "split it into one file per cable, or give it in a format cablebase knows",
            )
            return
        original, encoding = decode_text(data)
        text = original.replace("\r\n", "\n")
        if not text.strip():
            yield ReadProblem(path, "", "empty text: no cable in it", "check the file")
            return
        yield raw_cable_from_text(
            text, original, Source(self.name, path, ""), {"encoding": encoding}
        )


TEXT = TextReader()
