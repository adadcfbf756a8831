"""`cablebase refs`, `stats` and `search --most-cited` through the real CLI, on the csv archive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cablebase.graph.dot import quoted
from cablebase.service import Archive
from tests.archive.dot_grammar import parse_dot
from tests.archive.test_cli_archive import run, run_process


@pytest.fixture(scope="module")
def where(csv_archive: Archive) -> str:
    return str(csv_archive.directory)


@pytest.fixture(scope="module")
def busy(csv_archive: Archive) -> str:
    """A cable of the archive that both cites and is cited, with a non-cable reference."""
    for reference_id in sorted(csv_archive.iter_ids("")):
        graph = csv_archive.neighbourhood(reference_id)
        kinds = {n.status.value for n in graph.nodes}
        if {"resolved", "non-cable"} <= kinds and csv_archive.cited_by(reference_id):
            return reference_id
    raise AssertionError("the sample has no such cable")


def test_json_is_the_api_answer(where: str, busy: str, csv_archive: Archive) -> None:
    code, out, _ = run("refs", busy.lower(), "-a", where, "-f", "json", "--depth", "2")
    assert code == 0
    data = json.loads(out)
    assert data == csv_archive.neighbourhood(busy, depth=2).to_dict()
    assert data["centre"] == busy and data["direction"] == "both" and data["depth"] == 2
    assert {"resolved", "non-cable"} <= {n["status"] for n in data["nodes"]}


def test_dot_is_valid_and_has_every_node_and_edge(
    where: str, busy: str, csv_archive: Archive
) -> None:
    code, out, _ = run("refs", busy, "-a", where, "-f", "dot", "-d", "2")
    assert code == 0
    dot = parse_dot(out)
    graph = csv_archive.neighbourhood(busy, depth=2)
    assert set(dot.nodes) == {n.id for n in graph.nodes}
    assert [(a, b) for a, b, _ in dot.edges] == [(e.source, e.target) for e in graph.edges]
    assert dot.nodes[busy]["penwidth"] == "3"
    non_cable = next(n for n in graph.nodes if n.status.value == "non-cable")
    assert dot.nodes[non_cable.id]["shape"] == "note"
    assert dot.nodes[non_cable.id]["label"].startswith(f"{non_cable.kind}: ")


def test_dot_quoting_survives_quotes_backslashes_and_line_ends() -> None:
    text = 'SAY "HI" \\ BYE\nNEXT'
    dot = parse_dot(f"digraph {{ {quoted(text)} [label={quoted(text)}]; }}")
    assert list(dot.nodes) == ['SAY "HI" \\ BYE\\nNEXT']
    with pytest.raises(ValueError):
        parse_dot('digraph { "unclosed [label="x"]; }')


def test_table_lists_nodes_and_citations(where: str, busy: str, csv_archive: Archive) -> None:
    code, out, _ = run("refs", busy, "-a", where, "--direction", "cited-by")
    assert code == 0
    for citing in csv_archive.cited_by(busy):
        assert citing in out
    assert "non-cable" not in out  # only what cites it, not what it cites


def test_a_limit_is_noted_on_stderr(where: str, busy: str) -> None:
    code, out, err = run("refs", busy, "-a", where, "-f", "json", "-d", "3", "--limit", "2")
    assert code == 0 and json.loads(out)["truncated"] is True
    assert "stopped at 2 nodes" in err


def test_unknown_ids_and_bad_options_are_one_line_errors(where: str) -> None:
    done = run_process("refs", "99NOWHERE1", "-a", where)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "no cable 99NOWHERE1" in done.stderr
    done = run_process("refs", "04NEWDELHI7395", "-a", where, "--depth", "7")
    assert done.returncode == 2 and "depth 7 is out of range" in done.stderr
    assert done.stderr.count("\n") == 1


def test_stats_reports_reference_counts(where: str, csv_archive: Archive) -> None:
    code, out, _ = run("stats", "-a", where)
    assert code == 0
    counts = csv_archive.reference_counts()
    assert f"{counts.total:,} REF entries" in out
    for status, n in counts.by_status:
        assert any(
            line.split()[1:2] == [status.value] and f"{n:,}" in line for line in out.splitlines()
        )
    assert f"{counts.resolution_rate:.1%} of {counts.cable_references:,} cable references" in out


def test_search_most_cited(where: str, csv_archive: Archive) -> None:
    code, out, _ = run("search", "tag:PREL", "--most-cited", "-n", "5", "-a", where, "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "tag:PREL"
    assert data["most_cited"] == [e.to_dict() for e in csv_archive.most_cited("tag:PREL", 5)]
    code, out, _ = run("search", "tag:PREL", "--most-cited", "-n", "5", "-a", where, "-f", "table")
    assert code == 0 and data["most_cited"][0]["reference_id"] in out


def test_refs_needs_an_archive(tmp_path: Path) -> None:
    done = run_process("refs", "04NEWDELHI7395", "-a", str(tmp_path / "none"))
    assert done.returncode == 2 and "no cablebase archive" in done.stderr
