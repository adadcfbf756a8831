"""Mirror pages: a news site's copy of a cable with the raw cables.csv row pasted below it.

``mirror-pages/scoop-08MEXICO23.txt`` (Scoop Media): site chrome, the page title
``Cablegate: Draft Country Terrorism Report for 2007``, the header as the site printed it,
then the cables.csv row (id 136383) with some fields unquoted. The row is the exact cable
text, so the one raw cable comes from the row alone. Its body quote is never closed: the
page footer (``© Scoop Media``, headlines) follows the cable text, so the body is cut at
the footer's first line and the cut is recorded as an issue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from cablebase.model import ParseIssue, Source
from cablebase.sources.base import Item, ReadProblem
from cablebase.sources.cables_csv import COLUMNS, ROW_START, raw_cable_from_row, scan_row

__all__ = ["MIRROR", "MirrorReader"]

_MAX_BYTES = 16 * 1024 * 1024
# First line of a site footer after the cable text: Scoop prints `© Scoop Media`.
_FOOTER = re.compile(r"^[ \t]*(?:©|\(c\)|Copyright\b).*$", re.M | re.I)
_TITLE = re.compile(r"^[ \t]*(Cablegate:[^\n]*?)[ \t]*$", re.M)


def _title(page: str) -> str:
    found = _TITLE.search(page)
    if found:
        return found.group(1)
    # Without the "Cablegate:" prefix: the first line that is not site navigation.
    for line in page.splitlines():
        if len(line.strip()) > 12:
            return line.strip()
    return ""


class MirrorReader:
    """Reads a mirror page: the cable is taken from the cables.csv row it carries."""

    name = "mirror"

    def sniff(self, head: bytes) -> bool:
        starts = list(ROW_START.finditer(head))
        # A cables.csv part also has row starts; a page has exactly one, after other text
        # (part-aa opens with a lone quote line, which is not "other text").
        return len(starts) == 1 and head[: starts[0].start()].strip(b' \t\r\n"') != b""

    def read(self, stream: BinaryIO, path: str) -> Iterator[Item]:
        data = stream.read(_MAX_BYTES + 1)
        if len(data) > _MAX_BYTES:
            yield ReadProblem(path, "", "mirror page over 16 MiB", "is it really one page?")
            return
        start = ROW_START.search(data)
        if start is None:
            yield ReadProblem(
                path, "", "no cables.csv row in this mirror page", "give the cable's csv row"
            )
            return
        line = data.count(b"\n", 0, start.start()) + 1
        page = data[: start.start()].decode("utf-8", errors="replace")
        scan = scan_row(data, start.start())
        issues: tuple[ParseIssue, ...] = ()
        fields = scan.fields
        if scan.status == "open" and len(fields) == len(COLUMNS):
            body = fields[-1]
            footer = _FOOTER.search(body)
            if footer:
                body = body[: footer.start()]
            fields = (*fields[:-1], body.rstrip() + "\n")
            issues = (
                ParseIssue(
                    "body",
                    "the csv row's body is not closed on the mirror page; cut at the footer",
                ),
            )
        elif scan.status != "ok":
            yield ReadProblem(
                path,
                f"line {line}",
                "the cables.csv row on this mirror page does not give 8 fields",
                "give the cable from cables.csv instead",
            )
            return
        extra = {"mirror_title": _title(page)}
        yield raw_cable_from_row(
            fields, Source(self.name, path, f"csv row (line {line})"), extra, issues
        )


MIRROR = MirrorReader()
