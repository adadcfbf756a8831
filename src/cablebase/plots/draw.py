"""Charts as PNG or SVG files with matplotlib (Agg, no display), from the counts of ``data``.

The colours and the order of classifications are the web page's (``static/charts.js``), so a
chart looks the same in a paper as in the reading room. Each drawing says what it counts and
what it leaves out (undated cables, origins the posts table does not place).
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

# A Figure of its own, never pyplot: no window, no display server, no global state.
import matplotlib
from matplotlib.axes import Axes
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, Patch, PathPatch
from matplotlib.path import Path as MplPath

from cablebase.errors import UsageError
from cablebase.plots.worldmap import load_shapes, mollweide


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
    """Rings that cross the 180th meridian made whole for drawing.

    A ring round a pole (Antarctica) winds once round the globe: where it jumps from 180°
    to -180° it goes down the edge of the map to the pole and back up instead. Any other
    ring that jumps (Russia, Fiji) is made continuous, then drawn twice, a turn apart: the
    map's edge clips each copy to its own side.
    """
    out = []
    for ring in rings:
        steps = [b[0] - a[0] for a, b in itertools.pairwise(ring)]
        if not any(abs(step) > 180 for step in steps):
            out.append(ring)
            continue
        winding = sum(step - 360 * round(step / 360) for step in steps)
        if abs(winding) > 180:
            pole = -90.0 if sum(lat for _, lat in ring) < 0 else 90.0
            detoured = ring[:1]
            for a, b in itertools.pairwise(ring):
                if abs(b[0] - a[0]) > 180:
                    detoured.extend([(a[0], pole), (b[0], pole)])
                detoured.append(b)
            out.append(detoured)
            continue
        east = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
        out.append(east)
        out.append([(lon - 360, lat) for lon, lat in east])
    return out


def _dense(ring: list[tuple[float, float]], most: float = 2.0) -> list[tuple[float, float]]:
    """Points added along long edges (Antarctica's run along a parallel): an edge straight
    in degrees is curved on the map."""
    out = ring[:1]
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        pieces = max(1, math.ceil(max(abs(x1 - x0), abs(y1 - y0)) / most))
        out.extend(
            (x0 + (x1 - x0) * i / pieces, y0 + (y1 - y0) * i / pieces) for i in range(1, pieces + 1)
        )
    return out


def world(fig: Figure, data: dict[str, Any]) -> None:
    shapes = load_shapes()
    ax = fig.add_subplot()
    ax.set_aspect("equal")
    ax.set_axis_off()
    # The ocean: the projection's whole ellipse, which also clips what crosses its edge.
    ocean = Ellipse(
        (0, 0),
        4 * math.sqrt(2),
        2 * math.sqrt(2),
        facecolor="#eef3f7",
        edgecolor="#d5d2ca",
        linewidth=0.6,
    )
    ax.add_patch(ocean)
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
            points = [mollweide(lon, lat) for lon, lat in _dense(ring)]
            vertices.extend(points)
            codes.extend([int(MplPath.MOVETO)] + [int(MplPath.LINETO)] * (len(points) - 1))
        if vertices:
            patch = PathPatch(
                MplPath(vertices, codes), facecolor=fill, edgecolor="white", linewidth=0.3
            )
            ax.add_patch(patch)
            patch.set_clip_path(ocean)
    ax.set_xlim(-2.9, 2.9)
    ax.set_ylim(-1.45, 1.45)
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
    # SVG text stays text: searchable, and editable in a paper's figure.
    fig = Figure(figsize=(size[0], size[1]), dpi=120, layout="constrained")
    DRAW[kind](fig, data)
    try:
        with matplotlib.rc_context({"svg.fonttype": "none"}):
            fig.savefig(output, format=output.suffix.lower()[1:])
    except OSError as exc:
        raise UsageError(
            f"{output}: cannot write the chart ({exc.strerror}); check the path"
        ) from None
