"""Charts as PNG or SVG files with matplotlib (Agg, no display), from the counts of ``data``.

The colours and the order of classifications are the web page's (``static/charts.js``), so a
chart looks the same in a paper as in the reading room. Each drawing says what it counts and
what it leaves out (undated cables, origins the posts table does not place).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

# A Figure of its own, never pyplot: no window, no display server, no global state.
from matplotlib.axes import Axes
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from cablebase.errors import UsageError
from cablebase.plots.worldmap import load_shapes


def _colours() -> dict[str, Any]:
    # One table of colours for the web page and these files: static/chart-colours.json.
    text = resources.files("cablebase.web").joinpath("static/chart-colours.json").read_text()
    return dict(json.loads(text))


_COLOURS = _colours()
CLASS_COLOURS: dict[str, str] = _COLOURS["classification"]
PALETTE: list[str] = _COLOURS["palette"]
MAP_STEPS: list[str] = _COLOURS["map_steps"]
FORMATS = (".png", ".svg")


def colour(name: str, i: int) -> str:
    return CLASS_COLOURS.get(name, PALETTE[i % len(PALETTE)])


def _month(label: str) -> float:
    """'2008-01' as matplotlib's date number of its first day."""
    year, month = label.split("-")
    return float(date2num(date(int(year), int(month), 1)))  # type: ignore[no-untyped-call]


def _titled(ax: Axes, title: str, data: dict[str, Any]) -> None:
    what = data.get("understood") or "every cable"
    ax.set_title(f"{title}\n{what}: {data['total']:,} cables", fontsize=11, loc="left")


def timeline(fig: Figure, data: dict[str, Any]) -> None:
    ax = fig.add_subplot()
    months = [_month(m) for m in data["months"]]
    bottom = [0] * len(months)
    for i, series in enumerate(data["series"]):
        ax.bar(
            months,
            series["counts"],
            width=28,
            bottom=bottom,
            align="edge",
            color=colour(series["name"], i),
            label=f"{series['name']} ({series['total']:,})",
        )
        bottom = [b + n for b, n in zip(bottom, series["counts"], strict=True)]
    ax.xaxis_date()
    _titled(ax, "Cables per month, by classification", data)
    ax.set_ylabel("cables per month")
    if data["series"]:
        ax.legend(fontsize=8, frameon=False, loc="upper left")
    if data["undated"]:
        fig.text(0.01, 0.01, f"{data['undated']:,} undated cables not shown", fontsize=8)


def compare(fig: Figure, data: dict[str, Any]) -> None:
    ax = fig.add_subplot()
    months = [_month(m) for m in data["months"]]
    for i, side in enumerate(data["queries"]):
        label = f"{side['understood'] or 'every cable'} ({side['total']:,})"
        ax.plot(months, side["counts"], color=PALETTE[i], linewidth=1.2, label=label)
    ax.xaxis_date()
    ax.set_title("Two queries, cables per month", fontsize=11, loc="left")
    ax.set_ylabel("cables per month")
    ax.legend(fontsize=8, frameon=False, loc="upper left")


def tags(fig: Figure, data: dict[str, Any]) -> None:
    ax = fig.add_subplot()
    for i, series in enumerate(data["series"]):
        ax.plot(
            data["years"],
            series["counts"],
            marker="o",
            markersize=3,
            linewidth=1.2,
            color=PALETTE[i % len(PALETTE)],
            label=f"{series['tag']} ({series['total']:,})",
        )
    _titled(ax, "Top TAGS, cables per year", data)
    ax.set_ylabel("cables per year")
    if data["series"]:
        ax.legend(fontsize=8, frameon=False, loc="upper left", ncols=2)


def mix(fig: Figure, data: dict[str, Any]) -> None:
    ax = fig.add_subplot()
    origins = [o["origin"] for o in data["origins"]][::-1]  # the largest at the top
    left = [0] * len(origins)
    for i, name in enumerate(data["classifications"]):
        counts = [o["counts"].get(name, 0) for o in data["origins"]][::-1]
        ax.barh(origins, counts, left=left, color=colour(name, i), label=name)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    _titled(ax, "Classification mix of the top origins", data)
    ax.set_xlabel("cables")
    ax.tick_params(axis="y", labelsize=8)
    ax.legend(fontsize=8, frameon=False, loc="lower right")


def steps(largest: int) -> list[int]:
    """Upper bounds of six colour classes on a log scale (as the web map's legend)."""
    n = len(MAP_STEPS)
    return [max(1, round(largest ** (i / n))) for i in range(1, n + 1)]


def _unwrapped(rings: Sequence[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """Rings that cross the 180th meridian (Russia, Fiji) made continuous, then drawn twice,
    a turn apart: the map's edge clips each copy to its own side."""
    out = []
    for ring in rings:
        if max(lon for lon, _ in ring) - min(lon for lon, _ in ring) <= 180:
            out.append(ring)
            continue
        east = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
        out.append(east)
        out.append([(lon - 360, lat) for lon, lat in east])
    return out


def world(fig: Figure, data: dict[str, Any]) -> None:
    shapes = load_shapes()
    ax = fig.add_subplot(projection="mollweide")
    by_key = {c["key"]: c for c in data["countries"]}
    by_name = {c["name"]: c for c in data["countries"]}
    breaks = steps(data["countries"][0]["count"] if data["countries"] else 0)
    for shape in shapes:
        country = by_key.get(shape.key) or by_name.get(shape.name)
        fill = "#e7e4dc"
        if country:
            step = next((i for i, b in enumerate(breaks) if country["count"] <= b), -1)
            fill = MAP_STEPS[step]
        vertices: list[tuple[float, float]] = []
        codes: list[int] = []
        for ring in _unwrapped(shape.rings):
            points = [(math.radians(lon), math.radians(lat)) for lon, lat in ring]
            vertices.extend(points)
            codes.extend([int(MplPath.MOVETO)] + [int(MplPath.LINETO)] * (len(points) - 1))
        if vertices:
            ax.add_patch(
                PathPatch(
                    MplPath(vertices, codes), facecolor=fill, edgecolor="white", linewidth=0.3
                )
            )
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    _titled(ax, "Cables per country of origin", data)
    low, handles = 1, []
    for colour_, high in zip(MAP_STEPS, breaks, strict=True):
        if high >= low:
            label = f"{low:,}" if low == high else f"{low:,}–{high:,}"
            handles.append(Patch(facecolor=colour_, label=label))
            low = high + 1
    ax.legend(
        handles=handles,
        fontsize=7,
        frameon=False,
        loc="lower left",
        bbox_to_anchor=(0.0, -0.12),
        ncols=len(handles),
    )
    unplaced = sum(o["count"] for o in data["unplaced"]) + data["no_origin"]
    if unplaced:
        fig.text(0.01, 0.01, f"{unplaced:,} cables from origins not on the map", fontsize=8)


DRAW: dict[str, Callable[[Figure, dict[str, Any]], None]] = {
    "timeline": timeline,
    "compare": compare,
    "tags": tags,
    "mix": mix,
    "map": world,
}


def plot(kind: str, data: dict[str, Any], output: Path, size: Sequence[float] = (11, 5.5)) -> None:
    """Draw ``data`` (the counts of ``kind``) into ``output``, a .png or .svg file."""
    if output.suffix.lower() not in FORMATS:
        raise UsageError(f"{output}: cannot tell the format; name the file .png or .svg")
    fig = Figure(figsize=(size[0], size[1]), dpi=120, layout="constrained")
    DRAW[kind](fig, data)
    try:
        fig.savefig(output, format=output.suffix.lower()[1:])
    except OSError as exc:
        raise UsageError(
            f"{output}: cannot write the chart ({exc.strerror}); check the path"
        ) from None
