"""``sundhedsaftale data``: case files to workbooks and CSV archives, and workbooks back onto case files.

Exit codes: 0 success; 2 input that cannot be read (one line on standard error) or an import with problems
(every problem on its own line, ``Ark 'Medlemmer', række 7, kolonne 'rolle': …``). Core only, no database.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from sundhedsaftale.core.errors import SundhedsaftaleError, display_path

from . import Format, InterchangeError

if TYPE_CHECKING:
    from sundhedsaftale.core.case import RegionCase

__all__ = ["interchange_app", "run"]

interchange_app = typer.Typer(
    help="Eksport og import af en regions organer, medlemmer, møder og beslutninger (XLSX, CSV i ZIP, JSON).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_OUT_FORMATS = {".xlsx": Format.XLSX, ".zip": Format.CSV, ".json": Format.JSON}
_IN_FORMATS = {".xlsx": Format.XLSX, ".zip": Format.CSV}
_NAMES = {"bodies": "organer", "memberships": "medlemmer", "meetings": "møder", "decisions": "beslutninger"}


def _fail(message: str) -> NoReturn:
    typer.echo(f"sundhedsaftale: {message}", err=True)
    raise typer.Exit(2)


def _case(path: Path) -> RegionCase:
    from sundhedsaftale.core.case import load_case_file

    try:
        return load_case_file(path)
    except SundhedsaftaleError as exc:
        _fail(str(exc))


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        _fail(f"{display_path(path)}: filen kan ikke skrives ({exc.strerror or exc})")


@interchange_app.command("export")
def export_command(
    casefile: Annotated[
        Path, typer.Argument(help="En sagsfil (JSON) for én region.", metavar="REGIONFILE.json")
    ],
    out: Annotated[
        Path, typer.Argument(help="Filen, der skrives: .xlsx, .zip (CSV) eller .json.", metavar="OUT")
    ],
) -> None:
    """Skriv sagsfilens organer, medlemmer, møder og beslutninger som Excel-arbejdsbog, CSV-filer i ZIP eller JSON."""
    format = _OUT_FORMATS.get(out.suffix.casefold())
    if format is None:
        _fail(f"{display_path(out)}: ukendt filtype '{out.suffix}'; brug .xlsx, .zip eller .json")
    from . import export_case

    case = _case(casefile)
    _write(out, export_case(case, format))
    typer.echo(
        f"Skrev {display_path(out)}: {len(case.bodies)} organer, "
        f"{sum(len(b.memberships) for b in case.bodies)} medlemmer, {len(case.meetings)} møder, "
        f"{len(case.decisions)} beslutninger."
    )


@interchange_app.command("import")
def import_command(
    basefile: Annotated[
        Path, typer.Argument(help="Regionens sagsfil (JSON), som filen lægges på.", metavar="BASE.json")
    ],
    infile: Annotated[Path, typer.Argument(help="Den redigerede fil: .xlsx eller .zip (CSV).", metavar="IN")],
    out: Annotated[Path, typer.Option("--out", help="Den nye sagsfil, der skrives.", metavar="NEW.json")],
) -> None:
    """Læg en redigeret arbejdsbog eller CSV-ZIP på en sagsfil og skriv den nye sagsfil. Fejl: alle listes, intet skrives."""
    from sundhedsaftale.core import load_platform

    from . import compare_cases, export_case, import_case

    format = _IN_FORMATS.get(infile.suffix.casefold())
    if format is None:
        _fail(f"{display_path(infile)}: ukendt filtype '{infile.suffix}'; brug .xlsx eller .zip")
    base = _case(basefile)
    try:
        data = infile.read_bytes()
    except OSError as exc:
        _fail(f"{display_path(infile)}: filen kan ikke læses ({exc.strerror or exc})")
    try:
        rulebook = load_platform().rulebook
    except SundhedsaftaleError as exc:
        _fail(str(exc))
    try:
        new = import_case(data, base=base, format=format, rulebook=rulebook)
    except InterchangeError as exc:
        if len(exc.problems) == 1 and exc.problems[0].sheet is None:
            _fail(f"{display_path(infile)}: {exc.problems[0]}")
        typer.echo(
            f"sundhedsaftale: {display_path(infile)}: {len(exc.problems)} fejl; "
            "intet er importeret, og den nye sagsfil er ikke skrevet:",
            err=True,
        )
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(2) from None
    _write(out, export_case(new, Format.JSON))
    changes = compare_cases(base, new)
    parts = [
        f"{_NAMES[name]} +{len(c.added)} ~{len(c.changed)} -{len(c.removed)}"
        for name, c in changes.parts().items()
    ]
    typer.echo(f"Skrev {display_path(out)}: " + ", ".join(parts) + " (tilføjet ~ændret -fjernet).")


def run() -> None:
    interchange_app()


if __name__ == "__main__":
    run()
