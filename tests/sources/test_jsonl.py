"""The JSON lines reader: the first-day MongoDB export and cablebase's own records."""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cablebase.model import RawCable
from cablebase.sources import detect
from cablebase.sources.base import SNIFF_BYTES, ReadProblem
from cablebase.sources.jsonl import JSONL

EXPORT = "derived-json/wikileaks-11-28-10.json"


def read_bytes(data: bytes) -> list[RawCable | ReadProblem]:
    return list(JSONL.read(io.BytesIO(data), "cables.jsonl"))


def test_export_gives_219_cables(corpus: Path) -> None:
    path = corpus / EXPORT
    with path.open("rb") as stream:
        items = list(JSONL.read(stream, str(path)))
    assert len(items) == 219
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    for number, (item, record) in enumerate(zip(items, records, strict=True), start=1):
        assert isinstance(item, RawCable)
        assert item.source.format == "jsonl"
        assert item.source.position == f"line {number}"
        assert item.header == record["header"] and item.body == record["body"]
        assert item.original == f"{record['header']}\n\n{record['body']}"
        assert item.meta["reference_id"] == record["reference_id"]
        assert item.meta["created"] == record["date_time"]
        assert item.meta["origin"] == record["origin"]
        assert item.meta["classification"] == record["classification"]
        assert item.meta["json_id"] == record["_id"]


def test_sniff(corpus: Path) -> None:
    head = (corpus / EXPORT).read_bytes()[:SNIFF_BYTES]
    assert JSONL.sniff(head) and detect(head) is JSONL
    assert not JSONL.sniff(b'{"name": "not a cable"}\n')
    assert not JSONL.sniff((corpus / "cables-csv/cables.csv.part-aa").read_bytes()[:SNIFF_BYTES])


def test_own_records_are_read_from_original() -> None:
    record = {
        "reference_id": "03TESTVILLE1",
        "created": "2003-01-02 04:05",
        "original": "R 020405Z JAN 03\nFM AMEMBASSY TESTVILLE\n\nUNCLAS TESTVILLE 000001\n",
        "tags": ["PREL"],
    }
    (cable,) = read_bytes(json.dumps(record).encode() + b"\n")
    assert isinstance(cable, RawCable)
    assert cable.header == "" and cable.body == record["original"]
    assert cable.original == record["original"]
    assert cable.meta == {"reference_id": "03TESTVILLE1", "created": "2003-01-02 04:05"}


def test_bad_lines_are_problems_and_reading_goes_on() -> None:
    good = json.dumps({"_id": "03X1", "header": "FM X", "body": "UNCLAS 1"}).encode()
    data = b"\n".join(
        [good, b'{"_id": "03X2", "body": ', b"[1, 2]", b'{"_id": "03X3"}', b"\xff\xfe", good]
    )
    items = read_bytes(data)
    assert [type(i).__name__ for i in items] == [
        "RawCable",
        "ReadProblem",
        "ReadProblem",
        "ReadProblem",
        "ReadProblem",
        "RawCable",
    ]
    problem = items[1]
    assert isinstance(problem, ReadProblem)
    assert problem.position == "line 2"
    assert problem.message.startswith("line 2: invalid JSON")
    assert "cables.jsonl: line 2: line 2: invalid JSON" in str(problem)
    assert "not an object" in str(items[2])
    assert "no cable text" in str(items[3])
    assert "line 5: invalid JSON" in str(items[4])
    last = items[5]
    assert isinstance(last, RawCable) and last.source.position == "line 6"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_garbage_never_raises(noise: bytes) -> None:
    for item in read_bytes(b'{"_id": "x", ' + noise):
        assert isinstance(item, RawCable | ReadProblem)
