"""Problems found in an imported file: every one of them, each with its sheet, row and column."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sundhedsaftale.core.errors import SundhedsaftaleError

__all__ = ["InterchangeError", "Problem"]


@dataclass(frozen=True)
class Problem:
    """One problem in an imported file.

    ``row`` is the row number as Excel shows it (the header is row 1); ``sheet`` is ``None`` for a problem
    with the file as a whole, ``row`` for one with a sheet (a missing sheet), ``column`` for one with a row.
    """

    sheet: str | None
    row: int | None
    column: str | None
    message: str

    def where(self) -> str:
        """``Ark 'Medlemmer', række 7, kolonne 'rolle'`` (as much of it as is known)."""
        parts: list[str] = []
        if self.sheet is not None:
            parts.append(f"Ark '{self.sheet}'")
        if self.row is not None:
            parts.append(f"række {self.row}")
        if self.column is not None:
            parts.append(f"kolonne '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message

    def as_dict(self) -> dict[str, str | int | None]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}


class InterchangeError(SundhedsaftaleError):
    """An imported file that cannot be applied. Carries every problem found, never just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @classmethod
    def single(cls, message: str, *, sheet: str | None = None) -> InterchangeError:
        return cls([Problem(sheet, None, None, message)])
