"""The Cablegate page reader against every page of the four layouts in the corpus."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablebase.model import RawCable
from cablebase.sources import detect, read_paths
from cablebase.sources.base import SNIFF_BYTES, ReadProblem
from cablebase.sources.cablegate_html import CABLEGATE_HTML, decode_entities

DIRECTORIES = (
    "cablegate-html",
    "cablegate-html-early",
    "cablegate-html-malformed",
    "wikileaks-cable-html-2011",
)


def read_one(path: Path) -> RawCable:
    with path.open("rb") as stream:
        items = list(CABLEGATE_HTML.read(stream, str(path)))
    assert len(items) == 1, path
    item = items[0]
    assert isinstance(item, RawCable), f"{path}: {item}"
    return item


def pages(corpus: Path) -> list[Path]:
    return sorted(p for d in DIRECTORIES for p in (corpus / d).rglob("*.html"))


@pytest.fixture(scope="module")
def cables(corpus: Path) -> dict[Path, RawCable]:
    return {path: read_one(path) for path in pages(corpus)}


def test_every_page_gives_one_clean_cable(cables: dict[Path, RawCable]) -> None:
    assert len(cables) == 1310 + 40 + 5 + 10
    for path, cable in cables.items():
        assert cable.meta["reference_id"] == path.stem, path
        assert cable.source.format == "cablegate-html"
        assert cable.source.path == str(path)
        assert cable.body.strip(), path
        assert cable.body in cable.original, path
        for text in (cable.header, cable.body, cable.original):
            assert "<a " not in text and "</a>" not in text, path
            assert "&#x" not in text and "¶" not in text, path


def test_every_page_is_sniffed_from_its_head(corpus: Path) -> None:
    for path in pages(corpus):
        head = path.read_bytes()[:SNIFF_BYTES]
        assert CABLEGATE_HTML.sniff(head), path
        assert detect(head) is CABLEGATE_HTML, path


# Values read off the pages by eye (cell text, not the title attribute: 79TEHRAN8980 shows
# CONFIDENTIAL with title='unclassified').
CASES = [
    (
        "cablegate-html/cable/1979/08/79TEHRAN8980.html",
        "1979-08-13 04:04",
        "2010-11-28 18:06",
        "CONFIDENTIAL",
        "Embassy Tehran",
        "2010-12",
        "NEGOTIATIONS",
    ),
    (
        "cablegate-html-early/torrent-2010-11/cable/2006/08/06BERLIN2546.html",
        "2006-08-30 15:03",
        None,
        "CONFIDENTIAL",
        "Embassy Berlin",
        "2010-11-torrent",
        "SPD IN DRIVER'S SEAT FOR BERLIN ELECTION",
    ),
    (
        "cablegate-html-early/site-2010-12/cable/2006/08/06BERLIN2546.html",
        "2006-08-30 15:03",
        "2010-11-28 18:06",
        "CONFIDENTIAL",
        "Embassy Berlin",
        "2010-12-early",
        "SPD IN DRIVER'S SEAT FOR BERLIN ELECTION",
    ),
    (
        "cablegate-html-early/torrent-2010-11/cable/2008/10/08MUNICH355.html",
        "2008-10-31 14:02",
        None,
        "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "Consulate Munich",
        "2010-11-torrent",
        "GERMANY/BAVARIA: CSU HOPES FOR FRESH START WITH NEW AND",
    ),
    (
        "cablegate-html-malformed/07BERN881.html",
        "2007-09-11 09:09",
        "2011-03-14 06:06",
        "SECRET",
        "Embassy Bern",
        "2011-early",
        'FM CALMY-REY "TAKES NOTE" OF USG CONCERNS \\',
    ),
    (
        "cablegate-html-malformed/08TRIPOLI220.html",
        "2008-03-13 15:03",
        "2011-01-31 21:09",
        "CONFIDENTIAL",
        "Embassy Tripoli",
        "2011-early",
        None,
    ),
    (
        "wikileaks-cable-html-2011/cable/1975/11/7575LIBREVILLE1895.html",
        "1975-11-18 12:05",
        "2011-08-30 01:44",
        "CONFIDENTIAL",
        "Embassy Libreville",
        "2011",
        None,
    ),
    (
        "wikileaks-cable-html-2011/cable/1966/12/66BUENOSAIRES2481.html",
        "1966-12-28 18:48",
        "2011-08-30 01:44",
        "UNCLASSIFIED",
        "Embassy Buenos Aires",
        "2011",
        "EXTENDED NATIONAL JURISDICTIONS OVER HIGH SEAS",
    ),
]


@pytest.mark.parametrize(
    ("page", "created", "released", "classification", "origin", "layout", "subject"), CASES
)
def test_page_metadata(
    corpus: Path,
    page: str,
    created: str,
    released: str | None,
    classification: str,
    origin: str,
    layout: str,
    subject: str | None,
) -> None:
    meta = read_one(corpus / page).meta
    assert meta["created"] == created
    assert meta.get("released") == released
    assert meta["classification"] == classification
    assert meta["origin"] == origin
    assert meta["layout"] == layout
    assert meta.get("page_title_subject") == subject


def test_texts_of_79tehran8980(corpus: Path) -> None:
    cable = read_one(corpus / "cablegate-html/cable/1979/08/79TEHRAN8980.html")
    assert cable.header == "R 130458Z AUG 79\nFM AMEMBASSY TEHRAN\nTO SECSTATE WASHDC 3182"
    # Trailing spaces of the lines stay; the TAGS links keep their text.
    assert cable.body.startswith(
        "C O N F I D E N T I A L SECTION 01 OF 02 TEHRAN 08980 \n \nE.O. 12065"
    )
    assert "\nTAGS: PEPR IR\nSUBJECT: NEGOTIATIONS \n \n1. (C - ENTIRE TEXT). \n" in cable.body
    assert cable.original == cable.header + "\n\n" + cable.body
    assert cable.meta["tags"] == "PEPR IR"


def test_raw_record_body_of_07bern881(corpus: Path) -> None:
    # The release put a whole tab-separated record with "\" continuations in the body.
    cable = read_one(corpus / "cablegate-html-malformed/07BERN881.html")
    assert cable.body.startswith("2007-09-11 09:44:00\t07BERN881\tEmbassy Bern\tSECRET\t")
    assert "VZCZCXRO4549\\\nOO RUEHRG\\\n" in cable.body
    assert cable.header.startswith("VZCZCXRO4549\nOO RUEHRG\nDE RUEHSW #0881/01 2540944\n")


def test_cable_text_is_kept_raw_where_the_site_left_it_raw(corpus: Path) -> None:
    # 09MOSCOW2723 prints "R&D;" and 09KHARTOUM881 "<<218634>>": neither is markup.
    moscow = read_one(corpus / "cablegate-html/cable/2009/11/09MOSCOW2723.html")
    assert "used in R&D; they\ncannot appear" in moscow.body
    khartoum = read_one(corpus / "cablegate-html/cable/2009/07/09KHARTOUM881.html")
    assert "<<218634>>\n7/29/2009 14:42\n09KHARTOUM881\n" in khartoum.original
    # 10MADRID87 anchors lettered paragraphs (parB); they go like the numbered ones.
    madrid = read_one(corpus / "cablegate-html/cable/2010/01/10MADRID87.html")
    assert "\n     B. " in madrid.body


def test_cut_bodies_are_flagged(cables: dict[Path, RawCable]) -> None:
    flagged = {p.stem for p, c in cables.items() if any(i.field == "body" for i in c.issues)}
    assert {"7575LIBREVILLE1895", "09LIMA1191"} <= flagged
    assert "79TEHRAN8980" not in flagged


def _csv_dates(corpus: Path) -> dict[str, str]:
    """reference id -> "YYYY-MM-DD HH:MM" from the date column of cables.sample.csv."""
    text = (corpus / "cables-csv/cables.sample.csv").read_text(encoding="utf-8")
    row = re.compile(r'^"\d+","(\d+)/(\d+)/(\d{4}) (\d+):(\d\d)","([^"]+)",', re.M)
    return {
        m[6]: f"{m[3]}-{int(m[1]):02}-{int(m[2]):02} {int(m[4]):02}:{m[5]}"
        for m in row.finditer(text)
    }


def test_minutes_bug_flag_agrees_with_cables_csv(
    corpus: Path, cables: dict[Path, RawCable]
) -> None:
    dates = _csv_dates(corpus)
    compared = {"yes": 0, "no": 0}
    for cable in cables.values():
        truth = dates.get(cable.meta["reference_id"])
        if truth is None:
            continue
        bug = cable.meta["minutes_bug"]
        compared[bug] += 1
        created = cable.meta["created"]
        assert created[:10] == truth[:10], cable.source.path
        if bug == "no":
            assert created == truth, cable.source.path
        else:
            hour, minutes = int(created[11:13]), int(created[14:16])
            assert minutes == (hour % 12 or 12), cable.source.path
    # The ten 2011 pages are all in the CSV, as are 36 pages of the December 2010 site.
    assert compared["no"] == 10
    assert compared["yes"] >= 36


def test_layout_has_minutes_bug_everywhere_but_2011(cables: dict[Path, RawCable]) -> None:
    for cable in cables.values():
        expected = "no" if cable.meta["layout"] == "2011" else "yes"
        assert cable.meta["minutes_bug"] == expected, cable.source.path


def test_read_paths_walks_a_directory(corpus: Path) -> None:
    items = list(read_paths([corpus / "wikileaks-cable-html-2011"]))
    assert [i.meta["reference_id"] for i in items if isinstance(i, RawCable)] == [
        p.stem for p in sorted((corpus / "wikileaks-cable-html-2011").rglob("*.html"))
    ]
    assert all(isinstance(i, RawCable) for i in items)


PAGE = (
    "<html><head><title>Cable Viewer</title></head><body>"
    "<h3>Viewing cable 99TESTPOST1, A TEST &amp; NOTHING MORE</h3>"
    "<table class='cable'><tr><th>Reference ID</th><th>Created</th><th>Released</th>"
    "<th>Classification</th><th>Origin</th></tr><tr>"
    "<td>\n<a href='/cable/1999/01/99TESTPOST1.html'>99TESTPOST1</a>\n</td>"
    "<td>\n<a href='/date/1999-01_0.html'>1999-01-02 03:03</a>\n</td>"
    "<td>\n<a href='/reldate/2010-11-28_0.html'>2010-11-28 18:06</a>\n</td>"
    "<td>\n<a href='/classification/1_0.html' title='secret'>UNCLASSIFIED</a>\n</td>"
    "<td>\n<a href='/origin/1_0.html'>Embassy Nowhere</a>\n</td></tr></table>"
    "<code><pre>R 020303Z JAN 99&#x000A;FM AMEMBASSY NOWHERE</pre></code>"
    "<code><pre>UNCLAS NOWHERE 000001 &#x000A;TAGS: <a href='/tag/PREL_0.html'>PREL</a>&#x000A;"
    "<a id='par1' href='#par1'>¶</a>1. Q&amp;A &lt;ok&gt; &#39;x&#39; R&D AT&T &notice</pre></code>"
    "</div></body></html>"
)


def test_written_page_round_trip() -> None:
    [item] = list(CABLEGATE_HTML.read(io.BytesIO(PAGE.encode()), "test.html"))
    assert isinstance(item, RawCable)
    assert item.header == "R 020303Z JAN 99\nFM AMEMBASSY NOWHERE"
    assert item.body == "UNCLAS NOWHERE 000001 \nTAGS: PREL\n1. Q&A <ok> 'x' R&D AT&T &notice"
    assert item.meta["page_title_subject"] == "A TEST & NOTHING MORE"
    assert item.meta["classification"] == "UNCLASSIFIED"
    assert item.meta["layout"] == "unknown"
    assert item.meta["minutes_bug"] == "yes"  # both times carry the bug's signature


def test_page_without_header_pre_gives_body_only() -> None:
    start = PAGE.index("<code><pre>R 02")
    page = PAGE[:start] + PAGE[PAGE.index("</pre></code>", start) + len("</pre></code>") :]
    [item] = list(CABLEGATE_HTML.read(io.BytesIO(page.encode()), "test.html"))
    assert isinstance(item, RawCable)
    assert item.header == ""
    assert item.original == item.body
    assert item.body.startswith("UNCLAS NOWHERE")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (PAGE[: PAGE.index("<table")].encode(), "no cable table"),
        (PAGE[: PAGE.index("</pre></code><code>") + 30].encode(), "ends inside the cable text"),
        (PAGE[: PAGE.index("<code><pre>")].encode(), "no <pre>"),
        (PAGE[: PAGE.index("</pre></code>") + 13].encode(), "ends after the first <pre>"),
        (PAGE.replace("<th>Reference ID</th>", "<th>Id</th>").encode(), "no Reference ID"),
        (b"\x00\xff garbage <table class='cable'", "no cable table"),
        (b"", "no cable table"),
    ],
)
def test_damaged_pages_give_a_problem(data: bytes, words: str) -> None:
    items = list(CABLEGATE_HTML.read(io.BytesIO(data), "bad.html"))
    assert len(items) == 1
    problem = items[0]
    assert isinstance(problem, ReadProblem)
    assert problem.path == "bad.html"
    assert words in problem.message
    assert "\n" not in str(problem)


def test_undecodable_bytes_are_reported_not_fatal() -> None:
    data = PAGE.encode().replace(b"Embassy Nowhere", b"Embassy \xe9Nowhere")
    [item] = list(CABLEGATE_HTML.read(io.BytesIO(data), "latin.html"))
    assert isinstance(item, RawCable)
    assert item.meta["origin"] == "Embassy \ufffdNowhere"
    assert any("not UTF-8" in i.message for i in item.issues)


def test_every_truncation_of_a_real_page_reads_without_raising(corpus: Path) -> None:
    data = (corpus / "cablegate-html-malformed/08TRIPOLI220.html").read_bytes()
    for end in range(0, len(data), 211):
        items = list(CABLEGATE_HTML.read(io.BytesIO(data[:end]), "cut.html"))
        assert len(items) == 1
        item = items[0]
        if isinstance(item, RawCable):
            # Only a page cut after both boxes may still give the cable.
            assert end > data.index(b"</pre></code>\n<code><pre>") + 20
            assert item.header.startswith("VZCZCXRO4024\nOO RUEHTRO\n")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(lambda t: (PAGE[:300] + t).encode()))
def test_any_bytes_give_one_item_and_no_exception(data: bytes) -> None:
    items = list(CABLEGATE_HTML.read(io.BytesIO(data), "any.html"))
    assert len(items) == 1
    assert isinstance(items[0], RawCable | ReadProblem)


@pytest.mark.parametrize(
    "head",
    [
        b'"1","12/28/1966 18:48","66BUENOSAIRES2481","Embassy Buenos Aires","UNCLASSIFIED",'
        b'"","header","body"\n',
        b"UNCLAS SECTION 01 OF 03 MEXICO 000023\nSUBJECT: A PLAIN TEXT CABLE\n",
        b"<html><head><title>Something else</title></head><body>Viewing</body></html>",
    ],
)
def test_sniff_refuses_other_formats(head: bytes) -> None:
    assert not CABLEGATE_HTML.sniff(head)


def test_sniff_refuses_plusd_pages(corpus: Path) -> None:
    for path in sorted((corpus / "plusd-html").glob("*.html")):
        assert not CABLEGATE_HTML.sniff(path.read_bytes()[:SNIFF_BYTES]), path


@pytest.mark.parametrize(
    ("text", "decoded"),
    [
        ("a&#x000A;b", "a\nb"),
        ("&amp;&lt;&gt;&quot;&#39;&#x27;", "&<>\"''"),
        ("R&D; &notit; &copy &amp", "R&D; &notit; &copy &amp"),
        ("&#150;", "\u2013"),  # a Windows-1252 code the HTML rules map to an en dash
    ],
)
def test_decode_entities_only_decodes_well_formed_references(text: str, decoded: str) -> None:
    assert decode_entities(text) == decoded


def test_a_cable_printed_after_the_cut_is_not_part_of_the_body(corpus: Path) -> None:
    # The 2011 site cut 73TEHRAN8233 with "..." and printed 08STATE15228's text after it.
    page = next((corpus / "wikileaks-cable-html-2011").rglob("73TEHRAN8233.html"))
    cable = read_one(page)
    assert cable.body.rstrip().endswith("...")
    assert "08STATE15228" not in cable.body
    assert "08STATE15228" in cable.original
    assert any("08STATE15228" in issue.message for issue in cable.issues)


def test_a_listing_row_printed_after_the_cut_is_not_part_of_the_body(corpus: Path) -> None:
    # The 2011 site cut 73TEHRAN2077 with "..." and printed a listing row of 06THEHAGUE131
    # ("50133  2006-01-19  06THEHAGUE131  Embassy The Hague ...") and its text after it.
    page = next((corpus / "wikileaks-cable-html-2011").rglob("73TEHRAN2077.html"))
    cable = read_one(page)
    assert cable.body.rstrip().endswith("...")
    assert "06THEHAGUE131" not in cable.body
    assert "06THEHAGUE131" in cable.original
    assert any("06THEHAGUE131" in issue.message for issue in cable.issues)
