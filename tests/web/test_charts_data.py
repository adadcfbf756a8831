"""The chart counts follow the archive: a commit to the index is seen at once, and nothing
is counted from a searcher older than the index."""

from __future__ import annotations

from pathlib import Path

from cablebase.service import Archive


def test_charts_see_what_an_ingest_commits(corpus: Path, tmp_path: Path) -> None:
    with Archive.open(tmp_path / "archive", create=True) as archive:
        archive.ingest([corpus / "mirror-pages"], workers=1)
        first = archive.charts()
        before = first.timeline("")
        assert before["total"] == archive.search("", limit=0).total == 1
        assert archive.charts() is first  # nothing committed: the same counts, kept
        archive.ingest([corpus / "plusd-html"], workers=1)
        after = archive.charts().timeline("")
        assert after["total"] == archive.search("", limit=0).total == 4
        assert sum(after["month_totals"]) + after["undated"] == 4
        world = archive.charts().world("")
        placed = sum(c["count"] for c in world["countries"])
        assert placed + sum(o["count"] for o in world["unplaced"]) + world["no_origin"] == 4
