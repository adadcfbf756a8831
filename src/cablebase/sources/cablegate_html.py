"""Cablegate cable pages: one cable per page, in the site layouts of 2010 and 2011.

Every layout prints the same three boxes: a ``<table class='cable'>`` of metadata, a
``<pre>`` with the routing header and a ``<pre>`` with the body. The site wrote the cable
text into the page almost raw: newlines became ``&#x000A;``, TAGS became links, paragraphs
got ``¶`` anchors, and nothing else was escaped (09MOSCOW2723 prints ``R&D;``, 09KHARTOUM881
``<<218634>>``, 09LAPAZ96 keeps ``<br>`` from the release). So the reader undoes exactly
those three things, with regular expressions rather than an HTML parser, which would eat
the raw ``<`` and ``&`` of the cable text.

Layouts, told apart by content (the file name is never used):

``2010-11-torrent``  the torrent copy: one "Date" column, relative links.
``2010-12-early``    the site before its "Keep Us Strong" banner (e.g. 597 cables released).
``2010-12``          the December 2010 site (with the banner).
``2011-early``       the 2011 page template before the full release (cablemap's test pages,
                     released Jan-Mar 2011).
``2011``             the template after the full release of 251,287 cables (Aug 2011).
``unknown``          a cable table in none of these (``2011-unknown``: 2011 template, no
                     release counter); the bug is then judged from the times themselves.

Site bug: every layout but ``2011`` prints the 12-hour-clock hour in place of the minutes
in Created, Released and Date (66BUENOSAIRES2481 "1966-12-28 18:06" where cables.csv has
18:48; hours 0 and 12 give ":12"). ``meta["minutes_bug"]`` says "yes" where only the date
of those values can be trusted.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping
from html.entities import html5
from typing import BinaryIO

from cablebase.model import ParseIssue, RawCable, Source
from cablebase.sources.base import Item, ReadProblem

FORMAT = "cablegate-html"
MAX_PAGE_BYTES = 16 * 1024 * 1024
"""A cable page is 20-200 KB; anything far larger is not one and is not read into memory."""

FULL_RELEASE = "251287"

_CABLE_TABLE = re.compile(r"<table class=['\"]cable['\"]>(.*?)</table>", re.S)
_TABLE_HEAD = re.compile(r"<th>(.*?)</th>", re.S)
_TABLE_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
# Cells with attributes (``<td colspan='5'>``) hold "Appears in these articles" (07BERN881).
_TABLE_CELL = re.compile(r"<td>(.*?)</td>", re.S)
_VIEWING = re.compile(r"<h3>Viewing cable (.*?)</h3>", re.S)
_RELEASED_SO_FAR = re.compile(r"Currently released so far\.\.\. (\d+) /")
_TIME = re.compile(r"\d{4}-\d\d-\d\d (\d\d):(\d\d)")
# 10MADRID87 has lettered paragraphs: <a id='parB' href='#parB'>.
_PARAGRAPH_ANCHOR = re.compile(
    r"<a id=['\"]par[^'\"]*['\"][^>]*>(?:¶|&para;|&#182;|&#[xX]0*[bB]6;)</a>"
)
_TAG_LINK = re.compile(r"<a href=['\"][^'\"]*/tag/[^'\"]*['\"]>([^<]*)</a>")
_LINK_MARKUP = re.compile(r"<a(?:\s[^>]*)?>|</a>")
_ANY_MARKUP = re.compile(r"<[^>]*>")
# Only well-formed references: the site left bare "&" of the cable text unescaped, and a
# lenient decoder would turn "&notice" into "¬ice".
_ENTITY = re.compile(r"&(?:#[xX][0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str) -> str:
    """Decode numeric and named character references that end in ``;``; leave bare ``&``."""
    if "&" not in text:
        return text
    # Fast path: the Cablegate pages write every newline as "&#x000A;" (~200 a page).
    text = text.replace("&#x000A;", "\n")
    if "&" not in text:
        return text
    return _ENTITY.sub(_decode_entity, text)


def _decode_entity(match: re.Match[str]) -> str:
    ref = match.group()
    if ref[1] == "#":
        return html.unescape(ref)
    return html5.get(ref[1:], ref)


def strip_markup(text: str) -> str:
    """Text of a metadata cell: tags dropped, references decoded, outer space trimmed."""
    return decode_entities(_ANY_MARKUP.sub("", text)).strip()


def cable_text(pre: str) -> str:
    """The cable text of a ``<pre>``: anchors and links removed, references decoded."""
    text = _PARAGRAPH_ANCHOR.sub("", pre)
    text = _LINK_MARKUP.sub("", text)
    return decode_entities(text)


def decode_page(data: bytes, path: str) -> tuple[str, tuple[ParseIssue, ...]]:
    """The page as text. Pages declare UTF-8; a stray byte is replaced and reported."""
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        issue = ParseIssue(
            "original",
            f"{path}: byte {exc.start} is not UTF-8; undecodable bytes were replaced by U+FFFD",
        )
        return data.decode("utf-8", errors="replace"), (issue,)


def read_page(stream: BinaryIO, path: str) -> bytes | ReadProblem:
    """The whole page, or a problem when it is too large to be one page."""
    data = stream.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        return ReadProblem(
            path,
            "",
            f"larger than {MAX_PAGE_BYTES // (1024 * 1024)} MiB, not a cable page",
            "give the page files one by one, or the cables.csv instead",
        )
    return data


class CablegateHtmlReader:
    """Reader of Cablegate cable pages (all layouts 2010-2011)."""

    name = FORMAT

    def sniff(self, head: bytes) -> bool:
        # The 2011 pages put 180 KB of browse lists before the cable table, so the
        # <title> is the mark that fits in the sniffed head; the table is a fallback
        # for pages saved without their <head>.
        return b"<title>Cable Viewer</title>" in head or b"<table class='cable'>" in head

    def read(self, stream: BinaryIO, path: str) -> Iterator[Item]:
        yield read_html(stream, path, parse_page)


PageParser = Callable[[str, str, tuple[ParseIssue, ...]], Item]


def read_html(stream: BinaryIO, path: str, parse: PageParser) -> Item:
    """One page read, decoded and handed to the layout's ``parse``; shared by the HTML readers."""
    data = read_page(stream, path)
    if isinstance(data, ReadProblem):
        return data
    page, issues = decode_page(data, path)
    return parse(page, path, issues)


def parse_page(page: str, path: str, issues: tuple[ParseIssue, ...] = ()) -> Item:
    """One cable page as a :class:`RawCable`, or the reason it holds none."""
    table = _CABLE_TABLE.search(page, max(page.find("<table class="), 0))
    if table is None:
        return ReadProblem(
            path,
            "",
            "no cable table (<table class='cable'>) in the page",
            "the page is truncated or is not a cable page; re-download it",
        )
    cells = _metadata(table.group(1))
    reference_id = cells.get("Reference ID", "")
    if not reference_id:
        return ReadProblem(
            path,
            "cable table",
            "the cable table has no Reference ID",
            "the page is damaged; re-download it",
        )
    pres, closed = _pre_blocks(page, table.end())
    if not closed:
        return ReadProblem(
            path,
            f"cable {reference_id}",
            "the page ends inside the cable text (no </pre>)",
            "the file is truncated; re-download it",
        )
    if not pres:
        return ReadProblem(
            path,
            f"cable {reference_id}",
            "no <pre> with the cable text after the cable table",
            "the page is damaged; re-download it",
        )
    if len(pres) == 1 and "</html>" not in page[page.rfind("</pre>") :]:
        # A page cut between the two boxes would pass its header off as the body.
        return ReadProblem(
            path,
            f"cable {reference_id}",
            "the page ends after the first <pre>",
            "the file is truncated; re-download it",
        )
    # One <pre> only: the header box is the one that can be missing (cablemap test pages).
    header = cable_text(pres[0]) if len(pres) >= 2 else ""
    body = cable_text(pres[-1] if len(pres) >= 2 else pres[0])
    original = f"{header}\n\n{body}" if header else body
    meta = _meta(page, cells, pres)
    if (appended := _APPENDED_CABLE.search(body)) is not None:
        # 73TEHRAN8233, 73TEHRAN2077: the 2011 site cut the text with "..." and printed
        # another cable after it. The record is this cable's text; the original keeps all.
        body = body[: appended.start() + 3]
        other = appended.group(1) or appended.group(2)
        issues += (ParseIssue("body", f"the page appends cable {other} after the cut"),)
    if body.rstrip().endswith("..."):
        # 7575LIBREVILLE1895, 09LIMA1191: the site printed only the start of the text.
        issues += (ParseIssue("body", "the page shows the text cut off with '...'"),)
    return RawCable(
        source=Source(FORMAT, path, ""),
        header=header,
        body=body,
        original=original,
        meta=meta,
        issues=issues,
    )


# "... \n\n\n\n08STATE15228\nS E C R E T THE HAGUE 000174": another cable after the cut; or
# its listing row, "...\n\n\n50133  2006-01-19  06THEHAGUE131  Embassy The Hague ..."
# (73TEHRAN2077).
_APPENDED_CABLE = re.compile(
    r"\.\.\.[ \t]*\n(?:[ \t]*\n)+[ \t]*"
    r"(?:(\d{2}[A-Z]{3,}\d+)[ \t]*\n|\d{1,7}[ \t]+\d{4}-\d\d-\d\d[ \t]+(\d{2}[A-Z]{3,}\d+)[ \t])"
)


def _pre_blocks(page: str, start: int) -> tuple[list[str], bool]:
    """The ``<pre>`` texts after ``start``, and False when the last one is never closed."""
    blocks: list[str] = []
    while (begin := page.find("<pre>", start)) >= 0:
        end = page.find("</pre>", begin)
        if end < 0:
            return blocks, False
        blocks.append(page[begin + 5 : end])
        start = end + 6
    return blocks, True


def _metadata(table: str) -> dict[str, str]:
    heads = [strip_markup(h) for h in _TABLE_HEAD.findall(table)]
    for row in _TABLE_ROW.findall(table):
        values = [strip_markup(c) for c in _TABLE_CELL.findall(row)]
        if values:
            return dict(zip(heads, values, strict=False))
    return {}


def _meta(page: str, cells: Mapping[str, str], pres: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {"reference_id": cells["Reference ID"]}
    # The torrent layout has one "Date" column: the creation date.
    created = cells.get("Created") or cells.get("Date")
    if created:
        meta["created"] = created
    if cells.get("Released"):
        meta["released"] = cells["Released"]
    # Link text, never its title: 79TEHRAN8980 shows CONFIDENTIAL titled 'unclassified'.
    for key, label in (("classification", "Classification"), ("origin", "Origin")):
        if cells.get(label):
            meta[key] = cells[label]
    viewing = _VIEWING.search(page)
    if viewing:
        # "<id>, <subject>"; 08TRIPOLI220 has no subject and ends at the comma.
        _, _, subject = decode_entities(viewing.group(1)).partition(",")
        if subject.strip():
            meta["page_title_subject"] = subject.strip()
    tags = list(dict.fromkeys(t.strip() for p in pres for t in _TAG_LINK.findall(p)))
    if tags:
        meta["tags"] = " ".join(decode_entities(t) for t in tags if t)
        # One link per tag, so multi-word tags ("COUNTER TERRORISM") stay whole.
        meta["tag_links"] = "|".join(decode_entities(t) for t in tags if t)
    layout = _layout(page, cells)
    meta["layout"] = layout
    meta["minutes_bug"] = "yes" if _has_minutes_bug(layout, meta) else "no"
    return meta


def _layout(page: str, cells: Mapping[str, str]) -> str:
    if "Date" in cells and "Created" not in cells:
        return "2010-11-torrent"
    if "/static/js/cables.js" in page:
        counter = _RELEASED_SO_FAR.search(page)
        if counter is None:
            return "2011-unknown"
        return "2011" if counter.group(1) == FULL_RELEASE else "2011-early"
    if "/static/js/js.js" in page:
        return "2010-12" if "alt='Keep Us Strong'" in page else "2010-12-early"
    return "unknown"


def _has_minutes_bug(layout: str, meta: Mapping[str, str]) -> bool:
    if layout == "2011":
        return False
    if layout.endswith("unknown"):
        # No layout to go by: the bug's own signature, minutes == 12-hour-clock hour,
        # on every time shown (a real time matches it once in 60).
        times = [_TIME.match(meta.get(k, "")) for k in ("created", "released")]
        found = [t for t in times if t]
        return bool(found) and all(int(t[2]) == (int(t[1]) % 12 or 12) for t in found)
    return True


CABLEGATE_HTML = CablegateHtmlReader()
