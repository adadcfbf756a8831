"""The readers, in the order they are asked whether an input is theirs.

Order matters where formats nest: a mirror page contains a CSV row, a PlusD page is HTML,
and plain cable text is the fallback that claims anything that looks like a cable.
"""

from __future__ import annotations

from cablebase.sources.base import Reader

READERS: list[Reader] = [
]
