"""The cables.csv reader against the real sample, its split part and a hand-written file."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cablebase.model import RawCable
from cablebase.sources import detect, read_paths
from cablebase.sources.base import SNIFF_BYTES, ReadProblem
from cablebase.sources.cables_csv import CABLES_CSV, scan_row, unescape


def read(path: Path) -> list[RawCable | ReadProblem]:
    with path.open("rb") as stream:
        return list(CABLES_CSV.read(stream, str(path)))


def read_bytes(data: bytes) -> list[RawCable | ReadProblem]:
    return list(CABLES_CSV.read(io.BytesIO(data), "tiny.csv"))


def cables(items: list[RawCable | ReadProblem]) -> list[RawCable]:
    return [i for i in items if isinstance(i, RawCable)]


def problems(items: list[RawCable | ReadProblem]) -> list[ReadProblem]:
    return [i for i in items if isinstance(i, ReadProblem)]


def test_sample_gives_every_row(corpus: Path) -> None:
    items = read(corpus / "cables-csv/cables.sample.csv")
    assert problems(items) == []
    rows = cables(items)
    assert len(rows) == 11_721
    ids = [int(c.meta["csv_id"]) for c in rows]
    assert ids == sorted(set(ids))  # sorted by the numeric first column, no duplicates
    for number, cable in enumerate(rows, start=1):
        assert cable.source.format == "cables-csv"
        assert cable.source.position.startswith(f"row {number} (line ")
        assert cable.original == f"{cable.header}\n\n{cable.body}"
        assert '\\"' not in cable.body and "\\'" not in cable.body
    # Every row starts on the line its position names.
    lines = (corpus / "cables-csv/cables.sample.csv").read_bytes().split(b"\n")
    for cable in rows[::500]:
        line = int(cable.source.position.split("line ")[1].rstrip(")"))
        assert lines[line - 1].startswith(f'"{cable.meta["csv_id"]}","'.encode())


def test_first_row_fields_round_trip(corpus: Path) -> None:
    first = cables(read(corpus / "cables-csv/cables.sample.csv"))[0]
    assert first.source.position == "row 1 (line 1)"
    assert dict(first.meta) == {
        "csv_id": "1",
        "created": "12/28/1966 18:48",
        "reference_id": "66BUENOSAIRES2481",
        "origin": "Embassy Buenos Aires",
        "classification": "UNCLASSIFIED",
        "references": "66STATE106206",
    }
    assert first.header.startswith("P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\n")
    assert first.header.endswith("\nAMEMBASSY LONDON\nSTATE GRNC")
    assert first.body.startswith("UNCLASSIFIED BUENOS AIRES 2481 \n \nOriginal Telegram")
    assert 'OF "PREFERENTIAL JURISDICTION" FOR FISHING' in first.body
    assert first.body.endswith("\nGP-3 \nSACCIO \n")


def test_escaped_backslashes_are_single_in_the_text(corpus: Path) -> None:
    rows = cables(read(corpus / "cables-csv/cables.sample.csv"))
    hits = [c for c in rows if "CABLES\\021120 EUROPE CHRISTIANITY.DOC" in c.body]
    assert len(hits) == 1
    assert "F:\\POLITICAL SECTION\\CABLES\\021120" in hits[0].body
    assert not any("\\\\" in c.body for c in rows)


def test_split_part_keeps_rows_before_the_truncated_one(corpus: Path) -> None:
    path = corpus / "cables-csv/cables.csv.part-aa"
    items = read(path)
    assert len(cables(items)) == 36
    assert [str(p) for p in problems(items)] == [str(items[-1])]
    problem = items[-1]
    assert isinstance(problem, ReadProblem)
    assert problem.path == str(path)
    assert problem.position == "row 37 (line 4363)"
    assert "truncated row" in problem.message
    assert "csv id 37" in problem.message and "85CAIRO6360" in problem.message
    # The file opens with a lone quote line: row 1 starts on line 2.
    first = items[0]
    assert isinstance(first, RawCable)
    assert first.source.position == "row 1 (line 2)"


def test_split_part_rows_equal_the_sample_rows(corpus: Path) -> None:
    sample = {c.meta["csv_id"]: c for c in cables(read(corpus / "cables-csv/cables.sample.csv"))}
    part = cables(read(corpus / "cables-csv/cables.csv.part-aa"))
    shared = [c for c in part if c.meta["csv_id"] in sample]
    assert shared  # the sample keeps the same rows of some origins
    for cable in shared:
        twin = sample[cable.meta["csv_id"]]
        assert (cable.header, cable.body, dict(cable.meta)) == (
            twin.header,
            twin.body,
            dict(twin.meta),
        )


def test_truncated_sample_file(corpus: Path) -> None:
    # The corpus README calls this file "cut off mid-body", but its two rows are closed and
    # byte-equal to rows 1 and 2 of cables.sample.csv, so they read as two whole cables.
    items = read(corpus / "cables-csv/cables_sample.truncated.csv")
    assert problems(items) == []
    sample = cables(read(corpus / "cables-csv/cables.sample.csv"))[:2]
    assert [(c.header, c.body) for c in cables(items)] == [(c.header, c.body) for c in sample]
    assert [c.source.position for c in cables(items)] == ["row 1 (line 1)", "row 2 (line 116)"]


# A tiny file in the cables.csv dialect, written for these tests.
TINY = (
    b'"1","1/2/2003 4:05","03TESTPOST1","Embassy Testville","UNCLASSIFIED","",'
    b'"R 020405Z JAN 03\nFM AMEMBASSY TESTVILLE\nTO SECSTATE WASHDC 0001",'
    b'"UNCLAS TESTVILLE 000001 \n \nSUBJECT: \\"QUOTED\\" AND IT\\\'S \\\\\\\\SERVER\\\\SHARE\n'
    b'C:\\TEMP STAYS \\x AND A BACKSLASH AT LINE END \\\\\n\nDOE\n"\n'
    b'2,2/3/2003 5:06,03TESTPOST2,"Embassy Testville",CONFIDENTIAL//NOFORN,03STATE1|03STATE2,'
    b'"FM AMEMBASSY TESTVILLE","C O N F I D E N T I A L TESTVILLE 000002"\r\n'
    b'"3","2/4/2003 6:07","03TESTPOST3","Embassy Testville","UNCLASSIFIED","","FM X","BODY"junk\n'
    b'"4","2/5/2003 7:08","03TESTPOST4","Embassy Testville","UNCLASSIFIED","","FM Y","UNCLAS 4"\n'
    b'"5","2/6/2003 8:09","03TESTPOST5","Embassy Testville","UNCLASSIFIED","","FM Z","UNCLAS CUT'
)


def test_tiny_file_with_tricky_escapes() -> None:
    items = read_bytes(TINY)
    assert [type(i).__name__ for i in items] == [
        "RawCable",
        "RawCable",
        "ReadProblem",
        "RawCable",
        "ReadProblem",
    ]
    first, second, bad, fourth, cut = items
    assert isinstance(first, RawCable) and isinstance(second, RawCable)
    assert first.body == (
        'UNCLAS TESTVILLE 000001 \n \nSUBJECT: "QUOTED" AND IT\'S \\\\SERVER\\SHARE\n'
        "C:\\TEMP STAYS \\x AND A BACKSLASH AT LINE END \\\n\nDOE\n"
    )
    assert first.meta["references"] == ""
    assert first.source.position == "row 1 (line 1)"
    # Bare fields, CRLF row end, `|`-separated references kept raw.
    assert second.meta["created"] == "2/3/2003 5:06"
    assert second.meta["classification"] == "CONFIDENTIAL//NOFORN"
    assert second.meta["references"] == "03STATE1|03STATE2"
    assert second.body == "C O N F I D E N T I A L TESTVILLE 000002"
    assert second.source.position == "row 2 (line 10)"
    assert isinstance(bad, ReadProblem)
    assert bad.position == "row 3 (line 11)" and "malformed row" in bad.message
    assert "03TESTPOST3" in bad.message
    assert isinstance(fourth, RawCable) and fourth.source.position == "row 4 (line 12)"
    assert isinstance(cut, ReadProblem)
    assert cut.position == "row 5 (line 13)" and "truncated row" in cut.message
    assert "tiny.csv" in str(cut)


def test_last_row_without_newline_is_whole() -> None:
    items = read_bytes(b'"9","1/1/2001 0:00","01X9","O","UNCLASSIFIED","","H","UNCLAS B"')
    assert len(items) == 1 and isinstance(items[0], RawCable)
    assert items[0].body == "UNCLAS B"


NEWLINE = b"\n"


def test_field_longer_than_the_read_window() -> None:
    body = ('1. (U) A LONG PARAGRAPH WITH \\"QUOTES\\" \n' * 60_000).encode()
    assert len(body) > 2 * 1024 * 1024
    data = b'"1","1/1/2001 0:00","01X1","O","UNCLASSIFIED","","H","' + body + b'"\n'
    items = read_bytes(data * 2)
    assert len(items) == 2
    assert all(isinstance(i, RawCable) for i in items)
    first = items[0]
    assert isinstance(first, RawCable)
    assert first.body == body.decode().replace('\\"', '"')
    second = items[1]
    assert isinstance(second, RawCable)
    assert second.source.position == f"row 2 (line {body.count(NEWLINE) + 2})"


def test_scan_row_and_unescape() -> None:
    scan = scan_row(b'a,"b\\"c",d,e,f,g,"h","i"\nnext', 0)
    assert scan.status == "ok"
    assert scan.fields == ("a", 'b"c', "d", "e", "f", "g", "h", "i")
    assert scan.end == 25
    assert scan_row(b'a,"b', 0).status == "open"
    assert unescape(b'\\\\\\"x\\y') == '\\"x\\y'


def test_sniff(corpus: Path) -> None:
    for name in ("cables.sample.csv", "cables.csv.part-aa", "cables_sample.truncated.csv"):
        head = (corpus / "cables-csv" / name).read_bytes()[:SNIFF_BYTES]
        assert CABLES_CSV.sniff(head), name
        assert detect(head) is CABLES_CSV, name
    assert not CABLES_CSV.sniff((corpus / "derived-json/wikileaks-11-28-10.json").read_bytes())
    assert not CABLES_CSV.sniff(b"id,date,refid\n1,2,3\n")


def test_read_paths_picks_it_by_content(corpus: Path) -> None:
    items = list(read_paths([corpus / "cables-csv/cables.csv.part-aa"]))
    assert len(items) == 37
    assert {i.source.format for i in items if isinstance(i, RawCable)} == {"cables-csv"}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_garbage_never_raises(noise: bytes) -> None:
    for data in (noise, b'"1","1/1/2001 0:00","' + noise, TINY[:200] + noise):
        for item in read_bytes(data):
            assert isinstance(item, RawCable | ReadProblem)
