"""The ``cables.csv`` release: 8 columns, one cable per row, 1.7 GB in full.

Its quoting is not RFC 4180: fields are wrapped in ``"`` and a quote inside a field is
escaped with a backslash (``\\"``, also ``\\'``), never doubled, so the csv module breaks on
it. A literal backslash is written ``\\\\`` (``F:\\\\POLITICAL SECTION\\\\CABLES`` in
cables.sample.csv); a backslash before anything else is kept as it stands. Mirror pages
(Scoop, 08MEXICO23) print the same row with some fields unquoted, so bare fields are
accepted too.

The file is never loaded whole: it is decoded in 1 MiB chunks and rows are cut from a
rolling window. Fields are found with ``str.find`` (memchr speed), which measured about
five times faster than one regular expression per row on cables.sample.csv.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cablebase.model import ParseIssue, RawCable, Source
from cablebase.sources.base import Item, ReadProblem

__all__ = [
    "CABLES_CSV",
    "COLUMNS",
    "ROW_START",
    "CablesCsvReader",
    "CsvRow",
    "RowScan",
    "iter_rows",
    "raw_cable_from_row",
    "scan_row",
    "unescape",
]

COLUMNS: tuple[str, ...] = (
    "csv_id",
    "created",
    "reference_id",
    "origin",
    "classification",
    "references",
    "header",
    "body",
)

ROW_START = re.compile(
    rb'^"?(\d+)"?,"?(\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2})"?,"?([^",\n]*)"?,', re.M
)
"""The start of a row at a line start: csv id, date (``12/28/1966 18:48``), reference id."""

# A bare field, as on the Scoop mirror page: `136383,1/4/2008 22:01,08MEXICO23,"Embassy ...`.
_BARE = re.compile(rb'[^,"\r\n]*')
_ESCAPE = re.compile(rb"""\\(["'\\])""")
_QUOTES = (b'"', b"'")
_CHUNK = 1024 * 1024
_MAX_ROW = 64 * 1024 * 1024  # the longest cables.csv row is far under 1 MiB; past this, junk
_STRAY = re.compile(rb'[\s"]*')  # cables.csv.part-aa opens with a lone `"` line before row 1


def unescape(field: bytes) -> str:
    """Undo the backslash escapes of a quoted field (``\\"`` ``\\'`` ``\\\\``) and decode it.

    Rows stay bytes until here: bytes.find/replace run at memchr speed, while a str window
    holding one non-Latin-1 character is stored 4 bytes a character and is 3x slower.
    """
    if b"\\" in field:
        parts = field.split(b"\\")
        # The common case, every backslash before a quote or apostrophe: dropping them all is
        # 4x faster than re.sub (and than bytes.replace, oddly slow for 2-byte patterns).
        if all(part[:1] in _QUOTES for part in parts[1:]):
            field = b"".join(parts)
        else:  # `\\` (F:\\POLITICAL SECTION) or a lone backslash: pair them left to right
            field = _ESCAPE.sub(_unescaped, field)
    return field.decode("utf-8", errors="replace")


def _unescaped(match: re.Match[bytes]) -> bytes:
    return match.group(1)


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One row: its 8 unescaped fields, its 1-based index and the file line it starts on."""

    fields: tuple[str, ...]
    index: int
    line: int

    @property
    def position(self) -> str:
        return f"row {self.index} (line {self.line})"


@dataclass(frozen=True, slots=True)
class RowScan:
    """What :func:`scan_row` found at one offset.

    ``status`` is ``"ok"`` (8 fields, ``end`` just past the row's newline or at the end of
    the text), ``"open"`` (the text ends inside the row: ``fields`` holds what was read, the
    last one unclosed) or ``"malformed"`` (the quoting gives no 8-field row).
    """

    status: str
    fields: tuple[str, ...]
    end: int


def _closing_quote(text: bytes, start: int) -> int:
    """Offset of the quote closing a field whose text starts at ``start``, or -1."""
    i = start
    while True:
        j = text.find(b'"', i)
        if j < 0:
            return -1
        k = j
        while k > start and text[k - 1] == 0x5C:  # backslash
            k -= 1
        if (j - k) % 2 == 0:  # an odd run of backslashes escapes the quote
            return j
        i = j + 1


def scan_row(text: bytes, pos: int = 0) -> RowScan:
    """Cut one row of 8 fields (quoted or bare) out of UTF-8 ``text`` at ``pos``."""
    fields: list[str] = []
    n = len(text)
    while True:
        if pos < n and text[pos] == 0x22:  # quote
            close = _closing_quote(text, pos + 1)
            if close < 0:
                fields.append(unescape(text[pos + 1 :]))
                return RowScan("open", tuple(fields), n)
            fields.append(unescape(text[pos + 1 : close]))
            pos = close + 1
        else:
            bare = _BARE.match(text, pos)
            end = bare.end() if bare else pos
            fields.append(text[pos:end].decode("utf-8", errors="replace"))
            pos = end
        if len(fields) == len(COLUMNS):
            if pos == n:
                return RowScan("ok", tuple(fields), n)
            if text[pos] == 0x0A:
                return RowScan("ok", tuple(fields), pos + 1)
            if text.startswith(b"\r\n", pos):
                return RowScan("ok", tuple(fields), pos + 2)
            return RowScan("malformed", tuple(fields), pos)
        if pos == n:
            return RowScan("open", tuple(fields), n)
        if text[pos] != 0x2C:  # comma
            return RowScan("malformed", tuple(fields), pos)
        pos += 1


def _describe(text: bytes, pos: int) -> str:
    start = ROW_START.match(text, pos)
    if start is None:
        return ""
    csv_id, reference_id = start.group(1).decode(), start.group(3).decode("utf-8", "replace")
    return f" (csv id {csv_id}, reference id {reference_id or '?'})"


class _Window:
    """A rolling window of decoded text over the stream; ``pos`` is where the next row starts."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.buf = b""
        self.pos = 0
        self.eof = False

    def more(self) -> None:
        """Drop what was consumed and append the next chunk (sets ``eof`` at the end)."""
        chunk = self._stream.read(_CHUNK)
        self.eof = not chunk
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0


def iter_rows(stream: BinaryIO, path: str) -> Iterator[CsvRow | ReadProblem]:
    """Every row of a cables.csv stream; a broken row is a problem and the next row follows."""
    win = _Window(stream)
    line = 1
    index = 0
    while True:
        if not win.eof and len(win.buf) - win.pos < _CHUNK:
            win.more()
        buf, pos, eof = win.buf, win.pos, win.eof
        if pos >= len(buf):
            if eof:
                return
            continue
        if ROW_START.match(buf, pos) is None:
            skipped = _next_row_start(buf, pos, eof)
            if skipped is None:  # no row start in sight yet: read on
                if eof:
                    if _STRAY.fullmatch(buf, pos) is None:
                        yield _junk(path, line, "text after the last row is not a cables.csv row")
                    return
                if len(buf) - pos > _MAX_ROW:
                    yield _junk(path, line, "no cables.csv row start in 64 MiB of text")
                    line += buf.count(b"\n", pos)
                    win.pos = len(buf)
                win.more()
                continue
            if _STRAY.fullmatch(buf, pos, skipped) is None:
                yield _junk(path, line, "text before this line is not a cables.csv row")
            line += buf.count(b"\n", pos, skipped)
            win.pos = skipped
            continue
        scan = scan_row(buf, pos)
        # A row that reaches the end of the window may go on in the next chunk.
        if scan.end == len(buf) and not eof and len(buf) - pos <= _MAX_ROW:
            win.more()
            continue
        index += 1
        if scan.status == "ok":
            yield CsvRow(scan.fields, index, line)
            line += buf.count(b"\n", pos, scan.end)
            win.pos = scan.end
            continue
        nxt = _next_row_start(buf, pos + 1, eof=True)
        where = f"row {index} (line {line})"
        if scan.status == "open" and nxt is None:
            yield ReadProblem(
                path,
                where,
                f"truncated row{_describe(buf, pos)}: the file ends inside it",
                "the file was cut short; join the split parts or download it again",
            )
            return
        yield ReadProblem(
            path,
            where,
            f"malformed row{_describe(buf, pos)}: its quoting does not give 8 fields",
            "check the row's quotes; the rows after it were still read",
        )
        if nxt is None:
            return
        line += buf.count(b"\n", pos, nxt)
        win.pos = nxt


def _next_row_start(buf: bytes, pos: int, eof: bool) -> int | None:
    found = ROW_START.search(buf, pos)
    if found is None or (not eof and found.end() == len(buf)):
        return None
    return found.start()


def _junk(path: str, line: int, message: str) -> ReadProblem:
    return ReadProblem(path, f"line {line}", message, "is this file a (part of) cables.csv?")


def raw_cable_from_row(
    fields: tuple[str, ...],
    source: Source,
    extra: dict[str, str] | None = None,
    issues: tuple[ParseIssue, ...] = (),
) -> RawCable:
    """The raw cable of one row's 8 fields (shared with the mirror-page reader)."""
    meta = dict(zip(COLUMNS[:6], fields[:6], strict=True))
    if extra:
        meta.update(extra)
    header, body = fields[6], fields[7]
    if "\ufffd" in header or "\ufffd" in body:
        issues = (*issues, ParseIssue("original", "bytes that are not UTF-8 became U+FFFD"))
    return RawCable(
        source=source,
        header=header,
        body=body,
        original=f"{header}\n\n{body}",
        meta=meta,
        issues=issues,
    )


_SNIFF = re.compile(rb'[\s"]*' + ROW_START.pattern.removeprefix(b"^"))


class CablesCsvReader:
    """Reads cables.csv and any part of it (``split`` chunks, samples)."""

    name = "cables-csv"

    def sniff(self, head: bytes) -> bool:
        # part-aa opens with a lone `"` line, so stray quotes and blank lines may come first.
        return _SNIFF.match(head, 0, 4096) is not None

    def read(self, stream: BinaryIO, path: str) -> Iterator[Item]:
        for row in iter_rows(stream, path):
            if isinstance(row, ReadProblem):
                yield row
            else:
                yield raw_cable_from_row(row.fields, Source(self.name, path, row.position))


CABLES_CSV = CablesCsvReader()
