"""YAML loading that remembers where each value stood, so errors can name the line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataFileError

if TYPE_CHECKING:
    import yaml

__all__ = ["LocatedYaml", "load_located_yaml"]

# PyYAML is imported when a file is read, not with this module: a command line whose platform comes from the
# cache of loaded data (core/_platform_cache.py) reads no YAML.


class LocatedYaml:
    """The parsed document plus a way to find the line of any value by its path."""

    def __init__(self, path: Path, data: Any, root: yaml.Node | None) -> None:
        self.path = path
        self.data = data
        self._root = root

    def line_of(self, location: Sequence[str | int]) -> int | None:
        """1-based line of the value at ``location`` (keys and list indexes); nearest known parent if absent."""
        node = self._root
        line = node.start_mark.line + 1 if node is not None else None
        for step in location:
            child = _child(node, step)
            if child is None:
                break
            node = child
            line = node.start_mark.line + 1
        return line

    def error(self, location: Sequence[str | int], problem: str) -> DataFileError:
        return DataFileError(self.path, problem, line=self.line_of(location))


def _child(node: yaml.Node | None, step: str | int) -> yaml.Node | None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(step):
                return value_node  # type: ignore[no-any-return]
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]  # type: ignore[no-any-return]
    return None


def load_located_yaml(path: Path) -> LocatedYaml:
    """Parse ``path``; a syntax error becomes a :class:`DataFileError` naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, f"filen kan ikke læses ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise DataFileError(path, "filen er ikke gyldig UTF-8") from None
    import yaml

    # The C loader when PyYAML was built with libyaml: same results, several times faster at start-up.
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        # One parse: compose the node tree (it keeps line numbers), then construct the data from it.
        root = yaml.compose(text, Loader=loader)
        data = loader(text).construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise DataFileError(path, f"ugyldig YAML: {exc.problem}", line=line) from None
    except yaml.YAMLError as exc:
        raise DataFileError(path, f"ugyldig YAML: {exc}") from None
    except ValueError as exc:  # a value YAML reads as a date but is none, e.g. 2027-13-01
        raise DataFileError(path, f"ugyldig værdi: {exc}") from None
    return LocatedYaml(path, data, root)
