"""Canonical names: written cases of what unifies, what stays apart, and what is no name."""

from __future__ import annotations

import pytest

from cablebase.entities.aliases import groups, resolve
from cablebase.entities.extract import mentions
from cablebase.entities.names import (
    PersonName,
    person_from_signature,
    person_from_tag,
    person_from_text,
    query_value,
    slug,
)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        # titles before or after the name, reasons after it
        ("Ambassador John Smith, reasons 1.4 (b) and (d)", "SMITH, JOHN"),
        ("Classified By: Ambassador John Smith", "SMITH, JOHN"),
        ("(U) CLASSIFIED BY AMBASSADOR LAWRENCE ROSSIN", "ROSSIN, LAWRENCE"),
        ("MICHAEL J. HABIB, MINISTER-COUNSELOR FOR POLITICAL AFFAIRS", "HABIB, MICHAEL"),
        ("DEPUTY CHIEF OF MISSION, BRENT HARDT", "HARDT, BRENT"),
        ("Deputy Chief of Mission D. Brent Hardt", "HARDT, BRENT"),
        ("DCM;DOUG SILLIMAN", "SILLIMAN, DOUG"),
        ("Pol/econ chief Mary Daly per 1.4 (b) and (d)", "DALY, MARY"),
        ("DCM Hugo Llorens for reaons 1.4 (b) & (d)", "LLORENS, HUGO"),
        ("Charge d\u2019Affaires, a.i., Roger D. Pierce", "PIERCE, ROGER"),
        ("DCM Robert Goldberg fo", "GOLDBERG, ROBERT"),
        # offices written in capitals inside mixed case are not names
        ("ECON MC Jeff Hartley", "HARTLEY, JEFF"),
        ("DepPolCouns Lawrence Cohen", "COHEN, LAWRENCE"),
        ("AMBASSSADOR MARGUERITA D. RAGSDALE", "RAGSDALE, MARGUERITA"),
        # a word that begins like "reason" is not one
        ("Human Rights Officer Katharine Read", "READ, KATHARINE"),
        # initials, joined initials, Mc, particles, accents, case
        ("Ambassador Edmund J.Hull", "HULL, EDMUND"),
        ("POLOFF A.F.GODFREY", "GODFREY, A"),
        ("Acting A/S Nancy McEldowney", "MCELDOWNEY, NANCY"),
        ("CHRISTOPHER MC MULLEN", "MCMULLEN, CHRISTOPHER"),
        ("Helen La Lime", "LA LIME, HELEN"),
        ("LA LIME", "LA LIME"),
        ("Ambassador José Peña", "PENA, JOSE"),
        ("Leslie BASSETT", "BASSETT, LESLIE"),
        ("Martinez", "MARTINEZ"),
        ("MARTINEZ", "MARTINEZ"),
        ("Ambassador Charles Jones Jr.", "JONES, CHARLES"),
    ],
)
def test_person_from_text(text: str, canonical: str) -> None:
    name = person_from_text(text)
    assert name is not None, text
    assert name.canonical == canonical


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("ARGYROS", "ARGYROS"),
        ("Leslie BASSETT", "BASSETT, LESLIE"),
        ("KUBISKE KUBISKE", "KUBISKE"),
        ("END TEXT HEFFERN", "HEFFERN"),
        ("CLINTON UNQUOTE CLINTON", "CLINTON"),
        ("TIMKEN JR", "TIMKEN"),
    ],
)
def test_person_from_signature(text: str, canonical: str) -> None:
    name = person_from_signature(text)
    assert name is not None, text
    assert name.canonical == canonical


@pytest.mark.parametrize(
    "text",
    [
        "AMBASSADOR",
        "Charge d'Affaires, a.i",
        "CDA ROBERT S. FOR",  # cut short: an initial is no surname
        "XXXXXXXXXXXX, Ambassador",  # redacted
        "Derived from Multiple Sources",
        "1.4 (b) and (d)",
        "",
    ],
)
def test_no_person_in_text(text: str) -> None:
    assert person_from_text(text) is None


@pytest.mark.parametrize(
    ("tag", "canonical"),
    [
        ("OVIP (CLINTON, HILLARY)", "CLINTON, HILLARY"),
        ("OVIP (STEINBERG, JAMES B.)", "STEINBERG, JAMES"),
        ("SP (EL HARRAK, SAED ET AL)", "EL HARRAK, SAED"),
        (" (ALI, JAFFAR ET AL)", "ALI, JAFFAR"),
        ("CLOK (KREISLER DE AGUILAR, EDUARDO RAFAEL)", "KREISLER DE AGUILAR, EDUARDO"),
        # no comma: the order is unknown, so the words stay whole
        ("HO (MORRIS ARNOLD FREDERICK)", "MORRIS ARNOLD FREDERICK"),
        ("LY (OVIP, RUMSFELD DONALD)", "RUMSFELD DONALD"),
    ],
)
def test_person_from_tag(tag: str, canonical: str) -> None:
    name = person_from_tag(tag)
    assert name is not None, tag
    assert name.canonical == canonical


@pytest.mark.parametrize(
    "tag",
    ["HUMAN RIGHTS (GENERAL)", "DEFENSE REFORM (MIL & NATO)", "SP ()", "PREL", "KPAO"],
)
def test_no_person_tag(tag: str) -> None:
    assert person_from_tag(tag) is None


def test_key_and_query_value() -> None:
    assert PersonName("LA LIME", ("HELEN",)).key == "la-lime-helen"
    assert slug("Embassy Paris") == "embassy-paris"
    for typed in ("SMITH, JOHN", "John Smith", "john  smith", "Smith, John Q."):
        assert query_value(typed) == "SMITH, JOHN"
    assert query_value("smith") == "SMITH"


def test_signer_takes_the_name_of_the_classifier() -> None:
    found = mentions(
        {
            "classified_by": "Ambassador George L. Argyros, reasons 1.4 (b)",
            "signers": ["ARGYROS"],
            "tags": ["PREL", "SP", "NATO", "OVIP (RICE, CONDOLEEZZA)"],
            "origin": "Embassy Madrid",
        }
    )
    rows = {(m.kind, m.name, m.role) for m in found}
    assert rows == {
        ("person", "ARGYROS, GEORGE", "classified-by"),
        ("person", "ARGYROS, GEORGE", "signer"),
        ("person", "RICE, CONDOLEEZZA", "tagged"),
        ("organisation", "NATO", "tag"),
        ("place", "Spain", "tag"),
        ("place", "Embassy Madrid", "origin"),
    }
    signer = next(m for m in found if m.role == "signer")
    assert signer.surface == "ARGYROS"  # the form written is kept


def test_aliases_only_when_unambiguous() -> None:
    names = [
        "ARGYROS",
        "ARGYROS, GEORGE",
        "SMITH",
        "SMITH, JOHN",
        "SMITH, JANE",
        "GODFREY, A",
        "GODFREY, ANTHONY",
        "AGMISENHEIMER",
        "MISENHEIMER, ALAN",
        "XYMISENHEIMER",  # initials that are not his
        "MCMULLEN, RON",
        "MCMULLEN, RONALD",  # a short form is not unified with the full one
        "HULL",
    ]
    aliases = resolve(names)
    assert aliases == {
        "ARGYROS": "ARGYROS, GEORGE",
        "GODFREY, A": "GODFREY, ANTHONY",
        "AGMISENHEIMER": "MISENHEIMER, ALAN",
    }
    assert groups(aliases)["ARGYROS, GEORGE"] == ["ARGYROS, GEORGE", "ARGYROS"]


def test_aliases_only_within_the_years_of_the_full_name() -> None:
    spans = {
        "CLINTON": (1988, 2010),  # a 1988 signer among the Secretary's cables
        "CLINTON, HILLARY": (2009, 2010),
        "ARGYROS": (2001, 2004),
        "ARGYROS, GEORGE": (2002, 2004),
        "GODFREY, A": (None, None),
        "GODFREY, ANTHONY": (2003, 2005),
    }
    assert resolve(spans, spans) == {
        "ARGYROS": "ARGYROS, GEORGE",
        "GODFREY, A": "GODFREY, ANTHONY",
    }
