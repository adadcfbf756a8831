"""The reference-id canonicaliser against the reference tables and the corpus."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablebase.parse.reference_id import (
    canonical_reference_id,
    is_cablegate_id,
    split_plusd_suffix,
)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("08MEXICO23", "08MEXICO23"),
        ("08MEXICO000023", "08MEXICO23"),  # the banner form: UNCLAS SECTION 01 OF 03 MEXICO 000023
        ("08mexico23", "08MEXICO23"),
        ("08 MEXICO 23", "08MEXICO23"),
        ("08-MEXICO-23", "08MEXICO23"),
        ("09STATE12345", "09STATE12345"),
        ("06USUNNEWYORK123", "06USUNNEWYORK123"),
        ("08USEUBRUSSELS1", "08USEUBRUSSELS1"),
        ("04SECSTATE88274", "04STATE88274"),  # references column spelling of STATE
        ("03Brasilia3939", "03BRASILIA3939"),  # references column, mixed case
        # Cablegate holds 75TEHRAN2069: the NARA form of that telegram maps to it.
        ("1975TEHRAN02069", "75TEHRAN2069"),
        # PlusD records not in Cablegate keep the NARA form (5 digits, 6 for STATE).
        ("1974ATHENS02959_b", "1974ATHENS02959"),
        ("1974ATHENS02959", "1974ATHENS02959"),
        ("74 ATHENS 2959", "1974ATHENS02959"),
        ("1973STATE097844", "1973STATE097844"),
        ("7575LIBREVILLE1895", "75LIBREVILLE1895"),
        ("08SCTION02OF02SAOPAULO335", "08SAOPAULO335"),
    ],
)
def test_canonical_forms(written: str, canonical: str) -> None:
    assert canonical_reference_id(written) == canonical


@pytest.mark.parametrize(
    "text", ["", "hello", "STATE 145633", "REF: A.", "2004 APRIL 5", "08MEXICO0", "1850PARIS12"]
)
def test_not_an_id(text: str) -> None:
    assert canonical_reference_id(text) is None


def test_plusd_suffix() -> None:
    assert split_plusd_suffix("1974ATHENS02959_b") == ("1974ATHENS02959", "b")
    assert split_plusd_suffix("1973STATE097844_A") == ("1973STATE097844", "a")
    assert split_plusd_suffix("08MEXICO23") == ("08MEXICO23", None)


def test_plusd_pages_name_their_cable(corpus: Path) -> None:
    # The PlusD file names are the record ids: the canonical id is the name minus its suffix.
    pages = sorted((corpus / "plusd-html").glob("*.html"))
    assert pages
    for page in pages:
        record, suffix = split_plusd_suffix(page.stem)
        assert suffix is not None
        assert canonical_reference_id(page.stem) == record


def _malformed(reference: Path) -> list[dict[str, str]]:
    with (reference / "malformed-reference-ids.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_malformed_id_is_corrected(reference: Path) -> None:
    rows = _malformed(reference)
    assert len(rows) == 203
    for row in rows:
        corrected = canonical_reference_id(row["wikileaks_id"])
        assert corrected == row["corrected_id"], row["wikileaks_id"]
        assert canonical_reference_id(corrected) == corrected
        # Published malformed, the cable is still in Cablegate under its corrected id.
        assert is_cablegate_id(corrected), row


def test_every_cablegate_id_is_known(reference: Path) -> None:
    malformed = {r["wikileaks_id"] for r in _malformed(reference)}
    with gzip.open(reference / "cablegate-ids.csv.gz", "rt", encoding="utf-8") as f:
        ids = [row["reference_id"] for row in csv.DictReader(f)]
    assert len(ids) == 251_287
    for published in ids:
        canonical = canonical_reference_id(published)
        assert canonical is not None, published
        assert is_cablegate_id(canonical), published
        if published not in malformed:
            assert canonical == published


@pytest.mark.parametrize(
    ("canonical", "held"),
    [
        ("08MEXICO23", True),
        ("08MEXICO999999", False),
        ("1974ATHENS02959", False),  # a PlusD record, not a Cablegate cable
        ("not an id", False),
    ],
)
def test_is_cablegate_id(canonical: str, held: bool) -> None:
    assert is_cablegate_id(canonical) is held


@given(st.text(max_size=60))
@settings(max_examples=400)
def test_canonical_never_raises_and_is_idempotent(text: str) -> None:
    once = canonical_reference_id(text)
    if once is not None:
        assert canonical_reference_id(once) == once


@given(
    st.integers(min_value=1966, max_value=2010),
    st.sampled_from(["STATE", "MEXICO", "ATHENS", "TEHRAN", "SECSTATE", "HCMC", "LUBUMBASHI"]),
    st.integers(min_value=1, max_value=999_999),
    st.booleans(),
)
def test_canonical_of_any_written_id_is_a_fixed_point(
    year: int, station: str, serial: int, four_digits: bool
) -> None:
    written = f"{year if four_digits else year % 100:02d}{station}{serial:06d}"
    once = canonical_reference_id(written)
    assert once is not None
    assert canonical_reference_id(once) == once
