"""The loaded law, reference data and parameters kept between runs of the command line (ADR 0044): a kept platform
is the one the files give, and any change to a data file is read, never answered from the cache."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from sundhedsaftale.core import Platform, _load, _platform_cache
from sundhedsaftale.data import DATA_DIR

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "region-sjaelland.json"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SUNDHEDSAFTALE_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


def load(data_dir: Path) -> Platform:
    """A fresh load through the cache (not the process's own memo of loaded platforms)."""
    return _load.__wrapped__(data_dir, True)  # type: ignore[attr-defined, no-any-return]


def kept(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("platform-*.pickle"))


def same(a: Platform, b: Platform) -> None:
    assert [r.id for r in a.rulebook.rules] == [r.id for r in b.rulebook.rules]
    assert [r.provisions for r in a.rulebook.rules] == [r.provisions for r in b.rulebook.rules]
    assert a.corpus.sources == b.corpus.sources
    assert a.reference == b.reference
    assert a.changes.changes == b.changes.changes
    assert list(a.rulebook.parameters) == list(b.rulebook.parameters)
    assert a.cross_references.figures("bek-1248-2022") == b.cross_references.figures("bek-1248-2022")


def test_a_kept_platform_is_the_one_the_files_give(data_dir: Path, tmp_path: Path) -> None:
    first = load(data_dir)
    assert len(kept(tmp_path)) == 1
    again = load(data_dir)
    same(first, again)
    fresh = _load.__wrapped__(data_dir, False)  # type: ignore[attr-defined]
    same(again, fresh)


def test_a_changed_data_file_is_read_and_replaces_what_was_kept(data_dir: Path, tmp_path: Path) -> None:
    before = load(data_dir)
    old = kept(tmp_path)
    parameters = data_dir / "law" / "parameters.yaml"
    text = parameters.read_text(encoding="utf-8")
    parameters.write_text(text + "\n# ændret\n", encoding="utf-8")
    after = load(data_dir)
    assert kept(tmp_path) != old
    assert len(kept(tmp_path)) == 1  # the older one dropped
    same(before, after)  # a comment changes nothing but the key
    (data_dir / "law" / "rule-packages.yaml").write_text("packages: []\n", encoding="utf-8")
    assert load(data_dir).rulebook.rules == ()  # not the kept rulebook's rules


def test_a_damaged_cache_file_is_ignored(data_dir: Path, tmp_path: Path) -> None:
    load(data_dir)
    (path,) = kept(tmp_path)
    path.write_bytes(b"not a pickle")
    assert len(load(data_dir).rulebook.rules) > 0
    assert pickle.loads(path.read_bytes())  # written again, whole


def test_the_key_names_code_and_data() -> None:
    assert _platform_cache.cache_key(DATA_DIR) == _platform_cache.cache_key(DATA_DIR)
    assert len(_platform_cache.cache_key(DATA_DIR)) == 32
