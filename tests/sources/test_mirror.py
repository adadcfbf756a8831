"""The mirror-page reader against the Scoop page of 08MEXICO23."""

from __future__ import annotations

import io
from pathlib import Path

from cablebase.model import RawCable
from cablebase.sources import detect, read_paths
from cablebase.sources.base import SNIFF_BYTES, ReadProblem
from cablebase.sources.cables_csv import CABLES_CSV
from cablebase.sources.mirror import MIRROR

PAGE = "mirror-pages/scoop-08MEXICO23.txt"


def test_one_cable_from_the_csv_row_without_chrome(corpus: Path) -> None:
    items = list(read_paths([corpus / PAGE]))
    assert len(items) == 1
    cable = items[0]
    assert isinstance(cable, RawCable)
    assert cable.source.format == "mirror"
    assert cable.source.position == "csv row (line 25)"
    assert cable.meta["mirror_title"] == "Cablegate: Draft Country Terrorism Report for 2007"
    assert cable.meta["csv_id"] == "136383"
    assert cable.meta["reference_id"] == "08MEXICO23"
    assert cable.meta["created"] == "1/4/2008 22:01"
    assert cable.meta["origin"] == "Embassy Mexico"
    assert cable.meta["classification"] == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    assert cable.meta["references"] == "08STATE145633"
    assert cable.header.startswith("VZCZCXRO5183\nRR RUEHCD")
    assert cable.header.endswith("RUEABND/DEA HQS WASHINGTON DC")
    assert cable.body.startswith("UNCLAS SECTION 01 OF 03 MEXICO 000023\n")
    assert cable.body.endswith("Leslie BASSETT\n")
    for chrome in ("Scoop", "World Headlines", "Werewolf", "Search", "More>>", "Cablegate:"):
        assert chrome not in cable.original, chrome
    assert cable.original == f"{cable.header}\n\n{cable.body}"
    assert [issue.field for issue in cable.issues] == ["body"]


def test_body_is_the_page_text_of_the_row(corpus: Path) -> None:
    page = (corpus / PAGE).read_text("utf-8")
    cable = next(iter(read_paths([corpus / PAGE])))
    assert isinstance(cable, RawCable)
    assert cable.body in page and cable.header in page


def test_sniff_tells_page_from_csv(corpus: Path) -> None:
    head = (corpus / PAGE).read_bytes()[:SNIFF_BYTES]
    assert MIRROR.sniff(head) and not CABLES_CSV.sniff(head)
    assert detect(head) is MIRROR
    for name in ("cables.sample.csv", "cables.csv.part-aa", "cables_sample.truncated.csv"):
        assert not MIRROR.sniff((corpus / "cables-csv" / name).read_bytes()[:SNIFF_BYTES])


def test_page_with_a_broken_row_is_a_problem() -> None:
    page = b'Cablegate: A Test Page\n\n1,1/2/2003 4:05,03TESTPOST1,"Embassy",X"Y,\n'
    (item,) = MIRROR.read(io.BytesIO(page), "page.txt")
    assert isinstance(item, ReadProblem)
    assert item.position == "line 3" and "8 fields" in item.message


def test_page_with_a_closed_row_is_read_whole() -> None:
    page = (
        b"Cablegate: A Test Page\n\n"
        b'7,1/2/2003 4:05,03TESTPOST7,"Embassy Testville",UNCLASSIFIED,,"FM AMEMBASSY TESTVILLE",'
        b'"UNCLAS TESTVILLE 000007\n\nDOE"\n\n(c) Test Media\n'
    )
    (item,) = MIRROR.read(io.BytesIO(page), "page.txt")
    assert isinstance(item, RawCable)
    assert item.body == "UNCLAS TESTVILLE 000007\n\nDOE"
    assert item.issues == ()
    assert item.meta["mirror_title"] == "Cablegate: A Test Page"
