"""The archive commands: ingest, search, show, export, stats, reindex.

A thin shell: options -> :class:`Archive` -> output. The archive directory comes from
``--archive``, else ``CABLEBASE_ARCHIVE``, else ``./cablebase-archive``.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cablebase.charts import bar_chart
from cablebase.decode import facet_meaning
from cablebase.errors import UsageError
from cablebase.export import ExportFormat, export_columns, write_export
from cablebase.search.engine import SearchResult, Sort
from cablebase.service import Archive
from cablebase.store.db import RunReport

commands = typer.Typer()
_err = Console(stderr=True, highlight=False)

ArchiveOption = Annotated[
    Path,
    typer.Option(
        "--archive",
        "-a",
        envvar="CABLEBASE_ARCHIVE",
        help="The archive directory.",
        show_default=True,
    ),
]
DEFAULT_ARCHIVE = Path("cablebase-archive")


def open_archive(path: Path, create: bool = False) -> Archive:
    return Archive.open(path, create=create, upkeep=_upkeep)


def _upkeep(label: str, total: int) -> AbstractContextManager[Callable[[int], None] | None]:
    """Long upkeep of an archive (names read, index rebuilt) as a bar on a terminal."""
    from cablebase.progress import counted_bar

    return counted_bar(total, enabled=_err.is_terminal, label=label)


@commands.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files, directories or archives to read.")],
    archive: ArchiveOption = DEFAULT_ARCHIVE,
    workers: Annotated[
        int, typer.Option("--workers", "-j", help="Parsing processes (0: one per core).")
    ] = 0,
    enrich: Annotated[
        bool,
        typer.Option(
            "--enrich/--no-enrich",
            help="Learn acronyms and names now (--no-enrich: faster; `reindex` adds them later).",
        ),
    ] = True,
) -> None:
    """Ingest cables into the archive (created if missing). Safe to repeat and to interrupt."""
    from cablebase.progress import progress_over

    with open_archive(archive, create=True) as arc:

        def wrap(items: Any) -> Any:
            return progress_over(items, list(paths), enabled=_err.is_terminal, label="ingesting")

        report = arc.ingest(paths, workers=workers or None, progress=wrap, enrich=enrich)
        _print_report(report)
        for path, position, reference_id, message in arc.store.problems(report.id)[:20]:
            where = f"{path}: {position}" + (f" ({reference_id})" if reference_id else "")
            sys.stderr.write(f"cablebase: {where}: {message}\n")


def _print_report(report: RunReport) -> None:
    _err.print(
        f"run {report.id}: {report.read} cables read: [green]{report.added} added[/], "
        f"{report.updated} updated, {report.unchanged} unchanged, "
        f"[yellow]{report.problematic} with parse issues[/], "
        f"[red]{report.unreadable} unreadable inputs[/]"
    )


@commands.command()
def search(
    query: Annotated[str, typer.Argument(help="Query, e.g. 'tag:PREL \"human rights\" -iran'.")],
    archive: ArchiveOption = DEFAULT_ARCHIVE,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Hits per page.")] = 20,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many hits.")] = 0,
    all_hits: Annotated[bool, typer.Option("--all", help="Stream every hit (no cap).")] = False,
    sort: Annotated[Sort, typer.Option("--sort", help="relevance, date or -date.")] = (
        Sort.relevance
    ),
    output: Annotated[
        str | None,
        typer.Option("--format", "-f", help="table (terminal default), jsonl, json or csv."),
    ] = None,
    facets: Annotated[bool, typer.Option("--facets", help="Show facet counts too.")] = False,
    expand_acronyms: Annotated[
        bool,
        typer.Option("--expand-acronyms", help="Expansions learned also find their acronyms."),
    ] = False,
    most_cited: Annotated[
        bool, typer.Option("--most-cited", help="List the cables these hits cite most instead.")
    ] = False,
) -> None:
    """Search the archive. `cablebase search --help` lists the query language."""
    fmt = output or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt not in ("table", "jsonl", "json", "csv"):
        raise UsageError(f"--format {fmt}: use table, jsonl, json or csv")
    with open_archive(archive) as arc:
        if expand_acronyms:
            query = arc.expand_acronyms(query).expanded
            _err.print(f"expanded query: {escape(query)}")
        if most_cited:
            from cablebase.cli_refs import print_most_cited

            print_most_cited(arc.most_cited(query, limit), query, fmt)
            return
        try:
            if all_hits:
                _stream_all(arc, query, sort, fmt)
                return
            result = arc.search(query, limit=limit, offset=offset, sort=sort, facets=facets)
        except BrokenPipeError:
            sys.stderr.close()
            return
        if fmt == "table":
            _print_hits(result, facets)
        elif fmt == "json":
            sys.stdout.write(json.dumps(result_json(result), ensure_ascii=False, indent=2) + "\n")
        elif fmt == "jsonl":
            for hit in result_json(result)["hits"]:
                sys.stdout.write(json.dumps(hit, ensure_ascii=False) + "\n")
        else:
            _write_csv_hits(result_json(result)["hits"])


def result_json(result: SearchResult) -> dict[str, Any]:
    return {
        "query": result.query,
        "understood": result.understood,
        "total": result.total,
        "offset": result.offset,
        "limit": result.limit,
        "sort": result.sort.value,
        "hits": [
            {
                "reference_id": h.reference_id,
                "score": round(h.score, 4),
                "created": h.created,
                "origin": h.origin,
                "classification": h.classification,
                "subject": h.subject,
                "tags": list(h.tags),
                "snippet": h.snippet.marked("**", "**") if h.snippet else None,
            }
            for h in result.hits
        ],
        "facets": {
            name: [
                {"value": c.value, "count": c.count, "meaning": facet_meaning(name, c.value)}
                for c in counts
            ]
            for name, counts in result.facets.items()
        },
    }


def _stream_all(arc: Archive, query: str, sort: Sort, fmt: str) -> None:
    # The result line is in the index: no record needs unpacking from the store.
    rows = (
        {
            "reference_id": hit.reference_id,
            "created": hit.created,
            "origin": hit.origin,
            "classification": hit.classification,
            "subject": hit.subject,
        }
        for hit in arc.iter_hits(query, sort)
    )
    if fmt == "csv":
        _write_csv_hits(rows)
        return
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_csv_hits(rows: Any) -> None:
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        flat = {k: "|".join(v) if isinstance(v, list) else v for k, v in row.items()}
        if writer is None:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)


def _print_hits(result: SearchResult, facets: bool) -> None:
    console = Console(highlight=False)
    shown = f"{result.offset + 1}-{result.offset + len(result.hits)}" if result.hits else "0"
    console.print(
        f"[bold]{result.total:,}[/] cables match [cyan]{escape(result.understood)}[/]"
        f" (showing {shown}, sorted by {result.sort.value})"
    )
    for n, hit in enumerate(result.hits, start=result.offset + 1):
        console.print(
            f"[dim]{n:>3}.[/] [bold cyan]{hit.reference_id}[/]  {(hit.created or '')[:10]}  "
            f"{escape(hit.origin or '')}  [magenta]{escape(hit.classification or '')}[/]"
        )
        console.print(f"     [bold]{escape(hit.subject)}[/]")
        if hit.snippet:
            console.print("     " + hit.snippet.marked("[reverse]", "[/reverse]", escape))
    if facets:
        for name, counts in result.facets.items():
            if name == "year":
                console.print(bar_chart([(c.value, c.count) for c in counts], title="by year"))
            else:
                pairs = ", ".join(
                    f"{escape(c.value)}{_meant(name, c.value)} {c.count:,}" for c in counts[:10]
                )
                console.print(f"[bold]{name}[/]: {pairs}")


def _meant(facet: str, value: str) -> str:
    """`` (Terrorists and Terrorism)`` after a facet value whose meaning is known."""
    meaning = facet_meaning(facet, value)
    return f" [dim]({escape(meaning)})[/]" if meaning else ""


@commands.command()
def show(
    reference_id: Annotated[str, typer.Argument(help="A reference id, e.g. 08MEXICO23.")],
    archive: ArchiveOption = DEFAULT_ARCHIVE,
    original: Annotated[bool, typer.Option("--original", help="The text as ingested.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The whole record as JSON.")] = False,
    versions: Annotated[bool, typer.Option("--versions", help="List stored versions.")] = False,
    version: Annotated[
        int | None, typer.Option("--version", help="Show this version (1 = oldest).")
    ] = None,
) -> None:
    """Show one cable: clean text (default), its original text, JSON, or its versions."""
    with open_archive(archive) as arc:
        if versions:
            table = Table("version", "ingested", "format", "source", "digest", "issues", "")
            for v in arc.versions(reference_id):
                table.add_row(
                    str(v.version),
                    v.ingested,
                    v.source.format,
                    f"{v.source.path} {v.source.position}".strip(),
                    v.digest[:12],
                    str(v.issues),
                    "current" if v.current else "",
                )
            Console().print(table)
            return
        record = arc.get(reference_id, version)
        if as_json:
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        elif original:
            sys.stdout.write(record["original"].rstrip("\n") + "\n")
        else:
            sys.stdout.write(clean_view(record))


def clean_view(record: dict[str, Any]) -> str:
    """The reading view: the main metadata as aligned lines, then the clean text."""
    lines = [
        f"{'reference id':14} {record['reference_id']}",
        f"{'created':14} {record.get('created') or ''}",
        f"{'origin':14} {record.get('origin') or ''}",
        f"{'classification':14} {record.get('classification') or ''}",
        f"{'tags':14} {' '.join(record.get('tags') or ())}",
        f"{'subject':14} {record.get('subject') or ''}",
    ]
    if record.get("references"):
        refs = ", ".join(r["reference_id"] or r["text"] for r in record["references"])
        lines.append(f"{'references':14} {refs}")
    body = str(record.get("body") or "").rstrip("\n")
    return "\n".join(lines) + "\n\n" + body + "\n"


@commands.command()
def export(
    query: Annotated[str, typer.Argument(help="Which cables ('' for all).")],
    out: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    archive: ArchiveOption = DEFAULT_ARCHIVE,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = (
        ExportFormat.jsonl
    ),
    sort: Annotated[Sort, typer.Option("--sort", help="relevance, date or -date.")] = Sort.date,
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            help="Comma-separated fields (default: all); citation_chicago and citation_bibtex "
            "add citations.",
        ),
    ] = None,
) -> None:
    """Export every cable a query matches, whole records, streamed to a file."""
    columns = export_columns((fields or "").split(","))
    with open_archive(archive) as arc:
        count = write_export(arc.iter_records(query, sort), fmt, out, columns)
    _err.print(f"{count:,} cables written to {out}")


@commands.command()
def stats(archive: ArchiveOption = DEFAULT_ARCHIVE) -> None:
    """Counts by origin, year and classification, and a summary of parse issues."""
    with open_archive(archive) as arc:
        s = arc.stats()
        references = arc.reference_counts()
    console = Console(highlight=False)
    console.print(f"[bold]{s.cables:,}[/] cables, {s.versions:,} versions, in {archive}")
    console.print(bar_chart([(str(y), n) for y, n in s.by_year if y], title="by year"))
    for title, pairs in (("classification", s.by_classification), ("origin", s.by_origin[:25])):
        table = Table(title, "cables")
        for value, n in pairs:
            table.add_row(escape(value or "(none)"), f"{n:,}")
        console.print(table)
    from cablebase.cli_refs import print_reference_counts

    print_reference_counts(console, references)
    console.print(f"{s.with_issues:,} cables with parse issues")
    for name, n in s.issues_by_field:
        console.print(f"  {name}: {n:,}")
    for run in s.runs[-5:]:
        console.print(
            f"run {run.id} {run.started} {run.status}: {run.read:,} read, {run.added:,} added,"
            f" {run.updated:,} updated, {run.unchanged:,} unchanged, {run.unreadable} unreadable"
        )


@commands.command()
def reindex(archive: ArchiveOption = DEFAULT_ARCHIVE) -> None:
    """Rebuild the search index from the archive's database."""
    with open_archive(archive) as arc:
        count = arc.reindex()
    _err.print(f"{count:,} cables indexed")
