"""Docs that cannot drift: generated pages up to date, README's two commands are what CI runs."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _gen_docs():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "tools" / "gen_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_reference_pages_are_up_to_date() -> None:
    gen = _gen_docs()
    for relative, build in gen.PAGES.items():
        assert (ROOT / relative).read_text(encoding="utf-8") == build(), (
            f"{relative} er forældet: kør python tools/gen_docs.py"
        )


def test_every_rule_and_parameter_is_documented(platform) -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in platform.rulebook.rules:
        assert f"`{rule.id}`" in page
    for parameter in platform.rulebook.parameters:
        assert f"`{parameter.key}`" in page


def test_every_provision_of_the_order_has_a_rule_or_a_reason(platform) -> None:
    """docs/rules.md lists every provision with its status; none is silently left out."""
    from sundhedsaftale.core.rules import provision_coverage
    from sundhedsaftale.data import DATA_DIR

    coverage = provision_coverage(platform.rulebook, DATA_DIR / "law" / "coverage.yaml")
    assert len(coverage) > 90
    silent = [c.label for c in coverage if not c.rule_ids and not c.reason]
    assert silent == []
    checked = {c.label for c in coverage if c.rule_ids}
    for provision in (
        "§ 1, stk. 1",
        "§ 5",
        "§ 6, stk. 3",
        "§ 8, stk. 2",
        "§ 12",
        "§ 15, stk. 1",
        "§ 16, stk. 6",
        "§ 25, stk. 1",
    ):
        assert provision in checked, provision


def test_readme_gives_exactly_the_two_commands_and_ci_runs_the_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = {b.strip() for b in re.findall(r"```\n(.*?)```", readme, re.S)}
    assert blocks == {"make run", "make test"}
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_architecture_names_every_package() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = [
        p.name
        for p in (ROOT / "src" / "sundhedsaftale").iterdir()
        if p.is_dir() and not p.name.startswith("__")
    ]
    for name in packages:
        assert f"src/sundhedsaftale/{name}/" in page or f"src/sundhedsaftale/{name}" in page, name


def test_every_environment_variable_is_documented_in_deploy() -> None:
    # Every variable the settings, the gunicorn config, the container or compose read has a row in docs/deploy.md.
    sources = [
        "src/sundhedsaftale/web/settings.py",
        "src/sundhedsaftale/web/platform.py",
        "src/sundhedsaftale/web/gunicorn_conf.py",
        "scripts/docker-entrypoint.sh",
        "compose.yaml",
    ]
    read = set()
    for source in sources:
        read |= set(
            re.findall(r"\b(?:SUNDHEDSAFTALE|DATABASE|WEB)_[A-Z_]+\b", (ROOT / source).read_text("utf-8"))
        )
    page = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z_]+)`", page, re.M)) | set(
        re.findall(r"`([A-Z_]+)`, `([A-Z_]+)`", page)
    )
    flat = {name for item in documented for name in ((item,) if isinstance(item, str) else item)}
    assert read - flat == set()
