"""The ``cablebase`` command: a thin shell over the library.

Records go to stdout, problems and progress to stderr, so ``cablebase parse X > out.jsonl``
stays clean. A problem is one line naming the file, the position and what to do.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cablebase.cli_acronyms import commands as acronym_commands
from cablebase.cli_archive import commands as archive_commands
from cablebase.cli_holdings import commands as holdings_commands
from cablebase.cli_people import commands as people_commands
from cablebase.cli_plot import commands as plot_commands
from cablebase.cli_refs import commands as refs_commands
from cablebase.cli_web import commands as web_commands
from cablebase.coverage import Coverage
from cablebase.errors import CablebaseError
from cablebase.model import Cable
from cablebase.parse import parse_cable
from cablebase.sources import ReadProblem, read_paths

app = typer.Typer(
    name="cablebase",
    help="A fast, exact research archive for US diplomatic cables.",
    no_args_is_help=True,
    add_completion=False,
)
_err = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


@app.callback()
def _root() -> None:
    """A fast, exact research archive for US diplomatic cables."""


# ingest, search, show, export, stats, reindex live in their own module.
app.registered_commands.extend(archive_commands.registered_commands)
app.registered_commands.extend(web_commands.registered_commands)  # serve
app.registered_commands.extend(acronym_commands.registered_commands)  # acronyms
app.registered_commands.extend(holdings_commands.registered_commands)  # coverage, cite
app.registered_commands.extend(refs_commands.registered_commands)  # refs
app.registered_commands.extend(plot_commands.registered_commands)  # plot
app.registered_commands.extend(people_commands.registered_commands)  # people, orgs


@app.command()
def parse(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files, directories or archives to read.", show_default=False),
    ],
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="jsonl (default), json or table.")
    ] = OutputFormat.jsonl,
    stats: Annotated[
        bool, typer.Option("--stats", help="Print per-field coverage instead of the records.")
    ] = False,
) -> None:
    """Parse cables in any published format into exact records (JSON lines on stdout)."""
    coverage = Coverage()
    problems = 0
    cables = _parse_all(paths, coverage)
    try:
        if stats:
            for _ in cables:
                pass
        elif output is OutputFormat.jsonl:
            write = sys.stdout.write
            for cable in cables:
                write(json.dumps(cable.to_dict(), ensure_ascii=False) + "\n")
        elif output is OutputFormat.json:
            _write_json_array(cables)
        else:
            _print_table(cables)
    except BrokenPipeError:  # `cablebase parse x | head` is a normal way to look
        sys.stderr.close()
        raise typer.Exit(0) from None
    problems = coverage.problems
    if stats:
        _print_coverage(coverage)
    if problems:
        _err.print(f"[yellow]{coverage.records} cables parsed, {problems} inputs unreadable[/]")
        raise typer.Exit(1)


def _parse_all(paths: list[Path], coverage: Coverage) -> Iterator[Cable]:
    from cablebase.progress import progress_over

    for item in progress_over(read_paths(paths), paths, enabled=_err.is_terminal):
        if isinstance(item, ReadProblem):
            coverage.problems += 1
            sys.stderr.write(f"cablebase: {item}\n")  # one line, never wrapped
            continue
        cable = parse_cable(item)
        coverage.add(cable)
        yield cable


def _write_json_array(cables: Iterator[Cable]) -> None:
    out = sys.stdout
    out.write("[")
    for i, cable in enumerate(cables):
        out.write(",\n" if i else "\n")
        out.write(json.dumps(cable.to_dict(), ensure_ascii=False, indent=2))
    out.write("\n]\n")


def _print_table(cables: Iterator[Cable]) -> None:
    table = Table("reference id", "created", "origin", "classification", "subject", "issues")
    for cable in cables:
        table.add_row(
            cable.reference_id,
            cable.created or "",
            cable.origin or "",
            cable.classification or "",
            cable.subject[:70],
            str(len(cable.issues)) if cable.issues else "",
        )
    Console(width=200 if not sys.stdout.isatty() else None).print(table)


def _print_coverage(coverage: Coverage) -> None:
    table = Table("field", "records", "share", title=f"{coverage.records} cables")
    for name, count in coverage.rows():
        share = f"{100 * count / coverage.records:.1f} %" if coverage.records else "-"
        table.add_row(name, str(count), share)
    Console().print(table)


@app.command()
def synth(
    count: Annotated[int, typer.Argument(help="How many cables (at most 251,287).", min=0)],
    output: Annotated[Path, typer.Option("--output", "-o", help="The cables.csv to write.")],
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same file.")] = 0,
) -> None:
    """Write synthetic cables in the real cables.csv format (real ids, random text)."""
    from cablebase.synth import progress_bar, write_synthetic

    with progress_bar(count, enabled=_err.is_terminal) as progress:
        size = write_synthetic(output, count, seed=seed, progress=progress)
    _err.print(f"{count:,} cables, {size:,} bytes written to {output}")


def main() -> None:
    """Console entry point: errors become one line on stderr and exit status 2."""
    try:
        app()
    except CablebaseError as exc:
        sys.stderr.write(f"cablebase: {exc}\n")
        caret = getattr(exc, "caret", None)
        if callable(caret):  # a query error: show where, under the query itself
            sys.stderr.write(caret() + "\n")
        sys.exit(2)
