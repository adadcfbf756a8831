"""The ``plot`` command: a chart of a query's cables as a PNG or SVG file (matplotlib).

It draws the same counts as the reading room's /charts page (``Archive.charts``), so a
figure in a paper and the page it came from give the same numbers.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from cablebase.cli_archive import DEFAULT_ARCHIVE, ArchiveOption, open_archive
from cablebase.errors import UsageError

commands = typer.Typer()


class PlotKind(StrEnum):
    timeline = "timeline"
    map = "map"
    tags = "tags"
    mix = "mix"
    compare = "compare"


@commands.command()
def plot(
    kind: Annotated[PlotKind, typer.Argument(help="timeline, map, tags, mix or compare.")],
    query: Annotated[str, typer.Argument(help='The query ("" for every cable).')],
    output: Annotated[Path, typer.Option("--output", "-o", help="The file: .png or .svg.")],
    vs: Annotated[
        str | None, typer.Option("--vs", help="compare: the second query.", show_default=False)
    ] = None,
    top: Annotated[
        int | None,
        typer.Option("--top", help="tags, mix: how many tags or origins.", min=1, max=50),
    ] = None,
    archive: ArchiveOption = DEFAULT_ARCHIVE,
) -> None:
    """Draw a chart of a query's cables: per month, per country, top TAGS, classification mix."""
    from cablebase.plots.data import TOP_ORIGINS, TOP_TAGS
    from cablebase.plots.draw import FORMATS
    from cablebase.plots.draw import plot as draw

    if output.suffix.lower() not in FORMATS:  # before the archive is opened
        raise UsageError(f"{output}: cannot tell the format; name the file .png or .svg")
    if kind is PlotKind.compare and vs is None:
        raise UsageError("compare needs a second query: add --vs QUERY2")
    with open_archive(archive) as arc:
        charts = arc.charts()
        data: dict[str, Any]
        if kind is PlotKind.timeline:
            data = charts.timeline(query)
        elif kind is PlotKind.map:
            data = charts.world(query)
        elif kind is PlotKind.tags:
            data = charts.tags(query, top or TOP_TAGS)
        elif kind is PlotKind.mix:
            data = charts.mix(query, top or TOP_ORIGINS)
        else:
            data = charts.compare(query, vs or "")
    draw(kind.value, data, output)
    typer.echo(f"cablebase: {kind.value} chart written to {output}", err=True)
