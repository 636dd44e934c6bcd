"""``sundhedsaftale data generate | indicators | import-register``: the register indicators (ADR 0043).

DuckDB, pyarrow and numpy are imported when a command runs, never when the command line starts (ADR 0031).
Exit codes: 0 success; 2 input that cannot be read or an extract with problems (every problem on its own line,
``person.csv, række 7, kolonne 'sex': …``; nothing is imported).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sundhedsaftale.core.errors import SundhedsaftaleError, display_path

from ._common import fail

__all__ = ["generate_command", "import_register_command", "indicators_command"]

LEVEL_CHOICES = ("kommune", "klynge", "region", "land")


class OutFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


def _years(text: str, option: str) -> list[int]:
    from sundhedsaftale.indicators.synth import parse_years

    try:
        return parse_years(text)
    except ValueError as exc:
        fail(f"{option}: {exc}")


def generate_command(
    scale: Annotated[
        float, typer.Option("--scale", help="Andel af hele landet (1.0 = ca. 6,0 mio. borgere).")
    ] = 0.01,
    years: Annotated[
        str, typer.Option("--years", help="År eller interval, fx 2024 eller 2023-2024.")
    ] = "2024",
    seed: Annotated[int, typer.Option("--seed", help="Frø: samme frø giver de samme filer.")] = 1,
    out: Annotated[
        Path, typer.Option("--out", help="Mappen, registret skrives i (Parquet).", metavar="DIR")
    ] = Path("register"),
) -> None:
    """Dan et syntetisk register (personer, bopæl, sygehus- og lægekontakter) som Parquet; deterministisk for et frø."""
    import time

    from sundhedsaftale.indicators import national_geography
    from sundhedsaftale.indicators.synth import generate

    chosen = _years(years, "--years")
    if not 0 < scale <= 2:
        fail("--scale: skal være over 0 og højst 2 (1.0 er hele landet)")
    started = time.perf_counter()
    try:
        result = generate(
            out,
            municipalities=national_geography().municipality_regions(),
            years=chosen,
            scale=scale,
            seed=seed,
        )
    except OSError as exc:
        fail(f"{display_path(out)}: kan ikke skrives ({exc.strerror or exc})")
    counts = ", ".join(f"{name} {n:,}".replace(",", ".") for name, n in result.counts.items())
    typer.echo(f"Skrev {display_path(out)} på {time.perf_counter() - started:.1f} s: {counts}.")


def indicators_command(
    directory: Annotated[
        Path, typer.Argument(help="Registrets mappe (fra generate eller import-register).", metavar="DIR")
    ],
    level: Annotated[str, typer.Option("--level", help="kommune, klynge, region eller land.")] = "klynge",
    period: Annotated[
        str, typer.Option("--period", help="År eller interval, fx 2024 eller 2023-2024.")
    ] = "2024",
    format: Annotated[OutFormat, typer.Option("--format", help="csv, xlsx eller json.")] = OutFormat.csv,
    out: Annotated[
        Path | None, typer.Option("--out", help="Fil at skrive; uden den skrives CSV/JSON til skærmen.")
    ] = None,
    indicator: Annotated[
        list[str] | None, typer.Option("--indicator", help="Kun denne indikator (kan gentages).")
    ] = None,
    keep_blocks: Annotated[
        Path | None,
        typer.Option(
            "--keep-blocks",
            help=(
                "Mappe, hvor forløb og indlæggelser bevares til næste beregning på de samme filer, der så "
                "springer sammenlægningen over (ADR 0053). Helbredsdata: kun ejeren kan læse mappen."
            ),
            metavar="MAPPE",
        ),
    ] = None,
) -> None:
    """Beregn indikatorerne for hver enhed og periode med DuckDB; tal under 5 vises som "<5", og raten udelades.

    En tælling, der ellers lod en skjult regne ud ved at trække fra en total, vises som "skjult" (ADR 0049)."""
    if level not in LEVEL_CHOICES:
        fail(f"--level: '{level}' kendes ikke; brug {', '.join(LEVEL_CHOICES)}")
    chosen = _years(period, "--period")
    if not (directory / "person").is_dir():
        fail(f"{display_path(directory)}: ikke en registermappe (mangler person/)")
    from sundhedsaftale.indicators import (
        DuckDBEngine,
        KeptBlocks,
        compute,
        load_definitions,
        national_geography,
        step_count,
        suppress,
    )
    from sundhedsaftale.indicators.export import values_csv, values_json, values_xlsx

    defs = load_definitions()
    known = {d.id for d in defs.indicators}
    for name in indicator or []:
        if name not in known:
            fail(f"--indicator: '{name}' kendes ikke; brug {', '.join(sorted(known))}")
    try:
        # The bar goes to standard error (and only to a terminal), so CSV and JSON on standard output stay clean.
        kept = KeptBlocks(keep_blocks) if keep_blocks else None
        with typer.progressbar(
            length=step_count(defs, indicator or None), label="Beregner", file=sys.stderr
        ) as bar:
            values = compute(
                DuckDBEngine(),
                directory,
                national_geography(),
                years=chosen,
                levels=(level,),
                indicators=indicator or None,
                on_step=lambda _: bar.update(1),
                kept=kept,
            )
    except SundhedsaftaleError as exc:
        fail(str(exc))
    except Exception as exc:  # a register that DuckDB cannot read: one line, no traceback
        if type(exc).__module__.startswith("duckdb") or type(exc).__module__ == "_duckdb":
            fail(f"{display_path(directory)}: registret kan ikke læses ({str(exc).splitlines()[0]})")
        raise
    for problem in kept.problems if kept is not None else []:
        typer.echo(f"Advarsel: {problem}; værdierne er beregnet alligevel.", err=True)
    shown = suppress(values, defs.suppression_threshold)
    data = {OutFormat.csv: values_csv, OutFormat.xlsx: values_xlsx, OutFormat.json: values_json}[format](
        shown
    )
    if out is None:
        if format is OutFormat.xlsx:
            fail("--format xlsx kræver --out FIL")
        typer.echo(data.decode("utf-8").lstrip("\ufeff"), nl=False)
        return
    try:
        out.write_bytes(data)
    except OSError as exc:
        fail(f"{display_path(out)}: filen kan ikke skrives ({exc.strerror or exc})")
    typer.echo(
        f"Skrev {display_path(out)}: {len(shown)} værdier, {sum(v.suppressed for v in shown)} undertrykt (<5)."
    )


def import_register_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="CSV- eller Parquet-filer; navnet angiver tabellen.", metavar="FILE..."),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Registermappen, der skrives i; uden den kontrolleres kun.", metavar="DIR"
        ),
    ] = None,
) -> None:
    """Kontrollér (og importér) udtræk i registrets form; én fejl i én fil afviser alle filer, intet skrives."""
    from sundhedsaftale.indicators.importing import ExtractError, import_extracts, validate_extracts

    try:
        if out is None:
            problems = validate_extracts(files)
            if problems:
                raise ExtractError(problems)
            typer.echo(f"{len(files)} filer er i orden.")
            return
        with typer.progressbar(length=len(files), label="Importerer", file=sys.stderr) as bar:
            counts = import_extracts(files, out, on_file=lambda _: bar.update(1))
    except ExtractError as exc:
        typer.echo(f"sundhedsaftale: {len(exc.problems)} fejl; intet er importeret:", err=True)
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"Importerede til {display_path(out)}: " + ", ".join(f"{t} {n}" for t, n in counts.items()) + "."
    )
