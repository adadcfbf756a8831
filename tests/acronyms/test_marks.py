"""Which meaning a cable page shows for an acronym, on the small archive of tests/acronyms."""

from __future__ import annotations

from cablebase.service import Archive
from cablebase.web.acronym_marks import marker, meanings


def _shown(arc: Archive, reference_id: str, origin: str, text: str) -> dict[str, tuple[str, bool]]:
    return {k: (m.expansion, m.local) for k, m in meanings(arc, reference_id, origin, text).items()}


def test_the_origins_meaning_first_else_the_most_common_marked_as_elsewhere(
    acronym_archive: Archive,
) -> None:
    text = "The GOM and the GOI met; NGOs watched."
    assert _shown(acronym_archive, "09MEXICO9903", "Embassy Mexico", text) == {
        "GOM": ("Government of Mexico", True),
        "GOI": ("Government of Israel", False),  # two cables say so, more than any other
        "NGO": ("Nongovernmental organizations", True),
    }
    # Lilongwe's cables never define GOM: Mexico's meaning is shown, but as from elsewhere.
    lilongwe = _shown(acronym_archive, "09LILONGWE9901", "Embassy Lilongwe", "The GOM said.")
    assert lilongwe == {"GOM": ("Government of Mexico", False)}


def test_text_in_capitals_marks_only_what_the_cable_defines(acronym_archive: Archive) -> None:
    text = "THE GOM AND THE GOI MET. THE NGO WATCHED."
    assert _shown(acronym_archive, "09MEXICO9903", "Embassy Mexico", text) == {}
    assert _shown(acronym_archive, "09MEXICO9901", "Embassy Mexico", text) == {
        "GOM": ("Government of Mexico", True),
        "NGO": ("Nongovernmental organizations", True),
    }


def test_marked_html_is_escaped_and_keeps_the_text(acronym_archive: Archive) -> None:
    text = 'The GOM <b>"said"</b> & the GOM agreed.'
    found = meanings(acronym_archive, "09MEXICO9903", "Embassy Mexico", text)
    html = marker(found, "Embassy Mexico")(text)
    title = "Government of Mexico (as 2 cable(s) of Embassy Mexico define it)"
    assert html == (
        f'The <abbr class="acronym" tabindex="0" title="{title}">GOM</abbr>'
        " &lt;b&gt;&#34;said&#34;&lt;/b&gt; &amp; the"
        f' <abbr class="acronym" title="{title}">GOM</abbr> agreed.'
    )
