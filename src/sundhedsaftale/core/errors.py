"""Errors the core raises for bad input, written for the person who must fix the input.

Every message names the file (when there is one), the line (when known) and what is wrong, in Danish.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CaseError", "CitationError", "DataFileError", "SundhedsaftaleError"]


class SundhedsaftaleError(Exception):
    """Base class: an error in input that the user or operator can fix."""


class DataFileError(SundhedsaftaleError):
    """A data file (law, reference, parameters, demo) is malformed.

    Raised at start-up so that nothing runs half-configured.
    """

    def __init__(self, path: Path | str, problem: str, *, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.problem = problem
        super().__init__(self.describe())

    def describe(self) -> str:
        where = display_path(self.path)
        if self.line is not None:
            where = f"{where}, linje {self.line}"
        return f"{where}: {self.problem}"


class CitationError(SundhedsaftaleError):
    """A citation that cannot be parsed or names a legal unit that does not exist."""


class CaseError(SundhedsaftaleError):
    """A case (facts about a region) that is inconsistent, for example a decision on an unknown parameter."""


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when it lies below it (shorter messages)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
