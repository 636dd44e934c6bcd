"""Schema errors in a case file, said in Danish: the field path, what was found and what was expected.

Pydantic's own messages are English and, for errors raised by our model validators, name the path twice (once
in ``loc``, once at the start of our message). Whoever fixes a case file by hand needs one path and one reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

__all__ = [
    "describe_validation_error",
    "error_locations",
    "error_messages",
    "field_path",
    "validation_messages",
]

# Our model validators start their message with the path below the model they validate: "agreements[0].parties[1]:"
_OWN_PATH = re.compile(r"^(?P<path>[A-Za-z_][\w]*(?:\[\d+\]|\.[A-Za-z_]\w*)*): (?P<rest>.*)$", re.S)


def field_path(loc: Sequence[int | str]) -> str:
    """``('agreements', 0, 'content')`` as ``agreements[0].content``."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…"


def _expected(error: ErrorDetails) -> str:
    """What the schema expected, in Danish, for the error kinds a hand-written file runs into."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    # Errors handed on by a web framework may leave out the input itself.
    found = _shown(error["input"]) if "input" in error else "værdien"
    if kind == "missing":
        return "mangler"
    if kind == "extra_forbidden":
        return "ukendt felt; det findes ikke i skemaet (se `sundhedsaftale schema`)"
    if kind == "string_pattern_mismatch":
        return f"{found} har ikke den forventede form (mønster {ctx.get('pattern')})"
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace(" or ", " eller ")
        return f"{found} er ikke tilladt; forventet {expected}"
    if kind.startswith(("date_", "datetime_")):
        return f"{found} er ikke en dato; forventet ÅÅÅÅ-MM-DD"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{found} er ikke et heltal"
    if kind in ("bool_parsing", "bool_type"):
        return f"{found} er ikke true eller false"
    if kind == "string_type":
        return f"{found} er ikke tekst"
    if kind in ("list_type", "tuple_type"):
        return f"{found} er ikke en liste"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{found} er ikke et objekt ({{…}})"
    if kind == "string_too_short":
        return "må ikke være tom"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": "mindst",
            "greater_than": "større end",
            "less_than_equal": "højst",
            "less_than": "mindre end",
        }
        return f"{found} er uden for grænsen; forventet {words[kind]} {bound}"
    return str(error["msg"]).removeprefix("Value error, ")


def _located(error: ErrorDetails, prefix: Sequence[int | str] = ()) -> tuple[str, str]:
    """The error's field path (below ``prefix``) and its reason in Danish."""
    path = field_path([*prefix, *error["loc"]])
    reason = _expected(error)
    if error["type"] == "value_error" and (own := _OWN_PATH.match(reason)):
        # The validator named the field below ``loc``: join the two into one path.
        path = f"{path}.{own['path']}" if path else own["path"]
        reason = own["rest"]
    return path, reason


def validation_messages(exc: ValidationError, prefix: Sequence[int | str] = ()) -> list[str]:
    """Every error as one Danish line, ``path: reason``; ``prefix`` names where the validated data sits."""
    return error_messages(exc.errors(), prefix)


def error_messages(errors: Sequence[ErrorDetails], prefix: Sequence[int | str] = ()) -> list[str]:
    """:func:`validation_messages` for error details already taken out of their exception."""
    lines = []
    for error in errors:
        path, reason = _located(error, prefix)
        lines.append(f"{path}: {reason}" if path else reason)
    return lines


def error_locations(exc: ValidationError) -> list[tuple[str, str]]:
    """Every error as ``(field path, Danish reason)``, for a form that puts each reason on its field."""
    return [_located(error) for error in exc.errors()]


def describe_validation_error(exc: ValidationError) -> str:
    """The first error as ``feltet 'agreements[0].parties[1]': …``, with how many more there are."""
    errors = exc.errors()
    path, reason = _located(errors[0])
    more = len(errors) - 1
    tail = f" (og {more} fejl mere)" if more else ""
    where = f"feltet '{path}': " if path else ""
    return f"{where}{reason}{tail}"
