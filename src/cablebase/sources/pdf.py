"""PDF renderings of cables (``plusd-pdf/pdf/*.pdf``, wkhtmltopdf prints of cable pages).

The text layer is extracted with pypdf and split like plain cable text. ``original`` keeps
the extracted text as pypdf gives it (pages joined by a newline); ``header`` and ``body`` lose
the rendering's chrome:

- the PlusD id line ``2000HANOI00686 - CONFIDENTIAL`` printed at the top and the foot
  (00HANOI686); it gives ``meta["reference_id"]`` and ``meta["classification"]``;
- a lone ``>`` left at the end by the page markup (00HANOI686);
- TAGS printed as links, one tag a line between blank lines (``TAGS: \\nPREL\\n \\nXF``,
  00ABUDHABI5893), joined back into one ``TAGS: PREL XF`` line;
- the paragraph anchor ``¶`` on a line of its own before ``1.  (C) ...``, joined to the
  paragraph as the PlusD text files write it (``¶1.``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from cablebase.model import Source
from cablebase.sources.base import Item, ReadProblem
from cablebase.sources.text import raw_cable_from_text

__all__ = ["PDF", "PdfReader", "extract_text", "strip_chrome"]

_MAX_BYTES = 256 * 1024 * 1024
_ID_LINE = re.compile(
    r"^[ \t]*((?:19|20)\d{2}[A-Z][A-Z-]*[A-Z]\d+)[ \t]+-[ \t]+([A-Z][A-Z /]*?)[ \t]*$"
)
_TAG = re.compile(r"[A-Z0-9][A-Z0-9_-]*")


def extract_text(data: bytes) -> str:
    """The text layer of a PDF, pages joined by a newline. Raises on a damaged file."""
    import pypdf  # imported here: only PDF inputs pay for it

    document = pypdf.PdfReader(io.BytesIO(data), strict=False)
    return "\n".join(page.extract_text() for page in document.pages)


def strip_chrome(text: str) -> tuple[str, dict[str, str]]:
    """The cable text of an extracted PDF text, and what its chrome said (id, classification)."""
    meta: dict[str, str] = {}
    lines: list[str] = []
    source = text.split("\n")
    i = 0
    while i < len(source):
        line = source[i]
        found = _ID_LINE.match(line)
        if found:
            meta.setdefault("reference_id", found.group(1))
            meta.setdefault("classification", found.group(2))
            meta.setdefault("reference_id_from", "text")
        elif line.rstrip() == "TAGS:":
            tags, i = _collect_tags(source, i + 1)
            lines.append(" ".join(["TAGS:", *tags]))
            continue
        elif line.strip() == "¶" and i + 1 < len(source):
            lines.append("¶" + source[i + 1])
            i += 2
            continue
        else:
            lines.append(line)
        i += 1
    while lines and lines[-1].strip() in {"", ">"}:
        lines.pop()
    return "\n".join(lines).strip("\n") + "\n", meta


def _collect_tags(source: list[str], i: int) -> tuple[list[str], int]:
    tags: list[str] = []
    last_tag = i
    while i < len(source):
        word = source[i].strip()
        if word and _TAG.fullmatch(word) is None:
            break
        if word:
            tags.append(word)
            last_tag = i + 1
        i += 1
    return tags, last_tag  # blank lines after the last tag stay in the text


class PdfReader:
    """Reads one cable rendered as a PDF."""

    name = "pdf"

    def sniff(self, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def read(self, stream: BinaryIO, path: str) -> Iterator[Item]:
        data = stream.read(_MAX_BYTES + 1)
        if len(data) > _MAX_BYTES:
            yield ReadProblem(path, "", "PDF over 256 MiB: too large for one cable", "check it")
            return
        try:
            extracted = extract_text(data)
        except Exception as exc:  # pypdf raises many kinds on damaged files; none may crash us
            yield ReadProblem(
                path,
                "",
                f"damaged PDF: {type(exc).__name__}: {exc}".splitlines()[0],
                "re-download it or give the cable in another format",
            )
            return
        if not extracted.strip():
            yield ReadProblem(
                path, "", "PDF has no text layer (a scan?)", "run OCR on it and give the text"
            )
            return
        text, meta = strip_chrome(extracted.replace("\r\n", "\n"))
        yield raw_cable_from_text(text, extracted, Source(self.name, path, ""), meta)


PDF = PdfReader()
