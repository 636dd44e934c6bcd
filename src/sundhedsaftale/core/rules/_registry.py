"""The registry of rule packages: which modules' rules make the rulebook, read from a data file.

A package is a Python module that declares rules with :func:`~sundhedsaftale.core.rules.rule`. Adding the rules
of a new source is a module plus one line in ``rule-packages.yaml``; the engine, the calendar and the pages are
not touched (docs/rules.md, "A new source and its rules").
"""

from __future__ import annotations

import importlib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._yaml import load_located_yaml
from ..law import validation_problem
from ._engine import RuleSpec, declared_rules

__all__ = ["load_rule_packages", "rules_of"]


class _PackageRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    module: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
    covers: str = ""


def load_rule_packages(path: Path) -> tuple[str, ...]:
    """Import every module listed in ``path``, in order; an unknown or broken module names the file and line."""
    doc = load_located_yaml(path)
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("packages"), list):
        raise doc.error([], "filen skal have en liste 'packages'")
    modules: list[str] = []
    for index, raw in enumerate(doc.data["packages"]):
        try:
            row = _PackageRow.model_validate(raw)
        except ValidationError as exc:
            raise validation_problem(doc, exc, ("packages", index)) from None
        if row.module in modules:
            raise doc.error(["packages", index, "module"], f"regelpakken '{row.module}' er angivet to gange")
        try:
            importlib.import_module(row.module)
        except ImportError as exc:
            raise doc.error(
                ["packages", index, "module"], f"regelpakken '{row.module}' kan ikke indlæses ({exc})"
            ) from None
        modules.append(row.module)
    return tuple(modules)


def rules_of(modules: tuple[str, ...]) -> list[RuleSpec]:
    """The rules declared by the given (already imported) modules."""
    wanted = set(modules)
    return [spec for spec in declared_rules() if spec.module in wanted]
