"""The miner on sentences written for these tests: what it learns, and what it refuses."""

from __future__ import annotations

import pytest

from cablebase.acronyms.forms import acronym_key, expansion_key
from cablebase.acronyms.mine import mine


def pairs(text: str) -> list[tuple[str, str]]:
    return [(d.acronym, d.expansion) for d in mine(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials of the Government of Mexico (GOM) agreed.", ("GOM", "Government of Mexico")),
        ("The GOM (Government of Mexico) agreed.", ("GOM", "Government of Mexico")),
        ("GOM (the Government of Mexico) agreed.", ("GOM", "Government of Mexico")),
        (
            "He met the Ministry of Foreign Affairs (MFA) today.",
            ("MFA", "Ministry of Foreign Affairs"),
        ),
        # Function words give their letter or are passed over, in several languages.
        ("a note from the Ministry of Defense (MoD) arrived", ("MoD", "Ministry of Defense")),
        ("members of the Partnership for Peace (PfP) met", ("PfP", "Partnership for Peace")),
        (
            "the Partido Revolucionario Institucional (PRI) won",
            ("PRI", "Partido Revolucionario Institucional"),
        ),
        ("the Banco de la Nacion (BN) lent", ("BN", "Banco de la Nacion")),
        # Hyphenated words give each part's initial; a prefix or an inner capital one more.
        ("Multi-National Force-Iraq (MNF-I) units", ("MNF-I", "Multi-National Force-Iraq")),
        (
            "many nongovernmental organizations (NGOs) said",
            ("NGO", "nongovernmental organizations"),
        ),
        ("shares of PetroChina Company (PCC) rose", ("PCC", "PetroChina Company")),
        (
            "the U.S. Agency for International Development (USAID) funds",
            ("USAID", "U.S. Agency for International Development"),
        ),
        # A possessive is not part of the name.
        (
            "the International Maritime Organization's (IMO) rules",
            ("IMO", "International Maritime Organization"),
        ),
        # Capitals throughout: initials alone.
        ("THE GOVERNMENT OF NICARAGUA (GON) MAINTAINS", ("GON", "GOVERNMENT OF NICARAGUA")),
        # A lower-case word hyphened to a name does not belong to the name.
        ("and other banks-Bahrain Saudi Bank (BSB) said", ("BSB", "Bahrain Saudi Bank")),
    ],
)
def test_definitions_are_learned(text: str, expected: tuple[str, str]) -> None:
    assert pairs(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "1. (SBU) The talks resumed.",  # portion markings
        "2. (C) The minister said so. 3. (S/NF) He added.",
        "Embassy comments follow (NOTAL). See also (SEPTEL).",
        "the Popular Revolutionary Army (EPR) attacked",  # a translation: letters do not fit
        "the Democratic Revolutionary Party (PRD) won",  # Spanish order, English words
        "as the Minister said. (MS) was absent",  # punctuation between
        "an item (a) and an item (B)",  # single letters
        "the G-8 Summit (G8) met",  # digits
        "sent to the Office (EUR/WE) for action",  # office symbols
        "THE CROATIAN HELSINKI COMMITTEE (HHO) MET",  # capitals: no letters from inside words
        "the meeting of the Council of Europe (XYZ)",
        "Ministry (MI) officials",  # one word is not a long form
        "Ramkavar Azatakan (Ramkavar) was founded",  # a name in parentheses
    ],
)
def test_noise_is_refused(text: str) -> None:
    assert pairs(text) == []


def test_the_shortest_long_form_that_fits_is_taken() -> None:
    text = "Yesterday the new Prime Minister (PM) spoke."
    assert pairs(text) == [("PM", "Prime Minister")]


def test_each_definition_once_per_text_and_keys_merge_forms() -> None:
    text = (
        "The Government of Mexico (GOM) said. Later the GOVERNMENT OF MEXICO (GOM) said again."
        " GOM (Government of Mexico) spoke too."
    )
    found = mine(text)
    assert len(found) == 1
    assert (found[0].acronym_key, found[0].expansion_key) == ("GOM", "government of mexico")


def test_keys() -> None:
    assert acronym_key("U.S.G.") == "USG"
    assert acronym_key("NGOs") == "NGO"
    assert acronym_key("MoD") == "MOD"
    assert expansion_key("the  Government of\nMexico") == "government of mexico"
    assert expansion_key("Non-Governmental Organizations", plural=True) == (
        "non governmental organization"
    )
    assert expansion_key("political parties", plural=True) == "political party"
    assert expansion_key("Political Parties") == "political parties"


def test_text_without_parentheses_costs_nothing() -> None:
    assert mine("") == []
    assert mine("no parentheses here at all") == []
