"""The decoding tables answer what the reference tables say, read here at test time.

Expected values come from shared/reference/*.csv, not from the packaged copies, so a table
built wrong (a row lost, a column shifted, a prefix not moved) fails here.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import cablebase.decode as d
from cablebase.model import RawCable
from cablebase.sources import read_paths


def rows(reference: Path, name: str) -> list[dict[str, str]]:
    with (reference / name).open(encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


@pytest.fixture(scope="module")
def reference_tags(reference: Path) -> list[dict[str, str]]:
    return rows(reference, "tags.csv")


def test_every_reference_tag_has_its_kind_and_meaning(
    reference: Path, reference_tags: list[dict[str, str]]
) -> None:
    prefixes = {r["plusd_prefix"] for r in rows(reference, "tag-categories.csv")} - {""}
    assert len(reference_tags) > 1000
    for row in reference_tags:
        prefix, dashes, rest = row["meaning"].partition("--")
        meaning = rest if dashes and prefix in prefixes else row["meaning"]
        readings = {(t.kind, t.meaning or "") for t in d.tags(row["code"])}
        assert (row["kind"], meaning) in readings, row
        if row["kind"] == "subject" and dashes:
            assert prefix in {t.category for t in d.tags(row["code"])}, row


def test_known_tags(reference_tags: list[dict[str, str]]) -> None:
    (pter,) = d.tags("pter")
    assert (pter.kind, pter.meaning, pter.category) == (
        "subject",
        "Terrorists and Terrorism",
        "Political Affairs",
    )
    assert {t.kind for t in d.tags("AL")} == {"geographic", "organization"}
    assert d.tag_meaning("MX") == "Mexico"
    assert d.tags("NOSUCHTAG") == () and d.tag_meaning("NOSUCHTAG") is None
    assert d.is_tag("prel") and not d.is_tag("terrorism")


def _expected_codes(reference_tags: list[dict[str, str]], word: str) -> set[str]:
    """Codes whose reference meaning has ``word`` as a whole word (a regex, not the tables)."""
    pattern = re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", re.IGNORECASE)
    return {r["code"].upper() for r in reference_tags if pattern.search(r["meaning"])}


@pytest.mark.parametrize("word", ["terrorism", "mexico", "korea", "energy", "human rights"])
def test_a_word_stands_for_every_code_whose_meaning_holds_it(
    reference_tags: list[dict[str, str]], word: str
) -> None:
    expected = _expected_codes(reference_tags, word)
    assert expected, word  # the words are chosen to be in the reference
    assert set(d.codes_meaning(word)) == expected
    assert set(d.codes_meaning(word.upper())) == expected


def test_word_lookups_that_stand_for_nothing() -> None:
    assert "PTER" in d.codes_meaning("TERRORISM")
    assert d.codes_meaning("terror") == ()  # whole words only
    assert d.codes_meaning("of") == d.codes_meaning("the and") == d.codes_meaning("--") == ()
    assert d.codes_meaning("zzqx") == ()


def test_routing_indicators(reference: Path) -> None:
    table = rows(reference, "routing-indicators.csv")
    for row in table:
        assert row["station"] in {r.station for r in d.routes(row["indicator"])}, row
        if row["indicator_end"]:
            assert row["station"] in {r.station for r in d.routes(row["indicator_end"])}, row
    assert d.route_station("RUEHC") == "DEPT OF STATE WASHINGTON DC"
    assert d.route_station("RHMFISS") is None  # many addressees share it
    assert d.routes("RQQQQQQ") == ()


def test_posts_and_countries(reference: Path) -> None:
    countries: dict[str, dict[str, str]] = {}
    for row in rows(reference, "fips10-4-countries.csv"):
        countries.setdefault(row["fips"], row)
    for row in rows(reference, "posts.csv"):
        found = d.post(row["station"])
        assert found is not None, row
        if not row["fips"]:
            assert found.country is None
            continue
        assert found.country is not None and found.country.fips == row["fips"], row
        assert found.country.iso == (countries[row["fips"]]["iso3166_alpha2"] or None)
        for origin in filter(None, row["origin"].split("|")):
            got = d.country_of_origin(origin)
            assert got is not None, origin
            fips = {c.fips for s in d.stations_of_origin(origin) if (c := d.country_of_station(s))}
            assert got.fips in fips and row["station"] in d.stations_of_origin(origin)
    spain = d.country_of_origin("Embassy Madrid")
    assert spain is not None and (spain.fips, spain.iso) == ("SP", "ES")
    germany = d.country_of_tag("GM")
    assert germany is not None and germany.iso == "DE"
    assert d.country_of_tag("PREL") is None
    assert d.country_of_origin("Consulate Jerusalem") is None  # the tables give it none
    assert d.country_of_origin("Embassy Atlantis") is None


def test_every_origin_of_the_csv_sample_has_a_country(corpus: Path) -> None:
    read = read_paths([corpus / "cables-csv" / "cables.sample.csv"])
    origins = {item.meta.get("origin", "") for item in read if isinstance(item, RawCable)}
    missing = {o for o in origins if d.country_of_origin(o) is None}
    # Jerusalem has no country in the tables; a travelling delegation has none at all.
    assert missing == {"Consulate Jerusalem", "US Delegation, Secretary"}


def test_precedence_caveats_and_markings(reference: Path) -> None:
    for row in rows(reference, "precedence.csv"):
        found = d.precedence(row["precedence"].lower())
        assert found is not None and (found.letter, found.precedence) == (
            row["letter"],
            row["precedence"],
        )
        assert found.note
    letter_o = d.precedence("O")
    assert letter_o is not None and letter_o.precedence == "IMMEDIATE"
    for row in rows(reference, "handling-caveats.csv"):
        assert d.caveat_meaning(row["caveat"]) == (row["meaning"] or None)
    for row in rows(reference, "classification-markings.csv"):
        assert row["cablegate_classification"] in {
            m.classification for m in d.marking(row["marking"])
        }
    secret = d.classification("secret//noforn")
    assert secret.level == "SECRET" and secret.level_note
    assert [(c.caveat, c.meaning) for c in secret.caveats] == [
        ("NOFORN", "No Foreign Distribution")
    ]
    assert "ZNY SSSSS ZZH" in {m.marking for m in secret.markings}
    opened = d.marking("C O N F I D E N T I A L SECTION 01 OF 02 PARIS 002333")
    assert {m.classification for m in opened} >= {"CONFIDENTIAL"}
    assert d.marking("SECRETARY RICE MET") == ()


def test_executive_orders_and_reasons(reference: Path) -> None:
    for row in rows(reference, "executive-orders.csv"):
        found = d.executive_order(f"E.O. {row['eo']}: DECL: 05/20/2018")
        assert found is not None and (found.title, found.signed) == (row["title"], row["signed"])
    assert d.executive_order("12598") is None  # a typo in some cables, not an order
    for cited in ("1.4 (b) and (d)", "1.4(B), (D)", "1.4 (b,d)", "1.4 B/D", "1.4 (B & D)"):
        assert [r.letter for r in d.reasons(cited, "12958")] == ["b", "d"], cited
    (foreign,) = d.reasons("1.4(b)")
    assert foreign.reason == "foreign government information"
    assert [r.letter for r in d.reasons("1.4 d for a review")] == ["d"]
    assert len(d.reasons("1.4 (h)")) == 1 and d.reasons("1.5 (h)") == ()  # (h) came in 2003
    assert d.reasons("1.5 (b)", "12356") == ()  # older orders number their reasons otherwise
    assert d.reasons("N/A") == ()


def test_facet_meanings() -> None:
    assert d.facet_meaning("tag", "PTER") == "Terrorists and Terrorism"
    assert d.facet_meaning("caveat", "NOFORN") == "No Foreign Distribution"
    assert d.facet_meaning("origin", "Embassy Paris") is None
