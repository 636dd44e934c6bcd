"""``sundhedsaftale archive verify PATH``: check a region's archive (ADR 0028) by itself, without a database.

Exit codes: 0 the archive is intact; 1 a file in it is wrong (changed, missing, added, or a case file that does
not follow the schema; the message names it); 2 the path is not an archive that can be read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ._common import Format, fail

__all__ = ["archive_app"]

archive_app = typer.Typer(
    help="Regionens arkiv (BagIt): kontrollér det uden platformens database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@archive_app.command()
def verify(
    path: Annotated[Path, typer.Argument(help="Arkivet: en BagIt-mappe eller et ZIP-arkiv med en.")],
    format: Annotated[Format, typer.Option("--format", help="text eller json.")] = Format.text,
) -> None:
    """Kontrollér et regionsarkiv: hver fils SHA-256 mod manifestet, ingen fil mangler eller er kommet til, og
    sagsfilen læses med sagsfilens skema. Afslutter med 1 og navnet på filen, der er forkert."""
    from sundhedsaftale.archive import ArchiveError, archive_verify

    try:
        verified = archive_verify(path)
    except ArchiveError as exc:
        if not exc.files:
            fail(str(exc))
        if format is Format.json:
            typer.echo(
                json.dumps({"valid": False, "files": list(exc.files), "error": str(exc)}, ensure_ascii=False)
            )
        typer.echo(f"sundhedsaftale: arkivet er ikke intakt: {exc}", err=True)
        raise typer.Exit(1) from None
    inventory = verified.inventory
    if format is Format.json:
        typer.echo(
            json.dumps(
                {
                    "valid": True,
                    "region": inventory.region_code,
                    "created_at": inventory.created_at.isoformat(),
                    "payload_files": verified.payload_files,
                    "case_file": f"data/{inventory.case_file}",
                },
                ensure_ascii=False,
            )
        )
        return
    typer.echo(
        f"{path}: arkivet er intakt – {inventory.region_name} ({inventory.region_code}), dannet "
        f"{inventory.created_at.isoformat()}; {verified.payload_files} filer passer med deres SHA-256, og "
        f"sagsfilen data/{inventory.case_file} følger skemaet."
    )
