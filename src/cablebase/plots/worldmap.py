"""Country shapes for maps drawn offline: the vendored world atlas (TopoJSON), decoded here.

``make vendor`` copies ``countries-110m.json`` (npm's world-atlas, 1:110m Natural Earth
shapes, numbered by ISO 3166 numeric code) into the web app's static folder; the browser
map and ``cablebase plot map`` draw the same file, so the two maps agree. TopoJSON stores
each border once, as an arc of delta-encoded integer points; a ring is a list of arcs
(a negative index ``~i`` is arc ``i`` reversed), a country one or more polygons of rings.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from cablebase.errors import DataError

Ring = list[tuple[float, float]]  # (longitude, latitude) points, closed


@dataclass(frozen=True, slots=True)
class Shape:
    key: str  # ISO 3166 numeric code ("276"), or the name where the atlas has none
    name: str
    rings: tuple[Ring, ...]  # outer rings and holes alike (drawn with the even-odd rule)


def atlas_path() -> Path:
    return Path(str(resources.files("cablebase.web").joinpath("static/vendor/countries-110m.json")))


def load_shapes(path: Path | None = None) -> list[Shape]:
    """Every country of the atlas; a missing atlas is a one-line error saying how to get it."""
    path = path or atlas_path()
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(
            f"{path}: the world map is missing; run `make vendor` in the source tree"
        ) from None
    except ValueError as exc:
        raise DataError(f"{path}: not a TopoJSON file ({exc}); run `make vendor` again") from None
    arcs = _decoded_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = str(geometry.get("properties", {}).get("name", ""))
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = tuple(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        shapes.append(Shape(str(geometry.get("id") or name), name, rings))
    return shapes


def _decoded_arcs(topology: dict[str, Any]) -> list[Ring]:
    transform = topology.get("transform")
    scale = transform["scale"] if transform else (1.0, 1.0)
    shift = transform["translate"] if transform else (0.0, 0.0)
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for point in arc:
            if transform:  # quantized: each point is the delta from the one before
                x, y = x + point[0], y + point[1]
            else:
                x, y = point[0], point[1]
            points.append((x * scale[0] + shift[0], y * scale[1] + shift[1]))
        decoded.append(points)
    return decoded


def _ring(arcs: list[Ring], indexes: list[int]) -> Ring:
    points: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point: keep it once.
        points.extend(arc[1:] if points else arc)
    return points


def mollweide(lon: float, lat: float) -> tuple[float, float]:
    """Mollweide's equal-area projection of a point in degrees, onto an ellipse 4√2 by 2√2.

    Equal area matters on a choropleth: a country's colour is seen in proportion to its
    real size. The auxiliary angle θ solves 2θ + sin 2θ = π sin φ (Newton's method).
    """
    phi, lam = math.radians(lat), math.radians(lon)
    theta = phi
    target = math.pi * math.sin(phi)
    for _ in range(30):
        slope = 2 + 2 * math.cos(2 * theta)
        if slope < 1e-12:  # at a pole θ = φ already
            break
        step = (2 * theta + math.sin(2 * theta) - target) / slope
        theta -= step
        if abs(step) < 1e-10:
            break
    return 2 * math.sqrt(2) / math.pi * lam * math.cos(theta), math.sqrt(2) * math.sin(theta)
