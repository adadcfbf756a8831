"""`cablebase plot`, run as a real process over the reading room's archive: real PNG and SVG
files whose numbers are the search's, and one-line errors for what cannot be drawn."""

from __future__ import annotations

import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from cablebase.errors import DataError
from cablebase.plots.worldmap import load_shapes, mollweide
from cablebase.service import Archive

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _plot(archive: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "cablebase", "plot", *args, "--archive", str(archive)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def _svg_texts(path: Path) -> str:
    root = ET.parse(path).getroot()  # a well-formed SVG document, or this raises
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return " ".join(t for t in root.itertext() if t.strip())


@pytest.mark.parametrize("kind", ["timeline", "map", "tags", "mix"])
def test_plot_writes_a_png_and_an_svg_with_the_search_total(
    web_archive: Path, tmp_path: Path, kind: str
) -> None:
    with Archive.open(web_archive) as archive:
        total = archive.search("iran", limit=0, facets=False).total
    png, svg = tmp_path / f"{kind}.png", tmp_path / f"{kind}.svg"
    for out in (png, svg):
        done = _plot(web_archive, kind, "iran", "-o", str(out))
        assert done.returncode == 0, done.stderr
        assert f"written to {out}" in done.stderr
    assert png.read_bytes()[:8] == PNG_SIGNATURE
    with Image.open(png) as image:
        image.verify()
        assert image.size[0] > 800 and image.size[1] > 400
    assert f"iran: {total:,} cables" in _svg_texts(svg)


def test_plot_compare_names_both_queries_and_their_totals(
    web_archive: Path, tmp_path: Path
) -> None:
    with Archive.open(web_archive) as archive:
        totals = [archive.search(q, limit=0, facets=False).total for q in ("iran", "iraq")]
    out = tmp_path / "compare.svg"
    done = _plot(web_archive, "compare", "iran", "--vs", "iraq", "-o", str(out))
    assert done.returncode == 0, done.stderr
    texts = _svg_texts(out)
    assert f"iran ({totals[0]:,})" in texts and f"iraq ({totals[1]:,})" in texts


def test_plot_explains_what_it_cannot_do_in_one_line(web_archive: Path, tmp_path: Path) -> None:
    wrong_format = _plot(web_archive, "map", "iran", "-o", str(tmp_path / "map.gif"))
    assert wrong_format.returncode == 2
    assert wrong_format.stderr.strip() == (
        f"cablebase: {tmp_path / 'map.gif'}: cannot tell the format; name the file .png or .svg"
    )
    no_second = _plot(web_archive, "compare", "iran", "-o", str(tmp_path / "c.png"))
    assert no_second.returncode == 2 and "--vs QUERY2" in no_second.stderr
    bad_query = _plot(web_archive, "timeline", "tag:(PREL", "-o", str(tmp_path / "t.png"))
    assert bad_query.returncode == 2 and bad_query.stderr.startswith("cablebase: ")
    assert not (tmp_path / "t.png").exists()


def test_the_world_atlas_decodes_to_countries_and_projects(tmp_path: Path) -> None:
    shapes = {shape.key: shape for shape in load_shapes()}
    assert shapes["276"].name == "Germany" and shapes["Kosovo"].name == "Kosovo"
    lon, lat = zip(*shapes["276"].rings[0], strict=True)
    assert 5 < min(lon) < max(lon) < 16 and 47 < min(lat) < max(lat) < 56
    assert mollweide(0, 0) == (0, 0)
    assert mollweide(180, 0) == pytest.approx((2 * math.sqrt(2), 0))
    assert mollweide(0, 90) == pytest.approx((0, math.sqrt(2)))
    with pytest.raises(DataError, match=re.escape("run `make vendor`")):
        load_shapes(tmp_path / "countries-110m.json")
