"""Write the generated reference pages: docs/rules.md (every rule and parameter) and docs/cli.md.

Run `python tools/gen_docs.py`; tests/test_docs.py fails when the committed pages are out of date,
so the documentation cannot drift from the rulebook and the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from sundhedsaftale.cli.main import app
from sundhedsaftale.core import load_platform
from sundhedsaftale.core.rules import provision_coverage
from sundhedsaftale.data import DATA_DIR

ROOT = Path(__file__).resolve().parents[1]


def rules_page() -> str:
    platform = load_platform()
    book = platform.rulebook
    lines = [
        "# Regler og parametre",
        "",
        "Genereret af `tools/gen_docs.py` fra regelbogen; ret reglerne i `src/sundhedsaftale/core/rules/` og",
        "parametrene i `src/sundhedsaftale/data/law/parameters.yaml`, og kør scriptet igen.",
        "",
        "## Regler",
        "",
        "| Regel | Art | Gælder for | Henvisning | Gyldig fra |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in book.rules:
        cites = "; ".join(f"{p.label} ({p.source_short})" for p in rule.provisions)
        summary = " ".join(rule.summary.split())
        lines.append(
            f"| `{rule.id}` — {rule.title}. {summary} | {rule.kind.label} | {rule.subject.label} | {cites} "
            f"| {rule.validity.start.isoformat()} |"
        )
    lines += [
        "",
        "## Bestemmelser",
        "",
        "Hver bestemmelse i bek. nr. 1248/2022 uden underpunkter: de regler, der kontrollerer den (også gennem",
        "bestemmelsen over den), eller hvorfor ingen regel gør. Grundene står i",
        "`src/sundhedsaftale/data/law/coverage.yaml`.",
        "",
        "| Bestemmelse | Regler | Ikke kontrolleret: art og grund |",
        "| --- | --- | --- |",
    ]
    for entry in provision_coverage(book, DATA_DIR / "law" / "coverage.yaml"):
        rules = ", ".join(f"`{r}`" for r in entry.rule_ids) or "—"
        why = f"{entry.kind}: {entry.reason}" if entry.reason else ""
        lines.append(f"| {entry.label} | {rules} | {why} |")
    lines += [
        "",
        "## Parametre",
        "",
        "Tal og datoer fra loven. *Kan fraviges af* angiver, hvem en registreret beslutning skal komme fra.",
        "",
        "| Parameter | Betydning | Værdi (fra) | Henvisning | Kan fraviges af |",
        "| --- | --- | --- | --- | --- |",
    ]
    for p in book.parameters:
        values = ", ".join(f"{_value(v)} ({start.isoformat()})" for start, v in p.values)
        aside = "—"
        if p.set_aside_by is not None and p.set_aside_citation is not None:
            aside = f"{p.set_aside_by.value} ({book.corpus.resolve(p.set_aside_citation).label})"
        lines.append(
            f"| `{p.key}` | {p.label} | {values} | {book.corpus.resolve(p.citation).label} | {aside} |"
        )
    return "\n".join(lines) + "\n"


def _value(value: object) -> str:
    if hasattr(value, "year_of_period"):
        return f"{value.day}/{value.month} i valgperiodens {value.year_of_period}. år"  # type: ignore[attr-defined]
    return str(value).lower() if isinstance(value, bool) else str(value)


def cli_page() -> str:
    group = typer.main.get_command(app)
    commands = getattr(group, "commands", {})
    lines = [
        "# Kommandolinjen `sundhedsaftale`",
        "",
        "Genereret af `tools/gen_docs.py` fra kommandoerne selv.",
        "",
        "Afslutningskoder: 0 gennemført (for `check`: intet krav brudt), 1 et krav er ikke opfyldt (for",
        "`law --check`: en henvisning i lovteksterne har en fejl), 2 input der ikke kan læses (én linje på",
        "standard error, aldrig en traceback).",
        "",
    ]
    for name, command in commands.items():
        lines += _command_section(f"sundhedsaftale {name}", command)
        for sub_name, sub in getattr(command, "commands", {}).items():
            lines += _command_section(f"sundhedsaftale {name} {sub_name}", sub)
    return "\n".join(lines)


def _command_section(title: str, command: object) -> list[str]:
    lines = [f"## `{title}`", "", " ".join((getattr(command, "help", "") or "").split()), ""]
    params = [p for p in getattr(command, "params", []) if p.name != "help"]
    if params:
        lines += ["| Parameter | Beskrivelse |", "| --- | --- |"]
        for param in params:
            is_option = type(param).__name__.endswith("Option")
            label = " / ".join(param.opts) if is_option else str(param.name).upper()
            help_text = " ".join((getattr(param, "help", "") or "").split())
            lines.append(f"| `{label}` | {help_text} |")
        lines.append("")
    return lines


PAGES = {"docs/rules.md": rules_page, "docs/cli.md": cli_page}


def main() -> None:
    for relative, build in PAGES.items():
        (ROOT / relative).write_text(build(), encoding="utf-8")
        print(f"wrote {relative}", file=sys.stderr)


if __name__ == "__main__":
    main()
