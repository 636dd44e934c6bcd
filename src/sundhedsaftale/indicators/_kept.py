"""Building blocks kept between runs: the person-level blocks made by ranges of persons (ADR 0053).

Merging the hospital contacts into stays orders every physical contact of every year, three quarters of a run's
time. What the indicators read of it, ``admission`` (each admission with age and death) and ``stay_start_part``
(stays counted by year, residence, sex and age), depends on three of the register's tables and on the merge's
definitions, not on the periods, levels, code lists or indicators asked for. So a run may keep those two blocks,
and a later run on the same files reads them instead of merging again.

An entry is named by its key: SHA-256 over the content of every file of ``hospital_contact``, ``person`` and
``residence``, the SQL text of the building blocks (which carries the merge's gap and the admission's hours), the
engine's dialect and ``FORMAT``. Any change to one of them names another entry; nothing is ever read under a key
it was not written for. An entry is written in a folder of its own and renamed into place when whole, so a run that
stops half-way leaves no entry behind, and two runs writing the same entry leave one. Keeping never fails a run:
an entry that cannot be written or read is noted in ``problems`` and the run merges anew.

The kept blocks hold person-level health data derived from the register: the folder is created readable by its
owner only, is not part of the platform's backups (they can be made again from the register) and holds at most
``entries`` entries, the least recently used removed first.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

__all__ = ["FORMAT", "KEPT_BLOCKS", "SOURCE_TABLES", "KeptBlocks", "file_digest"]

KEPT_BLOCKS = ("admission", "stay_start_part")
SOURCE_TABLES = ("hospital_contact", "person", "residence")
# Raised when what an entry holds changes in a way its SQL text does not show (its file layout, say).
FORMAT = 1

_CHUNK = 4 << 20
_log = logging.getLogger(__name__)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class _Storage(Protocol):
    dialect: str

    def save(self, name: str, directory: Path) -> None: ...

    def load(self, name: str, directory: Path) -> None: ...


def file_digest(path: Path) -> str:
    """SHA-256 of a file's content."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class KeptBlocks:
    """Where the kept blocks live and how many entries to keep there.

    ``threads``: files hashed at once (hashing releases the interpreter's lock, so two threads hash two files at
    once on two processors)."""

    root: Path
    entries: int = 3
    threads: int = 2
    # The keys of the entries this object read, in order: a run can say that it merged nothing itself.
    read: list[str] = field(default_factory=list, compare=False)
    # What went wrong keeping or reading blocks (the run went on without them), for the caller to show.
    problems: list[str] = field(default_factory=list, compare=False)

    def key(self, directory: Path, sqls: Sequence[str], dialect: str) -> str:
        files = sorted(p for table in SOURCE_TABLES for p in (directory / table).glob("*.parquet"))
        with ThreadPoolExecutor(max_workers=max(1, self.threads)) as pool:
            digests = list(pool.map(file_digest, files))
        key = hashlib.sha256(f"format {FORMAT}\0dialect {dialect}\0".encode())
        for path, digest in zip(files, digests, strict=True):
            key.update(f"{path.relative_to(directory).as_posix()}\0{digest}\0".encode())
        for sql in sqls:
            key.update(sql.encode("utf-8") + b"\0")
        return key.hexdigest()

    def load(self, engine: _Storage, key: str, names: Sequence[str]) -> bool:
        """Read the blocks ``names`` of the entry ``key`` into the engine; False when there is no such entry or it
        cannot be read (a damaged entry is removed, and the run merges anew: keeping is never a reason to fail)."""
        entry = self.root / key
        if not all((entry / name).is_dir() for name in names):
            return False
        try:
            for name in names:
                engine.load(name, entry / name)
        except Exception as exc:  # the engine's own error types differ; any of them means: merge anew
            self._problem(
                f"{entry}: de bevarede byggeklodser kunne ikke læses og er fjernet ({_first_line(exc)})"
            )
            shutil.rmtree(entry, ignore_errors=True)
            return False
        os.utime(entry)  # its last use, for pruning
        self.read.append(key)
        return True

    def save(self, engine: _Storage, key: str) -> None:
        """Write every kept block from the engine as the entry ``key``, then prune the oldest entries. A failure
        (a full disk, a folder that cannot be written) leaves no entry and is noted in ``problems``, not raised:
        the run's values are computed all the same."""
        entry = self.root / key
        partial = self.root / f".{key}.{uuid.uuid4().hex}"
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.root.chmod(0o700)  # a folder made by hand beforehand is made private too
            if entry.is_dir():
                os.utime(entry)
                return
            partial.mkdir(mode=0o700)
            for name in KEPT_BLOCKS:
                engine.save(name, partial / name)
            try:
                partial.rename(entry)
            except OSError:
                if not entry.is_dir():  # another run wrote the same entry first: keep that one
                    raise
        except Exception as exc:
            self._problem(f"{self.root}: byggeklodserne kunne ikke bevares ({_first_line(exc)})")
            return
        finally:
            shutil.rmtree(partial, ignore_errors=True)
        self.prune()

    def _problem(self, text: str) -> None:
        self.problems.append(text)
        _log.warning(text)

    def prune(self) -> None:
        """Remove all but the ``entries`` most recently used entries."""
        if not self.root.is_dir():
            return
        # Folders left by a run that was stopped while writing, a day or more ago.
        for partial in self.root.glob(".*"):
            if partial.is_dir() and time.time() - partial.stat().st_mtime > 86400:
                shutil.rmtree(partial, ignore_errors=True)
        entries = sorted(
            (p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
        for old in entries[max(0, self.entries) :]:
            shutil.rmtree(old, ignore_errors=True)
