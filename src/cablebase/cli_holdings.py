"""The commands about the archive as a collection: ``coverage`` (holdings against Cablegate,
as a heat map and a table) and ``cite`` (a cable's citation)."""

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

from cablebase.charts import heat_legend, heat_map
from cablebase.citation import CitationStyle, cite
from cablebase.cli_archive import DEFAULT_ARCHIVE, ArchiveOption, open_archive
from cablebase.errors import UsageError
from cablebase.holdings import (
    CSV_COLUMNS,
    Holdings,
    csv_rows,
    holdings_json,
    shade,
    share_text,
)

commands = typer.Typer()
_LEGEND = ("none held", "<10 %", "10-25 %", "25-50 %", "50-90 %", ">=90 %")


class CoverageFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@commands.command()
def coverage(
    archive: ArchiveOption = DEFAULT_ARCHIVE,
    origin: Annotated[
        str | None, typer.Option("--origin", help="Only origins whose name contains this.")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="Only posts in this country.")
    ] = None,
    region: Annotated[
        str | None,
        typer.Option("--region", help="Only posts in this region (Africa, Americas, ...)."),
    ] = None,
    output: Annotated[
        CoverageFormat, typer.Option("--format", "-f", help="table (heat map), json or csv.")
    ] = CoverageFormat.table,
    limit: Annotated[
        int, typer.Option("--limit", "-n", help="Origins in the heat map and table (0: all).")
    ] = 40,
) -> None:
    """How much of Cablegate (251,207 distinct cables) the archive holds, per origin and year."""
    with open_archive(archive) as arc:
        everything = arc.holdings()
    found = everything.select(origin, country, region)
    if not found.cells and (origin or country or region):
        regions = ", ".join(sorted(set(everything.regions.values())))
        given = " ".join(
            f"--{name} {value!r}"
            for name, value in (("origin", origin), ("country", country), ("region", region))
            if value
        )
        raise UsageError(
            f"no origin of Cablegate matches {given}; try a shorter part of the name "
            f"(Mexico, Embassy Paris) or one of the regions {regions}"
        )
    if output is CoverageFormat.json:
        sys.stdout.write(json.dumps(holdings_json(found), ensure_ascii=False, indent=2) + "\n")
    elif output is CoverageFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(csv_rows(found))
    else:
        print_holdings(found, limit)


def print_holdings(found: Holdings, limit: int) -> None:
    origins = found.origins()[: limit or None]
    label_width = min(max((len(o.origin) for o in origins), default=6), 34)
    console = Console(highlight=False, width=max(100, label_width + 2 * len(found.years) + 30))
    console.print(
        f"[bold]{found.held:,}[/] of {found.known:,} {found.collection} cables held "
        f"([bold]{share_text(found.share, found.known)}[/]), {found.missing:,} missing"
    )
    years = [f"{year % 100:02d}" for year in found.years]
    rows = _heat_rows(found, [o.origin for o in origins])
    console.print(heat_map(rows, years, label_width=label_width))
    console.print(heat_legend(_LEGEND, "none known"))
    table = Table("origin", "country", "region", "known", "held", "missing", "held %")
    for o in origins:
        table.add_row(
            escape(o.origin),
            escape(o.country),
            escape(o.region),
            f"{o.known:,}",
            f"{o.held:,}",
            f"{o.missing:,}",
            share_text(o.share, o.known),
        )
    console.print(table)
    shown = len(origins)
    total = len(found.origins())
    if shown < total:
        console.print(f"[dim]{shown} of {total} origins shown; --limit 0 shows all[/]")
    if found.extra:
        what = "cable held is not a" if found.extra == 1 else "cables held are not"
        console.print(
            f"{found.extra:,} {what} {found.collection} cable{'' if found.extra == 1 else 's'}"
            " (NARA telegrams, other releases): --format json lists them"
        )


def _heat_rows(found: Holdings, origins: list[str]) -> list[tuple[str, list[int | None]]]:
    """Each origin's shade in each year (None: Cablegate has no cable of that year)."""
    by_cell = {(c.origin, c.year): c for c in found.cells}
    rows: list[tuple[str, list[int | None]]] = []
    for name in origins:
        cells = (by_cell.get((name, year)) for year in found.years)
        rows.append((name, [shade(cell) if cell else None for cell in cells]))
    return rows


@commands.command("cite")
def cite_command(
    reference_id: Annotated[str, typer.Argument(help="A reference id, e.g. 08MEXICO23.")],
    archive: ArchiveOption = DEFAULT_ARCHIVE,
    style: Annotated[
        CitationStyle, typer.Option("--style", "-s", help="chicago (a note) or bibtex.")
    ] = CitationStyle.chicago,
) -> None:
    """Print a citation of one cable (Chicago note or BibTeX entry)."""
    with open_archive(archive) as arc:
        record = arc.get(reference_id)
    sys.stdout.write(cite(record, style) + "\n")
