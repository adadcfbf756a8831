"""``cablebase refs ID``: the reference graph around one cable, as a table, JSON or DOT."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cablebase.cli_archive import DEFAULT_ARCHIVE, ArchiveOption, open_archive
from cablebase.graph import (
    DEFAULT_LIMIT,
    MAX_DEPTH,
    CitedCable,
    Direction,
    Neighbourhood,
    ReferenceCounts,
)
from cablebase.graph.dot import to_dot

commands = typer.Typer()
_err = Console(stderr=True, highlight=False)


class GraphFormat(StrEnum):
    table = "table"
    json = "json"
    dot = "dot"


@commands.command()
def refs(
    reference_id: Annotated[str, typer.Argument(help="A reference id, e.g. 08MEXICO23.")],
    archive: ArchiveOption = DEFAULT_ARCHIVE,
    depth: Annotated[
        int, typer.Option("--depth", "-d", help=f"Citations out from the cable (1 to {MAX_DEPTH}).")
    ] = 1,
    direction: Annotated[
        Direction, typer.Option("--direction", help="cites, cited-by or both.")
    ] = Direction.BOTH,
    output: Annotated[
        GraphFormat, typer.Option("--format", "-f", help="table, json or dot (Graphviz).")
    ] = GraphFormat.table,
    limit: Annotated[
        int, typer.Option("--limit", help="At most this many nodes; the rest are counted.")
    ] = DEFAULT_LIMIT,
) -> None:
    """The cables one cable cites and that cite it, resolved: in the archive, absent, other."""
    with open_archive(archive) as arc:
        graph = arc.neighbourhood(reference_id, depth=depth, direction=direction, limit=limit)
    if output is GraphFormat.json:
        sys.stdout.write(json.dumps(graph.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif output is GraphFormat.dot:
        sys.stdout.write(to_dot(graph))
    else:
        print_graph(graph)
    for note in graph.notes:
        _err.print(f"[yellow]note: {escape(note)}[/]")


def print_graph(graph: Neighbourhood) -> None:
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    nodes = Table("step", "node", "status", "classification", "created", "origin", "subject")
    for node in graph.nodes:
        nodes.add_row(
            str(node.depth),
            escape(node.id),
            node.status.value if node.kind == "cable" else f"{node.status.value} ({node.kind})",
            escape(node.classification or ""),
            (node.created or "")[:10],
            escape(node.origin or ""),
            escape((node.subject or node.text or "")[:70]),
        )
    edges = Table("cable", "cites", "as written", "status")
    for edge in graph.edges:
        written = f"{edge.label}. {edge.text}" if edge.label else edge.text
        edges.add_row(
            escape(edge.source), escape(edge.target), escape(written[:60]), edge.status.value
        )
    console.print(
        f"[bold]{graph.centre}[/]: {len(graph.nodes)} nodes, {len(graph.edges)} citations,"
        f" {graph.depth} step(s), direction {graph.direction.value}"
    )
    console.print(nodes)
    console.print(edges)


def print_reference_counts(console: Console, counts: ReferenceCounts) -> None:
    """The REF entries of the archive by status, for `cablebase stats`."""
    table = Table("references", "entries", title=f"{counts.total:,} REF entries")
    for status, n in counts.by_status:
        table.add_row(status.value, f"{n:,}")
    for kind, n in counts.non_cable_by_kind:
        table.add_row(f"  non-cable: {kind}", f"{n:,}")
    console.print(table)
    console.print(
        f"references resolved to a cable of this archive: {counts.resolution_rate:.1%} of"
        f" {counts.cable_references:,} cable references"
        f" ({counts.identified_rate:.1%} given a canonical id)"
    )


def print_most_cited(entries: list[CitedCable], query: str, fmt: str) -> None:
    """`cablebase search QUERY --most-cited`: what the hits cite most, with the counts."""
    rows = [entry.to_dict() for entry in entries]
    if fmt == "json":
        payload = {"query": query, "most_cited": rows}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(CitedCable.__dataclass_fields__))
        writer.writeheader()
        writer.writerows(rows)
    else:
        console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
        table = Table(
            "cited cable",
            "cited by hits",
            "by all",
            "status",
            "created",
            "subject",
            title=f"most cited by {query!r}" if query else "most cited in the archive",
        )
        for entry in entries:
            table.add_row(
                entry.reference_id,
                f"{entry.within:,}",
                f"{entry.overall:,}",
                entry.status.value,
                (entry.created or "")[:10],
                escape((entry.subject or "")[:60]),
            )
        console.print(table)
