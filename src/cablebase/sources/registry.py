"""The readers, in the order they are asked whether an input is theirs.

Order matters where formats nest: a mirror page contains a CSV row, a PlusD page is HTML,
and plain cable text is the fallback that claims anything that looks like a cable.
"""

from __future__ import annotations

from cablebase.sources.base import Reader
from cablebase.sources.cablegate_html import CABLEGATE_HTML
from cablebase.sources.cables_csv import CABLES_CSV
from cablebase.sources.jsonl import JSONL
from cablebase.sources.mirror import MIRROR
from cablebase.sources.pdf import PDF
from cablebase.sources.plusd_html import PLUSD_HTML
from cablebase.sources.text import TEXT

READERS: list[Reader] = [
    PDF,  # first: binary, and its text layer would look like cable text
    PLUSD_HTML,  # before Cablegate: both are HTML pages of cables
    CABLEGATE_HTML,
    MIRROR,  # before cables_csv: a mirror page carries one csv row after the page text
    CABLES_CSV,
    JSONL,
    TEXT,  # the fallback: any printable text with cable markers
]
