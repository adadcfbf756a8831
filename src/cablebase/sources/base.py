"""What every reader shares: the reader protocol and the record of an unreadable input."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from cablebase.model import RawCable

SNIFF_BYTES = 64 * 1024
"""How much of the start of an input the readers see when deciding whether it is theirs."""


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """An input (or part of one) that yielded no cable. One line for the user, never a crash."""

    path: str
    position: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}: {self.position}" if self.position else self.path
        return f"{where}: {self.message}" + (f"; {self.hint}" if self.hint else "")


Item = RawCable | ReadProblem


class Reader(Protocol):
    """A reader for one published format, picked by content, never by file extension."""

    name: str

    def sniff(self, head: bytes) -> bool:
        """True when ``head`` (the first :data:`SNIFF_BYTES` of the input) is this format."""
        ...

    def read(self, stream: BinaryIO, path: str) -> Iterator[Item]:
        """Yield every cable in ``stream``; a bad record yields a :class:`ReadProblem`."""
        ...
