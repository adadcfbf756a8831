"""Reading a packaged table once per process: every lookup of :mod:`cablebase.decode` is a
dictionary access after the first call."""

from __future__ import annotations

import csv
import functools
from importlib import resources


@functools.cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/<name>``, cells stripped; an empty cell is the empty string."""
    with resources.files("cablebase.data").joinpath(name).open(encoding="utf-8") as fh:
        return tuple(
            {key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(fh)
        )
