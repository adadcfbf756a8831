"""One exception tree for the whole project.

    CablebaseError            anything cablebase raises on purpose; its message is one line
    ├── InputError            a file or record cannot be read (names the file and position)
    ├── UsageError            a command or argument is wrong (says what to type instead)
    └── DataError             a packaged data file is missing or corrupt (reinstall)

Each message says what happened, where (file, position, cable id) and what to do. The CLI
prints the message alone; a traceback is never the user interface.
"""

from __future__ import annotations


class CablebaseError(Exception):
    """Base of every error cablebase raises on purpose."""


class InputError(CablebaseError):
    """An input file or one record in it cannot be read."""

    def __init__(self, path: str, position: str, problem: str, hint: str = "") -> None:
        self.path = path
        self.position = position
        self.problem = problem
        self.hint = hint
        where = f"{path}: {position}" if position else path
        text = f"{where}: {problem}"
        super().__init__(f"{text}; {hint}" if hint else text)


class UsageError(CablebaseError):
    """The user asked for something that cannot be done as asked."""


class DataError(CablebaseError):
    """A data file shipped with cablebase is missing or unreadable."""
