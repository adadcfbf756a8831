"""Properties: the parser never raises, on any text or bytes, and ids are stable."""

from __future__ import annotations

import io

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cablebase.model import RawCable, Recipient, Source
from cablebase.parse import header as header_module
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


# Addressee lines: a route or none, a name (precedence words among them, some misspelt),
# then spacing and a serial, or what only looks like one.
_ROUTES = st.sampled_from(["", "RUEHC/", "RUEHBB/", "/", "R/"])
_NAMES = st.lists(
    st.one_of(
        st.sampled_from(
            ["SECSTATE WASHDC", "AMEMBASSY X", " ", "PRIORITY", "PRIOITY", "NIACT IMMEDIATE"]
        ),
        st.sampled_from(["(BY POUCH)", "12", "\t", "/"]),
        st.text(max_size=3),
    ),
    max_size=4,
).map("".join)
_SEPARATORS = st.sampled_from(["", " ", "  ", "\t", " \t "])
_SERIALS = st.sampled_from(
    # Arabic-Indic digits are decimal, as the serial pattern's \d reads them; a superscript
    # two is a digit but not decimal
    ["0049", "7", "12345", "123456", "\u0661\u0662", "\u00b2", "IMMEDIATE", ""]
)


@settings(max_examples=500, deadline=None)
@given(
    text=st.tuples(_ROUTES, _NAMES, _SEPARATORS, _SERIALS)
    .map("".join)
    .map(str.strip)
    .filter(lambda t: t and "\n" not in t),
    excluded=st.booleans(),
)
@example(text="RUEHC/ 0049", excluded=False)  # a route and a serial, no name between
@example(text="AMEMBASSY X \u00b2", excluded=False)
@example(text="SECSTATE WASHDC 12 0049", excluded=True)
def test_an_addressee_read_without_its_serial_reads_as_the_whole_line(
    text: str, excluded: bool
) -> None:
    # The serial is taken off before the cached reading of the rest: the same addressee as
    # reading the whole line, serial included.
    route, name, precedence, serial = header_module._addressee(text, take_serial=True)
    assert header_module._recipient(text, excluded=excluded) == Recipient(
        route, name, precedence, serial, excluded
    )
