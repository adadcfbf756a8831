"""The reference graph over the real cables.csv sample: consistency, resolution, counts."""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from pathlib import Path

import pytest

from cablebase.errors import UsageError
from cablebase.graph import Direction, ReferenceStatus
from cablebase.service import Archive


@pytest.fixture(scope="module")
def records(csv_archive: Archive) -> dict[str, list[dict[str, object]]]:
    """Each cable's references as its stored record has them (not the refs table)."""
    out = {}
    for reference_id in csv_archive.iter_ids(""):
        out[reference_id] = list(csv_archive.get(reference_id).get("references") or ())
    return out


@pytest.fixture(scope="module")
def cablegate_ids(reference: Path) -> set[str]:
    with gzip.open(reference / "cablegate-ids.csv.gz", "rt", encoding="utf-8") as handle:
        return {row["reference_id"] for row in csv.DictReader(handle)}


def test_every_cites_edge_has_its_cited_by_twin(
    csv_archive: Archive, records: dict[str, list[dict[str, object]]]
) -> None:
    # What the records say each cable cites: the edges the graph must have, no more.
    expected = {
        (citing, str(ref["reference_id"]))
        for citing, refs in records.items()
        for ref in refs
        if ref["reference_id"]
    }
    assert len(expected) > 10_000
    cites = {(c, cited) for c in records for cited in csv_archive.cites(c)}
    assert cites == expected
    targets = {cited for _, cited in expected}
    cited_by = {(citing, t) for t in targets for citing in csv_archive.cited_by(t)}
    assert cited_by == expected
    # The same through the graph API: one step out each way, every cable of the archive.
    walked_out: set[tuple[str, str]] = set()
    for citing in records:
        graph = csv_archive.neighbourhood(citing, direction=Direction.CITES, limit=5000)
        walked_out.update((e.source, e.target) for e in graph.edges if e.kind == "cable")
    walked_in: set[tuple[str, str]] = set()
    for cited in targets:
        graph = csv_archive.neighbourhood(cited, direction=Direction.CITED_BY, limit=5000)
        walked_in.update((e.source, e.target) for e in graph.edges if e.target == cited)
    assert {e for e in walked_out if e[1] is not None} >= expected
    assert walked_in == expected


def test_counts_by_status_match_the_records_and_the_cablegate_list(
    csv_archive: Archive,
    records: dict[str, list[dict[str, object]]],
    cablegate_ids: set[str],
) -> None:
    here = set(records)
    expected: Counter[str] = Counter()
    for refs in records.values():
        for ref in refs:
            cited = ref["reference_id"]
            if cited in here:
                expected["resolved"] += 1
            elif cited in cablegate_ids:
                expected["absent"] += 1
            elif cited:
                expected["outside"] += 1
            elif ref["kind"] == "cable":
                expected["unidentified"] += 1
            else:
                expected["non-cable"] += 1
    counts = csv_archive.reference_counts()
    assert {s.value: n for s, n in counts.by_status} == dict(expected)
    assert counts.total == sum(len(r) for r in records.values())
    assert all(expected[s] > 0 for s in ReferenceStatus)  # the sample has every class
    kinds = Counter(
        str(r["kind"]) for refs in records.values() for r in refs if r["kind"] != "cable"
    )
    assert dict(counts.non_cable_by_kind) == dict(kinds)
    assert counts.resolution_rate == pytest.approx(
        expected["resolved"] / (counts.total - expected["non-cable"])
    )


def test_a_neighbourhood_keeps_non_cable_references_typed(
    csv_archive: Archive, records: dict[str, list[dict[str, object]]]
) -> None:
    citing, refs = next(
        (c, r) for c, r in sorted(records.items()) if any(x["kind"] == "email" for x in r)
    )
    graph = csv_archive.neighbourhood(citing, direction="cites")
    emails = [n for n in graph.nodes if n.kind == "email"]
    assert emails and all(n.status is ReferenceStatus.NON_CABLE and n.text for n in emails)
    assert {n.text for n in emails} == {r["text"] for r in refs if r["kind"] == "email"}
    for node in emails:
        assert any(
            e.source == citing and e.target == node.id and e.kind == "email" for e in graph.edges
        )
    centre = graph.nodes[0]
    assert centre.id == citing and centre.depth == 0 and centre.in_archive


def test_depth_direction_and_the_fan_out_limit(csv_archive: Archive) -> None:
    top = csv_archive.most_cited("", 1)[0]
    one = csv_archive.neighbourhood(top.reference_id, depth=1, direction="cited-by")
    assert {n.id for n in one.nodes if n.depth == 1} == set(csv_archive.cited_by(top.reference_id))
    assert all(
        e.target == top.reference_id or {e.source, e.target} <= {n.id for n in one.nodes}
        for e in one.edges
    )
    two = csv_archive.neighbourhood(top.reference_id, depth=2)
    assert {n.id for n in one.nodes} <= {n.id for n in two.nodes}
    assert max(n.depth for n in two.nodes) == 2
    small = csv_archive.neighbourhood(top.reference_id, depth=2, limit=5)
    assert len(small.nodes) == 5 and small.truncated
    assert 0 < small.omitted <= len(two.nodes) - 5
    assert "stopped at 5 nodes" in small.notes[0]
    node_ids = {n.id for n in small.nodes}
    assert all(e.source in node_ids and e.target in node_ids for e in small.edges)


def test_a_cited_cable_not_in_the_archive_can_be_the_centre(csv_archive: Archive) -> None:
    absent = next(c for c in csv_archive.most_cited("", 200) if c.status is ReferenceStatus.ABSENT)
    graph = csv_archive.neighbourhood(absent.reference_id.lower())
    assert graph.centre == absent.reference_id
    assert graph.nodes[0].in_cablegate and not graph.nodes[0].in_archive
    assert graph.nodes[0].to_dict()["absent_from_archive"] is True
    assert sum(e.target == graph.centre for e in graph.edges) == absent.overall


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reference_id": "99NOWHERE1"}, "no cable 99NOWHERE1"),
        ({"reference_id": "04NEWDELHI7395", "depth": 9}, "depth 9 is out of range"),
        ({"reference_id": "04NEWDELHI7395", "direction": "up"}, "direction 'up'"),
        ({"reference_id": "04NEWDELHI7395", "limit": 0}, "limit 0 is out of range"),
    ],
)
def test_bad_requests_are_usage_errors(
    csv_archive: Archive, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        csv_archive.neighbourhood(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["", "iran", "tag:PREL"])
def test_most_cited_counts_are_the_cites_filter_counts(csv_archive: Archive, query: str) -> None:
    entries = csv_archive.most_cited(query, 8)
    assert len(entries) == 8
    assert [e.within for e in entries] == sorted((e.within for e in entries), reverse=True)
    for entry in entries:
        narrowed = csv_archive.search(f"{query} cites:{entry.reference_id}".strip(), limit=0)
        assert entry.within == narrowed.total
        assert entry.overall == len(csv_archive.cited_by(entry.reference_id)) >= entry.within
        assert entry.in_archive == bool(csv_archive.known([entry.reference_id]))
