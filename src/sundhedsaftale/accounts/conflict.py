"""The one kind of conflict every action raises when a record changed after it was opened."""

from __future__ import annotations

from typing import Any


class RecordConflict(Exception):
    """Someone else saved the record after it was opened; nothing was overwritten.

    Each action module words its own Danish message; pages show it on the form and the API answers 409 with it
    (one handler in ``api/main.py``).
    """

    def __init__(self, current: Any, message: str) -> None:
        self.current = current
        super().__init__(message)
