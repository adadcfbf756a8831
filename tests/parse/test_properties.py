"""Properties: the parser never raises, on any text or bytes, and ids are stable."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from cablebase.model import RawCable, Source
from cablebase.parse import parse_cable
from cablebase.sources import read_stream

# Text that looks like cables: the field words, digits, punctuation and line breaks that
# the grammar keys on, mixed with arbitrary characters.
_PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        " ",
        "SUBJECT: ",
        "TAGS: ",
        "E.O. 12958: DECL: ",
        "REF: A. STATE 1234 B. ",
        "Classified By: ",
        "1. (C) ",
        "SUMMARY: ",
        "END SUMMARY",
        "COMMENT: ",
        "PAGE 02 X 12 121212Z",
        "C O N F I D E N T I A L",
        "SECTION 01 OF 02 ",
        "FM AMEMBASSY X\n",
        "TO RUEHC/SECSTATE WASHDC ",
        "R 042201Z JAN 08\n",
        "VZCZC",
        "¶",
        "(",
        ")",
        "//",
        "BT\n",
        "000123",
        "RICE\n",
    ]
)
_CABLE_LIKE = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(header=_CABLE_LIKE, body=_CABLE_LIKE, reference_id=st.text(max_size=20))
def test_parse_never_raises_on_any_text(header: str, body: str, reference_id: str) -> None:
    raw = RawCable(
        source=Source("text", "hypothesis"),
        header=header,
        body=body,
        original=header + "\n\n" + body,
        meta={"reference_id": reference_id, "created": reference_id},
    )
    cable = parse_cable(raw)
    assert cable.original == raw.original
    assert isinstance(cable.to_dict(), dict)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=3000))
def test_reading_and_parsing_never_raise_on_any_bytes(data: bytes) -> None:
    for item in read_stream(io.BytesIO(data), "fuzz.bin"):
        if isinstance(item, RawCable):
            parse_cable(item)
        else:
            assert "fuzz.bin" in str(item)


@settings(max_examples=200, deadline=None)
@given(prefix=_CABLE_LIKE, data=st.binary(max_size=400))
def test_cable_looking_bytes_never_raise(prefix: str, data: bytes) -> None:
    blob = (
        b'"1","1/2/2003 10:00","03STATE1","Secretary of State","SECRET","","'
        + prefix.encode("utf-8", "surrogatepass")
        + data
    )
    for item in read_stream(io.BytesIO(blob), "fuzz.csv"):
        if isinstance(item, RawCable):
            parse_cable(item)
