"""The plain-text reader against the 24 PlusD text files (CRLF, 0xB6 pilcrows)."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cablebase.model import RawCable
from cablebase.sources import detect, read_paths
from cablebase.sources.base import SNIFF_BYTES, ReadProblem
from cablebase.sources.text import BANNER, TEXT, decode_text, reference_id_from_name


def files(corpus: Path) -> list[Path]:
    return sorted((corpus / "plusd-pdf/text").glob("*.txt"))


def read_one(path: Path) -> RawCable:
    with path.open("rb") as stream:
        items = list(TEXT.read(stream, str(path)))
    assert len(items) == 1
    assert isinstance(items[0], RawCable), items[0]
    return items[0]


def test_every_file_is_one_split_cable(corpus: Path) -> None:
    assert len(files(corpus)) == 24
    encodings = []
    for path in files(corpus):
        assert detect(path.read_bytes()[:SNIFF_BYTES]) is TEXT, path
        cable = read_one(path)
        data = path.read_bytes()
        encodings.append(cable.meta["encoding"])
        assert cable.issues == (), path
        assert cable.source.format == "text"
        assert BANNER.match(cable.body), path
        assert "FM " in cable.header and "\nTAGS:" not in cable.header, path
        assert "TAGS:" in cable.body and "SUBJECT:" in cable.body, path
        assert "\r" not in cable.header + cable.body
        assert cable.original == data.decode(cable.meta["encoding"].replace("utf-8", "utf-8-sig"))
        assert cable.original.replace("\r\n", "\n").strip("\n") == (
            f"{cable.header}\n{cable.body}".strip("\n")
        ), path
        assert cable.meta["reference_id"] == path.stem
        assert cable.meta["reference_id_from"] == "filename"
    # The corpus README: 22 of the 24 files are not valid UTF-8 (0xB6 for the pilcrow).
    assert encodings.count("utf-8") == 2 and encodings.count("cp1252") == 22


def test_pilcrow_is_decoded(corpus: Path) -> None:
    cable = read_one(corpus / "plusd-pdf/text/09PARIS1007.txt")
    assert cable.meta["encoding"] == "cp1252"
    assert "\n¶1. (C) Summary:" in cable.body
    assert cable.header.startswith("VZCZCXRO5911\nOO RUEHDBU")
    assert cable.header.endswith("RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY")
    assert cable.body.startswith("CONFIDENTIAL PARIS 001007 \n")


def test_distribution_list_before_fm_stays_in_header(corpus: Path) -> None:
    cable = read_one(corpus / "plusd-pdf/text/09USEUBRUSSELS1177.txt")
    assert cable.header.startswith("INFO  LOG-00")
    assert cable.body.startswith("UNCLAS USEU BRUSSELS 001177")


# A cable written for this test in the PlusD text layout, with an id line.
OWN = (
    "2003TESTVILLE00012 - CONFIDENTIAL\r\n"
    "O 020405Z JAN 03\r\nFM AMEMBASSY TESTVILLE\r\nTO SECSTATE WASHDC IMMEDIATE 0001\r\n"
    "C O N F I D E N T I A L SECTION 01 OF 02 TESTVILLE 000012\r\n\r\n"
    "E.O. 12958: DECL: 01/02/2013\r\nTAGS: PREL XX\r\nSUBJECT: A TEST\r\n\r\n"
    "\u00b61. (C) TEXT.\r\n"
)


def test_own_cable_takes_the_id_from_the_text() -> None:
    (cable,) = TEXT.read(io.BytesIO(OWN.encode("cp1252")), "dir/09PARIS1007.txt")
    assert isinstance(cable, RawCable)
    assert cable.meta["reference_id"] == "2003TESTVILLE00012"
    assert cable.meta["reference_id_from"] == "text"
    assert cable.meta["encoding"] == "cp1252"
    assert cable.body.startswith("C O N F I D E N T I A L SECTION 01 OF 02")
    assert cable.header.endswith("TO SECSTATE WASHDC IMMEDIATE 0001")
    assert "¶1. (C) TEXT." in cable.body


def test_text_without_banner_keeps_everything_in_body() -> None:
    text = b"FM AMEMBASSY TESTVILLE\nTO SECSTATE WASHDC\nTAGS: PREL\n"
    (cable,) = TEXT.read(io.BytesIO(text), "notes.txt")
    assert isinstance(cable, RawCable)
    assert cable.header == "" and cable.body == text.decode()
    assert [i.field for i in cable.issues] == ["body"]
    assert "reference_id" not in cable.meta


def test_decode_and_names() -> None:
    assert decode_text("é¶".encode()) == ("é¶", "utf-8")
    assert decode_text(b"\xb6") == ("¶", "cp1252")
    assert decode_text(b"\x81\xb6") == ("\x81¶", "latin-1")
    assert reference_id_from_name("a/b/09UNVIEVIENNA279.txt") == "09UNVIEVIENNA279"
    assert reference_id_from_name("x.zip > 07BOGOTA1165.txt") == "07BOGOTA1165"
    assert reference_id_from_name("notes.txt") is None


def test_garbage_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    items = list(read_paths([junk, empty]))
    assert len(items) == 2 and all(isinstance(i, ReadProblem) for i in items)
    assert not TEXT.sniff(b"hello world, nothing cable-like here\n")
    (blank,) = TEXT.read(io.BytesIO(b" \r\n \r\n"), "blank.txt")
    assert isinstance(blank, ReadProblem)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_never_raise(noise: bytes) -> None:
    for item in TEXT.read(io.BytesIO(b"FM X\n" + noise), "n.txt"):
        assert isinstance(item, RawCable | ReadProblem)
