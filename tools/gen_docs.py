"""Write the generated reference pages: docs/rules.md (every rule and parameter) and docs/cli.md.

Run `python tools/gen_docs.py`; tests/test_docs.py fails when the committed pages are out of date,
so the documentation cannot drift from the rulebook and the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from sundhedsaftale.cli.main import app
from sundhedsaftale.core import Platform, load_platform
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
    lines += _changes_section(platform)
    lines += _worked_example()
    return "\n".join(lines) + "\n"


def _changes_section(platform: Platform) -> list[str]:
    lines = [
        "",
        "## Lovændringer",
        "",
        "Registreret i `src/sundhedsaftale/data/law/changes.yaml` (ADR 0026): hvilken lov, hvad den afslutter og",
        "fra hvornår, med kilde og markering ([V] lovtekst, [S] sekundær kilde eller slutning, [?] åbent). Et",
        "ophør, hvis dato eller bestemmelser ikke er [V], vises som *forventet bortfald* og anvendes ikke, før en",
        "administrator har registreret ændringen som verificeret (siden `/lov/aendringer/`); på kommandolinjen",
        "svarer det til `--verified <id>`. Herefter er reglerne, pligterne og fristerne *bortfaldet*.",
        "",
        "| Ændring | Lov | Afslutter | Fra | Markering |",
        "| --- | --- | --- | --- | --- |",
    ]
    for change in platform.changes:
        for end in change.ends or (None,):
            what = end.describe(platform.corpus.sources) if end else "—"
            since = f"{end.effective.isoformat()} {end.date_marker.value}" if end else "—"
            marker = end.what_marker.value if end else change.marker.value
            lines.append(f"| `{change.id}` | {change.act.label()} | {what} | {since} | {marker} |")
    return lines


def _worked_example() -> list[str]:
    """The worked example, read from the fixture files its test uses, so the page shows what is tested."""
    example = ROOT / "tests" / "fixtures" / "law_example"

    def block(name: str, language: str) -> list[str]:
        return [
            f"`tests/fixtures/law_example/{name}`:",
            "",
            f"```{language}",
            (example / name).read_text(encoding="utf-8").rstrip(),
            "```",
            "",
        ]

    return [
        "",
        "## En ny kilde og dens regler (eksempel)",
        "",
        "Kilder og regelpakker er registreret som data, ikke kodet ind: en ny bekendtgørelse eller vejledning er en",
        "post i `sources.yaml` og en enhedsfil `<kilde-id>.yaml`; dens regler er et modul, der står i",
        "`rule-packages.yaml`. Motoren, kalenderen og siderne ændres ikke: reglens gyldighed følger kildens, og",
        "siderne viser den som enhver anden regel. Den nye ordnings tekst er ikke verificeret, så ingen af dens",
        "bestemmelser er kodet; eksemplet er en opdigtet bekendtgørelse med to bestemmelser og én regel, som",
        "`tests/core/test_rule_registry.py` lægger til en kopi af de medfølgende data og afprøver.",
        "",
        "1. Kilden, føjet til `sources.yaml`:",
        "",
        *block("source.yaml", "yaml"),
        "2. Dens bestemmelser med ordlyd, som `bek-9999-2030.yaml` ved siden af `sources.yaml`:",
        "",
        *block("bek-9999-2030.yaml", "yaml"),
        "3. Reglen, i sit eget modul. Forklaringen er en skabelonnøgle og de fakta, den skrives ud fra (ADR 0051):",
        "",
        *block("rules.py", "python"),
        "4. Forklaringerne på dansk og engelsk, føjet til `explanations.yaml` under `rules:`. En regel uden",
        "   forklaringer dér, en nøgle uden engelsk skabelon eller to skabeloner, der ikke nævner de samme fakta,",
        "   standser indlæsningen med reglens navn:",
        "",
        *block("explanations.yaml", "yaml"),
        "5. Modulet, føjet til `rule-packages.yaml`:",
        "",
        *block("rule-package.yaml", "yaml"),
        "`sundhedsaftale validate-data --data-dir <mappe>` kontrollerer det hele; en henvisning, der ikke findes,",
        "eller et modul, der ikke kan indlæses, standser indlæsningen med fil og linje.",
    ]


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
        "Den indlæste lov, referencedata og parametre gemmes mellem kørslerne i brugerens cachemappe",
        "(`SUNDHEDSAFTALE_CACHE_DIR`, ellers `$XDG_CACHE_HOME/sundhedsaftale` eller `~/.cache/sundhedsaftale`)",
        "under en nøgle, der er hashen af datafilerne og kernens kode; ændres en af dem, læses filerne igen",
        "(ADR 0044). Mappen kan slettes når som helst.",
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
