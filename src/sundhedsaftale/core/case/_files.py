"""Reading a JSON case file, with errors that name the field path and what was expected."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from ..errors import DataFileError
from ._model import RegionCase
from ._validation import describe_validation_error

__all__ = ["SCHEMA_VERSION", "load_case_file"]

SCHEMA_VERSION = "1"


def load_case_file(path: Path) -> RegionCase:
    """Parse and validate a case file; :class:`DataFileError` names line or field path on failure."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, f"filen kan ikke læses ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise DataFileError(path, "filen er ikke gyldig UTF-8") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(path, f"ugyldig JSON: {exc.msg} (kolonne {exc.colno})", line=exc.lineno) from None
    try:
        return RegionCase.model_validate(raw)
    except ValidationError as exc:
        raise DataFileError(path, describe_validation_error(exc)) from None
