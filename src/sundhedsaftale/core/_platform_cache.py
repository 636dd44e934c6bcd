"""The loaded law, reference data and parameters kept between runs of the command line (ADR 0044).

Loading the platform parses the law, the reference data and the parameters from YAML, validates every row and
checks the texts' cross-references; a command that only lists the rules spent most of its start-up there. What
that produces depends on nothing but the data files and the code that reads them, so it is kept on disk under a
key that is the hash of both: every file of the data directory's ``law`` and ``reference`` folders (name and
content), every source file of ``sundhedsaftale.core``, the package's version and the Python version. Any change
to any of them gives another key, and the platform is loaded from the files again (and kept under the new key).
The rules themselves are code and are not kept: the rule modules are imported and the rulebook is built and
checked against the law on every run, as without the cache.

The files live in the user's own cache directory (``SUNDHEDSAFTALE_CACHE_DIR``, else ``$XDG_CACHE_HOME`` or
``~/.cache``, then ``sundhedsaftale``); only the command line uses them. A file that cannot be read or written is
ignored: the platform is then loaded from the files, as without the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

import sundhedsaftale

__all__ = ["cache_dir", "cache_key", "read", "write"]

_CORE = Path(__file__).resolve().parent
_PREFIX = "platform-"


def cache_dir() -> Path:
    """Where the loaded platform is kept."""
    chosen = os.environ.get("SUNDHEDSAFTALE_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sundhedsaftale"


def _files(root: Path, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and (suffixes is None or p.suffix in suffixes))


def cache_key(data_dir: Path) -> str:
    """The hash of everything the loaded platform is made from (see the module's text)."""
    digest = hashlib.sha256(f"{sundhedsaftale.__version__}\0{sys.version}\0".encode())
    for label, root, suffixes in (
        ("core", _CORE, (".py",)),
        ("law", data_dir / "law", None),
        ("reference", data_dir / "reference", None),
    ):
        for path in _files(root, suffixes):
            digest.update(f"{label}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:32]


def _path(key: str) -> Path:
    return cache_dir() / f"{_PREFIX}{key}.pickle"


def read(key: str) -> Any | None:
    """What :func:`write` kept under ``key``, or None (never kept, or unreadable)."""
    try:
        data = _path(key).read_bytes()
    except OSError:
        return None
    try:
        # The file is the user's own, written by write() under a key that names its inputs.
        return pickle.loads(data)
    except Exception:  # a damaged or foreign file: load from the data files instead
        return None


def write(key: str, value: Any) -> None:
    """Keep ``value`` under ``key`` (written whole, then renamed), and drop what older keys kept."""
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".tmp-", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, _path(key))
        for older in directory.glob(f"{_PREFIX}*.pickle"):
            if older.name != _path(key).name:
                older.unlink(missing_ok=True)
    except OSError:
        return
