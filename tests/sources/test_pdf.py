"""The PDF reader against the 14 PDF renderings of 2000 cables."""

from __future__ import annotations

import io
import re
from pathlib import Path

from cablebase.model import RawCable
from cablebase.sources import detect, read_paths
from cablebase.sources.base import SNIFF_BYTES, ReadProblem
from cablebase.sources.pdf import PDF, strip_chrome


def pdfs(corpus: Path) -> list[Path]:
    return sorted((corpus / "plusd-pdf/pdf").glob("*.pdf"))


def read_one(path: Path) -> RawCable:
    with path.open("rb") as stream:
        items = list(PDF.read(stream, str(path)))
    assert len(items) == 1
    assert isinstance(items[0], RawCable), items[0]
    return items[0]


def test_every_pdf_gives_one_cable(corpus: Path) -> None:
    assert len(pdfs(corpus)) == 14
    with_tags = []
    for path in pdfs(corpus):
        assert detect(path.read_bytes()[:SNIFF_BYTES]) is PDF
        cable = read_one(path)
        assert cable.source.format == "pdf"
        assert cable.body.strip(), path
        if re.search(r"(?m)^(TAGS|SUBJECT):", cable.body):
            with_tags.append(path.stem)
            assert cable.issues == (), path
            assert "FM " in cable.header, path
        assert cable.meta["reference_id_from"] in {"text", "filename"}
    # 00DAMASCUS3013.pdf renders only the routing header (no banner, TAGS or text):
    # the PDF itself carries nothing more.
    assert sorted(set(p.stem for p in pdfs(corpus)) - set(with_tags)) == ["00DAMASCUS3013"]
    broken = read_one(corpus / "plusd-pdf/pdf/00DAMASCUS3013.pdf")
    assert broken.header == "" and broken.body.startswith("O 131830Z JUN 00\nFM AMEMBASSY")
    assert [i.field for i in broken.issues] == ["body"]


def test_tags_links_and_pilcrows_are_joined(corpus: Path) -> None:
    cable = read_one(corpus / "plusd-pdf/pdf/00ABUDHABI5893.pdf")
    assert "\nTAGS: PREL XF TC\nSUBJECT:" in cable.body
    assert "\n¶2.  (C) SUMMARY:" in cable.body
    assert "TAGS: \nPREL" in cable.original  # the extracted text is kept as it was
    assert cable.meta["reference_id"] == "00ABUDHABI5893"
    assert cable.meta["reference_id_from"] == "filename"
    assert cable.body.rstrip().endswith("KATTOUF")


def test_plusd_id_lines_are_chrome(corpus: Path) -> None:
    cable = read_one(corpus / "plusd-pdf/pdf/00HANOI686.pdf")
    assert cable.meta["reference_id"] == "2000HANOI00686"
    assert cable.meta["reference_id_from"] == "text"
    assert cable.meta["classification"] == "CONFIDENTIAL"
    assert "2000HANOI00686" not in cable.header + cable.body
    assert cable.original.count("2000HANOI00686 - CONFIDENTIAL") == 2
    assert cable.header.startswith("This record is a partial extract of the original cable.")
    assert cable.body.startswith("C O N F I D E N T I A L SECTION 01 OF 07 HANOI 000686")
    assert not cable.body.rstrip().endswith(">")


def test_strip_chrome_on_written_text() -> None:
    text = "1999TESTVILLE00001 - SECRET\nTAGS: \nPREL\n \nXX\nSUBJECT: A\n¶\n1. B\n>\n \n"
    cleaned, meta = strip_chrome(text)
    assert cleaned == "TAGS: PREL XX\nSUBJECT: A\n¶1. B\n"
    assert meta == {
        "reference_id": "1999TESTVILLE00001",
        "classification": "SECRET",
        "reference_id_from": "text",
    }


def test_damaged_pdfs_are_problems(corpus: Path, tmp_path: Path) -> None:
    whole = (corpus / "plusd-pdf/pdf/00ATHENS1501.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 3])
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    for path in (cut, junk):
        items = list(read_paths([path]))
        assert len(items) == 1, path
        assert isinstance(items[0], ReadProblem), path
        assert str(path) in str(items[0])


def test_pdf_without_text_layer_is_a_problem() -> None:
    from pypdf import PdfWriter

    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(buffer)
    (item,) = PDF.read(io.BytesIO(buffer.getvalue()), "blank.pdf")
    assert isinstance(item, ReadProblem) and "no text layer" in item.message
