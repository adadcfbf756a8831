"""``people`` and ``orgs``: who the cables name, and one person's or organisation's cables.

Without a name: the list, most cables first. With a name that is one person (a key such as
``argyros-george``, or ``George Argyros``, or ``ARGYROS, GEORGE``): that person's names,
roles, cables per year and cables. Any other name is a prefix that narrows the list.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cablebase.charts import bar_chart
from cablebase.cli_archive import DEFAULT_ARCHIVE, ArchiveOption, open_archive
from cablebase.entities.catalog import EntityProfile, EntitySummary
from cablebase.entities.extract import ORGANISATION, PERSON
from cablebase.errors import UsageError
from cablebase.service import Archive

commands = typer.Typer()

NameArgument = Annotated[
    str | None, typer.Argument(help="A name, key or prefix; none: the whole list.")
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table (default) or json.")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", help="Rows to show.", min=1)]


@commands.command()
def people(
    name: NameArgument = None,
    archive: ArchiveOption = DEFAULT_ARCHIVE,
    fmt: FormatOption = "table",
    limit: LimitOption = 50,
) -> None:
    """People the cables name (signers, Classified By, person TAGS), or one person."""
    _show(PERSON, name, archive, fmt, limit)


@commands.command()
def orgs(
    code: NameArgument = None,
    archive: ArchiveOption = DEFAULT_ARCHIVE,
    fmt: FormatOption = "table",
    limit: LimitOption = 50,
) -> None:
    """Organisations the cables' TAGS name (NATO, IAEA...), or one organisation."""
    _show(ORGANISATION, code, archive, fmt, limit)


def _show(kind: str, name: str | None, archive: ArchiveOption, fmt: str, limit: int) -> None:
    if fmt not in ("table", "json"):
        raise UsageError(f"--format {fmt}: use table or json")
    with open_archive(archive) as arc:
        profile = _one(arc, kind, name, limit) if name else None
        if profile is not None:
            _print_profile(profile, fmt)
            return
        found = arc.people(name or "") if kind == PERSON else arc.organisations(name or "")
    if name and not found:
        raise UsageError(f"no {kind} named {name!r} in {archive}; run without a name to list")
    _print_list(kind, found[:limit], len(found), fmt)


def _one(arc: Archive, kind: str, name: str, limit: int) -> EntityProfile | None:
    try:
        if kind == PERSON:
            return arc.person(name, limit=limit)
        return arc.organisation(name, limit=limit)
    except UsageError:
        return None  # not one person: a prefix of names


def _print_list(kind: str, found: list[EntitySummary], total: int, fmt: str) -> None:
    if fmt == "json":
        typer.echo(json.dumps({"total": total, kind: [e.to_dict() for e in found]}, indent=2))
        return
    table = Table("name", "key", "cables", "also written", title=f"{total:,} ({kind})")
    for e in found:
        table.add_row(escape(e.name), escape(e.key), f"{e.cables:,}", escape("; ".join(e.names)))
    Console(highlight=False).print(table)


def _print_profile(p: EntityProfile, fmt: str) -> None:
    if fmt == "json":
        typer.echo(json.dumps(p.to_dict(), indent=2))
        return
    console = Console(highlight=False)
    title = f"{p.name} — {p.meaning}" if p.meaning else p.name
    console.print(f"[bold]{escape(title)}[/]  ({p.kind}, key {escape(p.key)}): {p.total:,} cables")
    if len(p.names) > 1:
        console.print("taken for the same: " + escape("; ".join(p.names[1:])))
    console.print("roles: " + ", ".join(f"{r} {n:,}" for r, n in p.roles))
    console.print("written: " + escape("; ".join(f"{s} ({n})" for s, n in p.surfaces[:8])))
    console.print(bar_chart(list(p.by_year), title="cables per year"))
    table = Table("id", "created", "origin", "roles", "subject")
    for c in p.cables:
        table.add_row(
            c.reference_id,
            c.created or "",
            escape(c.origin or ""),
            ", ".join(c.roles),
            escape(c.subject[:60]),
        )
    console.print(table)
