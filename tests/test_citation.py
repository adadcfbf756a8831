"""Citations of written records (no corpus text): Chicago notes and BibTeX entries."""

from __future__ import annotations

from typing import Any

import pytest

from cablebase.citation import bibtex, bibtex_escape, bibtex_key, chicago, cite
from cablebase.export import export_columns, flat_row, json_row

MEXICO: dict[str, Any] = {
    "reference_id": "08MEXICO23",
    "origin": "Embassy Mexico",
    "subject": "DRAFT COUNTRY TERRORISM REPORT FOR 2007",
    "created": "2008-01-04T22:01",
    "classification": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "source": {"format": "cables-csv", "path": "cables.csv", "position": "row 1"},
}


def test_chicago_note_of_a_cablegate_cable() -> None:
    assert chicago(MEXICO) == (
        'Embassy Mexico, "DRAFT COUNTRY TERRORISM REPORT FOR 2007," telegram 08MEXICO23, '
        "January 4, 2008, UNCLASSIFIED//FOR OFFICIAL USE ONLY, WikiLeaks Cablegate, "
        "https://wikileaks.org/cable/2008/01/08MEXICO23.html."
    )


def test_chicago_uses_the_given_url_and_nests_quotes() -> None:
    record = {**MEXICO, "subject": 'PRESIDENT CALLS IT "A MISTAKE"'}
    note = chicago(record, "http://127.0.0.1:8000/cable/08MEXICO23")
    assert note.startswith("Embassy Mexico, \"PRESIDENT CALLS IT 'A MISTAKE',\" telegram")
    assert note.endswith(", http://127.0.0.1:8000/cable/08MEXICO23.")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # A title ending in ? keeps its mark and takes no comma.
        ({"subject": "WHAT NEXT?"}, 'Embassy Mexico, "WHAT NEXT?" telegram 08MEXICO23, January'),
        # No subject: the telegram is cited by its number alone.
        ({"subject": ""}, "Embassy Mexico, telegram 08MEXICO23, January 4, 2008"),
        # No date: n.d., and no Cablegate address can be made without the month.
        ({"created": None}, "telegram 08MEXICO23, n.d., UNCLASSIFIED"),
    ],
)
def test_chicago_edge_cases(changes: dict[str, Any], expected: str) -> None:
    assert expected in chicago({**MEXICO, **changes})


def test_a_nara_telegram_is_cited_from_plusd_without_a_cablegate_address() -> None:
    record = {
        "reference_id": "1975DACCA00292",
        "origin": "Embassy Dacca",
        "subject": "FLOOD RELIEF",
        "created": "1975-02-03",
        "classification": "LIMITED OFFICIAL USE",
        "source": {"format": "plusd-html", "path": "x.html", "position": ""},
    }
    note = chicago(record)
    assert note == (
        'Embassy Dacca, "FLOOD RELIEF," telegram 1975DACCA00292, February 3, 1975, '
        "LIMITED OFFICIAL USE, WikiLeaks Public Library of US Diplomacy (PlusD)."
    )


def test_bibtex_entry_of_a_cablegate_cable() -> None:
    assert bibtex(MEXICO) == (
        "@misc{cable:08MEXICO23,\n"
        "  author = {{Embassy Mexico}},\n"
        "  title = {{DRAFT COUNTRY TERRORISM REPORT FOR 2007}},\n"
        "  year = {2008},\n"
        "  month = jan,\n"
        "  date = {2008-01-04},\n"
        "  howpublished = {WikiLeaks Cablegate},\n"
        "  note = {Telegram 08MEXICO23, created 2008-01-04, UNCLASSIFIED//FOR OFFICIAL USE ONLY},\n"
        "  url = {https://wikileaks.org/cable/2008/01/08MEXICO23.html},\n"
        "}"
    )


def test_bibtex_escapes_every_tex_special() -> None:
    assert bibtex_escape(r"50% & $5 #1 a_b ^ ~ {x} \ end") == (
        r"50\% \& \$5 \#1 a\_b \^{} \~{} \{x\} \textbackslash{} end"
    )
    entry = bibtex({**MEXICO, "subject": "R&D {BUDGET} 100%", "origin": "USEU_Brussels"})
    assert "title = {{R\\&D \\{BUDGET\\} 100\\%}}" in entry
    assert "author = {{USEU\\_Brussels}}" in entry
    # Braces balance in every line, so no field swallows the next one.
    for line in entry.splitlines()[1:-1]:
        unescaped = line.replace("\\{", "").replace("\\}", "")
        assert unescaped.count("{") == unescaped.count("}"), line


def test_bibtex_key_is_stable_and_safe() -> None:
    assert bibtex_key("08MEXICO23") == "cable:08MEXICO23"
    assert bibtex_key("1974ATHENS02959_b") == "cable:1974ATHENS02959_b"
    assert bibtex_key("09 PARIS,1{}") == "cable:09PARIS1"


def test_bibtex_month_and_date_follow_what_is_known() -> None:
    entry = bibtex({**MEXICO, "created": "1975-02"})
    assert "month = feb," in entry and "date = {1975-02}," in entry
    undated = bibtex({**MEXICO, "created": None})
    assert "year =" not in undated and "month =" not in undated and "url =" not in undated


def test_cite_dispatches_on_style_and_refuses_unknown_styles() -> None:
    assert cite(MEXICO, "bibtex") == bibtex(MEXICO)
    assert cite(MEXICO, "chicago") == chicago(MEXICO)
    with pytest.raises(ValueError):
        cite(MEXICO, "mla")


def test_citations_are_export_columns() -> None:
    columns = export_columns(["reference_id", "citation_bibtex", "citation_chicago"])
    row = flat_row(MEXICO, columns, "http://host")
    assert row["citation_chicago"].endswith("http://host/cable/08MEXICO23.")
    assert row["citation_bibtex"].startswith("@misc{cable:08MEXICO23,")
    assert list(json_row({**MEXICO, "tags": ["PTER"]}, export_columns(["tags"]))) == ["tags"]
