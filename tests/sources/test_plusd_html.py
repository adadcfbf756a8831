"""The PlusD page reader against the three 1973-74 NARA telegram pages of the corpus."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablebase.model import RawCable
from cablebase.sources import detect, read_paths
from cablebase.sources.base import SNIFF_BYTES, ReadProblem
from cablebase.sources.plusd_html import PLUSD_HTML


def read_one(path: Path) -> RawCable:
    with path.open("rb") as stream:
        items = list(PLUSD_HTML.read(stream, str(path)))
    assert len(items) == 1, path
    item = items[0]
    assert isinstance(item, RawCable), f"{path}: {item}"
    return item


def pages(corpus: Path) -> list[Path]:
    return sorted((corpus / "plusd-html").glob("*.html"))


def test_every_page_gives_one_clean_record(corpus: Path) -> None:
    assert len(pages(corpus)) == 3
    for path in pages(corpus):
        cable = read_one(path)
        assert cable.meta["reference_id"] == path.stem
        assert cable.source.format == "plusd-html"
        assert cable.body.strip() and cable.header.strip(), path
        assert cable.body in cable.original, path
        for text in (cable.header, cable.body, cable.original):
            assert "<" not in text and "&quot;" not in text and "&#x" not in text, path
        assert detect(path.read_bytes()[:SNIFF_BYTES]) is PLUSD_HTML, path


# Read off the pages: synopsis Date, Metadata pane Original Classification, From, TAGS.
CASES = [
    (
        "1973STATE097844_b",
        "1973 May 22, 18:28 (Tuesday)",
        "LIMITED OFFICIAL USE",
        "SECSTATE WASHDC",
        "INFORMATION TO FORMER SENATOR TYDINGS",
        "SPOP IT",
        None,
    ),
    (
        "1974ATHENS02959_b",
        "1974 May 17, 16:00 (Friday)",
        "LIMITED OFFICIAL USE",
        "ATHENS",
        "ARRESTS OF KALOUDIS AND AMBATIELOS",
        "PINS GR",
        "1974STATE097844|1973STATE097844",
    ),
    (
        "1974ATHENS03099_b",
        "1974 May 23, 15:15 (Thursday)",
        "CONFIDENTIAL",
        "ATHENS",
        "ARRESTS OF KALOUDIS AND AMBATIELOS",
        "PINS GR",
        "1974STATE097844|1973STATE097844",
    ),
]


@pytest.mark.parametrize(
    ("stem", "created", "classification", "origin", "subject", "tags", "references"), CASES
)
def test_record_metadata(
    corpus: Path,
    stem: str,
    created: str,
    classification: str,
    origin: str,
    subject: str,
    tags: str,
    references: str | None,
) -> None:
    meta = read_one(corpus / "plusd-html" / f"{stem}.html").meta
    assert meta["created"] == created
    assert meta["classification"] == classification
    assert meta["plusd:From"] == origin
    assert "origin" not in meta  # the parser names the post from the id
    assert meta["subject"] == subject
    assert meta["tags"] == tags
    assert meta.get("references") == references
    assert meta["plusd:Document Number"] == stem.removesuffix("_b")
    assert meta["plusd:Canonical ID"] == stem


def test_every_metadata_row_of_1974athens02959(corpus: Path) -> None:
    meta = read_one(corpus / "plusd-html/1974ATHENS02959_b.html").meta
    assert meta["plusd:Draft Date"] == "17 MAY 1974"
    assert meta["plusd:Current Classification"] == "UNCLASSIFIED"
    assert meta["plusd:Handling Restrictions"] == "n/a"
    assert meta["plusd:table:Handling Restrictions"] == "-- N/A or Blank --"
    assert meta["plusd:Archive Status"] == "Electronic Telegrams"
    assert meta["plusd:Concepts"] == "WELFARE & WHEREABOUTS, PRISONERS, CONCENTRATION CAMPS, YIAROS"
    assert meta["plusd:TAGS"] == "PINS, GR, (KALOUDIS, NICK), (AMBATIELOS, ANTHONY)"
    assert meta["plusd:table:From"] == "Greece Athens"
    assert meta["plusd:Enclosure"] == "n/a"
    assert meta["plusd:Film Number"] == "D740123-0751"
    assert meta["plusd:Reference"] == "STATE -097844"
    assert meta["plusd:Line Count"] == "71"  # the YAML dump quotes it: '71'
    # Folded over two lines in the pane.
    assert meta["plusd:Markings"] == (
        "Declassified/Released US Department of State EO Systematic Review 30 JUN 2005"
    )
    assert meta["plusd:Review History"] == (
        "RELEASED <15 MAY 2002 by elyme>; APPROVED <25 FEB 2003 by GarlanWA>; "
        "APPROVED <08 JUN 2005 by powellba2>"
    )
    # Every synopsis label and the pane's first and last lines are there.
    for label in (
        "Date",
        "Canonical ID",
        "Character Count",
        "Office Action",
        "Type",
        "Capture Date",
        "Office Origin",
        "Legacy Key",
    ):
        assert f"plusd:{label}" in meta, label


def test_texts_of_1974athens02959(corpus: Path) -> None:
    cable = read_one(corpus / "plusd-html/1974ATHENS02959_b.html")
    assert cable.header.startswith("\n\nLIMITED OFFICIAL USE\n\nPAGE 01  ATHENS 02959  171944Z")
    assert cable.header.endswith(
        "SUBJECT: ARRESTS OF KALOUDIS AND AMBATIELOS\n\nREF: STATE -097844"
    )
    assert cable.body.startswith("\n1. INQUIRIES MADE BY APPROPRIATE SECTION OF EMBASSY ON\n")
    assert 'EMPHASIZED ITS "DEVOTION\nTO INTERNATIONAL LABOR CONVENTION"' in cable.body
    assert cable.original.endswith("NNN\n\n")
    assert cable.original.startswith(cable.header)


def test_multiline_addressees_of_1973state097844(corpus: Path) -> None:
    meta = read_one(corpus / "plusd-html/1973STATE097844_b.html").meta
    assert meta["plusd:To"] == "LUXEMBOURG\nROME"
    assert meta["plusd:Status"] == "<DBA CORRECTED> mcm 980226"
    assert meta["plusd:referenced_by"] == "1974ATHENS02959|1974ATHENS03099"


def test_read_paths_walks_the_directory(corpus: Path) -> None:
    items = list(read_paths([corpus / "plusd-html"]))
    assert [i.meta["reference_id"] for i in items if isinstance(i, RawCable)] == [
        p.stem for p in pages(corpus)
    ]


PAGE = """<html><head><script src="/plusd/js/jquery.min.js"></script>
<title>Cable: 1975TESTPOST00001_b</title></head><body>
<table id="synopsis">
<tr><td colspan="2" style="x">A WRITTEN TEST</td></tr>
<tr><td><div class="s_key"><a class="i" title="Date">Date:</a></div><div class="s_val" \
title=" 1975 Jan 02, 03:04 (Thursday)">1975 Jan 02, 03:04 (Thursday)</div></td>
<td><div class="s_key"><a class="i" title="Canonical ID">Canonical ID:</a></div>\
<div class="s_val" title="x">1975TESTPOST00001_b</div></td></tr>
</table>
<div class="pane-tab"><div class="pane-header">Content</div><div class="pane-content">\
<div class="text-header hidden">
UNCLASSIFIED
FM AMEMBASSY NOWHERE</div><div class="text-button" id="showhide">Show</div>\
<div class="text-content"><div id="tagged-text">
1. Q&amp;A &quot;TEST&quot;.
</div></div></div></div>
<div class="pane-tab"><div class="pane-header">Metadata</div><div class="pane-content">\
<div class="text-content">---
Draft Date: 02 JAN 1975
From: NOWHERE
Original Classification: UNCLASSIFIED
TAGS: PREL, XX, (DOE, JOHN)
To: ! 'SECSTATE

  WASHDC'
</div></div></div>
</body></html>"""


def test_written_page() -> None:
    [item] = list(PLUSD_HTML.read(io.BytesIO(PAGE.encode()), "test.html"))
    assert isinstance(item, RawCable)
    assert item.header == "\nUNCLASSIFIED\nFM AMEMBASSY NOWHERE"
    assert item.body == '\n1. Q&A "TEST".\n'
    # No Raw content pane: the original is rebuilt from the two parts.
    assert item.original == item.header + "\n\n" + item.body
    assert item.meta["reference_id"] == "1975TESTPOST00001_b"
    assert item.meta["created"] == "1975 Jan 02, 03:04 (Thursday)"
    assert item.meta["tags"] == "PREL XX"
    assert item.meta["subject"] == "A WRITTEN TEST"
    assert item.meta["plusd:To"] == "SECSTATE\nWASHDC"
    assert item.issues == ()
    assert PLUSD_HTML.sniff(PAGE.encode())


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (PAGE[: PAGE.index("<table")].encode(), "no PlusD synopsis table"),
        (PAGE[: PAGE.index('<div class="pane-tab">')].encode(), "no telegram text"),
        (PAGE.replace("1975TESTPOST00001_b</div>", "</div>").encode(), "no Canonical ID"),
        (b"\xff\xfe<html>/plusd/ garbage", "no PlusD synopsis table"),
    ],
)
def test_damaged_pages_give_a_problem(data: bytes, words: str) -> None:
    items = list(PLUSD_HTML.read(io.BytesIO(data), "bad.html"))
    assert len(items) == 1
    problem = items[0]
    assert isinstance(problem, ReadProblem)
    assert problem.path == "bad.html"
    assert words in problem.message


def test_every_truncation_of_a_real_page_reads_without_raising(corpus: Path) -> None:
    data = (corpus / "plusd-html/1974ATHENS02959_b.html").read_bytes()
    for end in range(0, len(data), 173):
        items = list(PLUSD_HTML.read(io.BytesIO(data[:end]), "cut.html"))
        assert len(items) == 1
        item = items[0]
        assert isinstance(item, RawCable | ReadProblem)
        if isinstance(item, RawCable) and end < data.index(b'">Metadata</div>'):
            assert any(i.field == "meta" for i in item.issues)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(lambda t: (PAGE[:700] + t).encode()))
def test_any_bytes_give_one_item_and_no_exception(data: bytes) -> None:
    items = list(PLUSD_HTML.read(io.BytesIO(data), "any.html"))
    assert len(items) == 1
    assert isinstance(items[0], RawCable | ReadProblem)


@pytest.mark.parametrize(
    "head",
    [
        b'"1","12/28/1966 18:48","66BUENOSAIRES2481","Embassy Buenos Aires","UNCLASSIFIED",'
        b'"","header","body"\n',
        b"UNCLAS SECTION 01 OF 03 MEXICO 000023\nSUBJECT: A PLAIN TEXT CABLE\n",
    ],
)
def test_sniff_refuses_other_formats(head: bytes) -> None:
    assert not PLUSD_HTML.sniff(head)


def test_sniff_refuses_cablegate_pages(corpus: Path) -> None:
    for path in sorted((corpus / "wikileaks-cable-html-2011").rglob("*.html")):
        assert not PLUSD_HTML.sniff(path.read_bytes()[:SNIFF_BYTES]), path
