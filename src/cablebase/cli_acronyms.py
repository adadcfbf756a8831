"""The ``acronyms`` command: what the archive's cables say their acronyms stand for."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cablebase.acronyms.table import Expansion
from cablebase.cli_archive import DEFAULT_ARCHIVE, ArchiveOption, open_archive
from cablebase.errors import UsageError
from cablebase.service import Archive

commands = typer.Typer()
_err = Console(stderr=True, highlight=False)
RELEARN_LABEL = "learning acronyms"
ORIGINS_SHOWN = 4  # origins named per row of the table; JSON lists them all


class AcronymFormat(StrEnum):
    table = "table"
    json = "json"


@commands.command()
def acronyms(
    acronym: Annotated[
        str | None, typer.Argument(help="One acronym (GOI, NGOs, MoD); omitted: all of them.")
    ] = None,
    origin: Annotated[
        str | None, typer.Option("--origin", help="Only cables of this origin: Embassy Paris.")
    ] = None,
    output: Annotated[AcronymFormat, typer.Option("--format", "-f", help="table or json.")] = (
        AcronymFormat.table
    ),
    relearn: Annotated[
        bool,
        typer.Option("--relearn", help="Mine every cable again first (archives made before)."),
    ] = False,
    archive: ArchiveOption = DEFAULT_ARCHIVE,
) -> None:
    """Expansions of acronyms as the cables define them, with counts and origins."""
    with open_archive(archive) as arc:
        table = arc.acronyms()
        if relearn:
            from cablebase.progress import counted_bar

            bar = counted_bar(arc.store.count(), enabled=_err.is_terminal, label=RELEARN_LABEL)
            with bar as progress:
                stored = table.relearn(progress)
            _err.print(f"{stored:,} acronym definitions learned from {arc.store.count():,} cables")
        if acronym is not None:
            found = arc.expansions(acronym, origin)
            if not found:
                where = f" in cables of {origin}" if origin else ""
                raise UsageError(
                    f"no expansion of {acronym} learned{where}; "
                    "list what is known with `cablebase acronyms`"
                    + ("" if origin else " (or `--relearn` for an archive made before)")
                )
        else:
            found = table.all_expansions(origin)
            if not found and origin is not None and origin not in _origins(arc):
                raise UsageError(
                    f"no acronyms learned from cables of {origin!r}; "
                    "origins are written as the archive names them (Embassy Mexico)"
                )
    if output is AcronymFormat.json:
        sys.stdout.write(json.dumps([expansion_json(e) for e in found], indent=2) + "\n")
    else:
        _print(found, origin)


def _origins(arc: Archive) -> set[str]:
    return {origin for origin, _, _ in arc.acronyms().origins()}


def expansion_json(expansion: Expansion) -> dict[str, Any]:
    return {
        "acronym": expansion.acronym,
        "expansion": expansion.expansion,
        "count": expansion.count,
        "origins": [{"origin": o, "count": n} for o, n in expansion.origins],
    }


def _print(found: list[Expansion], origin: str | None) -> None:
    title = f"learned from cables of {origin}" if origin else "learned from the archive"
    table = Table("acronym", "expansion", "cables", "origins", title=title)
    for e in found:
        shown = ", ".join(f"{o} {n}" for o, n in e.origins[:ORIGINS_SHOWN])
        more = len(e.origins) - ORIGINS_SHOWN
        if more > 0:
            shown += f" and {more} more"
        table.add_row(escape(e.acronym), escape(e.expansion), str(e.count), escape(shown))
    Console(width=200 if not sys.stdout.isatty() else None, highlight=False).print(table)
