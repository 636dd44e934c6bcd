"""``sundhedsaftale`` — the law, the rules and case files from the command line.

Exit codes: 0 success (for ``check``: no binding requirement broken), 1 a binding requirement is broken (for
``law --check``: a cross-reference in the legal texts is defective; for ``archive verify``: a file in the archive
is wrong), 2 input that cannot be read (one line on standard error, never a traceback).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sundhedsaftale.cli.archive import archive_app
from sundhedsaftale.cli.assess import assess_command
from sundhedsaftale.cli.deadlines import deadlines_command
from sundhedsaftale.cli.followup import hearing_notat_command, status_report_command
from sundhedsaftale.cli.letter import agreement_command, letter_command
from sundhedsaftale.cli.register_data import generate_command, import_register_command, indicators_command
from sundhedsaftale.cli.transition import transition_command
from sundhedsaftale.core.errors import SundhedsaftaleError
from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.interchange.cli import interchange_app

from ._common import Format, VerifiedOption, checked_verified, fail, read_case
from ._common import parse_date as _date
from ._common import platform_or_fail as _platform

if TYPE_CHECKING:
    from sundhedsaftale.core.case import RegionCase
    from sundhedsaftale.core.rules import Finding

app = typer.Typer(
    help="Sundhedsaftale: lovgrundlag, regler og sagsfiler for sundhedsklynger, "
    "sundhedssamarbejdsudvalg og sundhedsaftaler.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: Rich's panels cost more to load than the rest of --help (ADR 0031).
    rich_markup_mode=None,
)


AtOption = Annotated[str | None, typer.Option("--at", help="Dato (ÅÅÅÅ-MM-DD); standard er i dag.")]
FormatOption = Annotated[Format, typer.Option("--format", help="text eller json.")]


@app.command()
def rules(at: AtOption = None, format: FormatOption = Format.text, verified: VerifiedOption = None) -> None:
    """Vis reglerne i kraft på en dato med deres henvisninger; regler, som en registreret lovændring ophæver,
    vises som bortfaldne (verificeret) eller med forventet bortfald (ikke verificeret)."""
    from sundhedsaftale.core.rules import rule_as_dict

    platform = _platform()
    day = _date(at)
    changes = checked_verified(platform, verified)
    listed = platform.rulebook.rules_on(day, verified=changes)
    in_force = [r for r, end in listed if end is None or end.state.value != "ended"]
    ended = [(r, end) for r, end in listed if end is not None and end.state.value == "ended"]
    if format is Format.json:
        typer.echo(
            json.dumps(
                {
                    "at": day.isoformat(),
                    "verified_changes": sorted(changes),
                    "rules": [rule_as_dict(r, end) for r, end in listed if r in in_force],
                    "ended": [rule_as_dict(r, end) for r, end in ended],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    typer.echo(f"{len(in_force)} regler i kraft {danish_date(day)}:")
    for r, end in listed:
        if r not in in_force:
            continue
        cites = "; ".join(f"{p.label} ({p.source_short})" for p in r.provisions)
        typer.echo(f"  {r.id:<40} {r.kind.label:<10} {r.title}\n  {'':<40} {cites}")
        if end is not None:
            typer.echo(f"  {'':<40} ! {end.label()}")
    if ended:
        typer.echo(f"{len(ended)} regler bortfaldet:")
        for r, end in ended:
            assert end is not None
            typer.echo(f"  {r.id:<40} {r.title} — {end.label()}")


@app.command()
def regime(at: AtOption = None, format: FormatOption = Format.text, verified: VerifiedOption = None) -> None:
    """Vis hvilket retsgrundlag der gælder på en dato: kilderne i kraft, hvad der er bortfaldet (verificeret),
    hvad der forventes at bortfalde (ikke verificeret), og hvad der fortsætter."""
    from sundhedsaftale.core.law import regime_as_dict, regime_on

    platform = _platform()
    day = _date(at)
    found = regime_on(platform.corpus, platform.changes, day, verified=checked_verified(platform, verified))
    if format is Format.json:
        typer.echo(json.dumps(regime_as_dict(found), ensure_ascii=False, indent=2))
        return
    typer.echo(f"Retsgrundlag {danish_date(day)}:")
    for s in found.sources:
        typer.echo(f"  {s.source.short} ({s.source.describe_validity()})")
    for title, effects in (
        ("Bortfaldet", found.ended),
        ("Forventet bortfald, ikke verificeret", found.expected),
        ("Registrerede ophør efter datoen", found.upcoming),
    ):
        if effects:
            typer.echo(f"{title}:")
            for e in effects:
                typer.echo(f"  {e.end.describe(platform.corpus.sources)}: {e.label()}")
    typer.echo("Fortsætter: " + (", ".join(t.value for t, _ in found.continuing) or "ingen"))


@app.command()
def law(
    citation: Annotated[
        str | None,
        typer.Argument(help="Fx '§ 10, stk. 1, nr. 4', 'afsnit 3.2' eller 'vej-9008-2024 afsnit 4.1'."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Kontrollér lovteksternes egne henvisninger (alle kilder, eller kun den angivne bestemmelse) og "
            "vis fejlene; afslutter med 1, hvis der er fejl, og 0, hvis der ingen er.",
        ),
    ] = False,
    format: FormatOption = Format.text,
    data_dir: Annotated[Path | None, typer.Option(help="En anden datamappe end den medfølgende.")] = None,
) -> None:
    """Vis en bestemmelse ud fra dens henvisning, med den præcise tekst, eller kontrollér henvisningerne (--check)."""
    if data_dir is not None and not data_dir.is_dir():
        fail(f"{data_dir}: mappen findes ikke")
    platform = _platform(data_dir)
    unit = None
    if citation is not None:
        try:
            unit = platform.corpus.resolve(citation)
        except SundhedsaftaleError as exc:
            fail(str(exc))
    if check:
        from sundhedsaftale.cli.law_check import law_check

        raise typer.Exit(law_check(platform, unit, format))
    if unit is None:
        fail("angiv en henvisning, fx '§ 10, stk. 1, nr. 4', eller --check")
    version = platform.corpus.version(unit.citation)
    if format is Format.json:
        payload = {
            "key": unit.citation.key(),
            "label": unit.label,
            "heading": unit.heading,
            "source": version.source_short,
            "valid_from": version.valid_from.isoformat() if version.valid_from else None,
            "text": version.text,
            "reference_defects": [d.as_dict() for d in platform.cross_references.defects_within(unit)],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    heading = f" — {unit.heading}" if unit.heading else ""
    typer.echo(f"{unit.label}{heading} ({version.source_short})\n")
    typer.echo(version.text)
    for defect in platform.cross_references.defects_within(unit):
        typer.echo(f"\n! Fejl i henvisningen »{defect.written}« ({defect.unit_label}): {defect.explanation}")


def _subjects(case: RegionCase, casefile: Path, bodies: list[str], clusters: list[str]) -> set[str] | None:
    """The subject ids the findings are restricted to; None for the whole case. Unknown ids end with exit 2.

    A cluster includes its two levels and the sub-committees and working groups set up under them.
    """
    if not bodies and not clusters:
        return None
    known = {b.id for b in case.bodies}
    for body_id in bodies:
        if body_id not in known:
            fail(f"--body: organet '{body_id}' findes ikke i {casefile}")
    subjects = set(bodies)
    for cluster_id in clusters:
        if case.cluster(cluster_id) is None:
            fail(f"--cluster: sundhedsklyngen '{cluster_id}' findes ikke i {casefile}")
        levels = {b.id for b in case.bodies if b.cluster_id == cluster_id}
        groups = {b.id for b in case.bodies if b.parent_body_id in levels}
        subjects |= {cluster_id, *levels, *groups}
    return subjects


BodyOption = Annotated[
    list[str] | None,
    typer.Option("--body", help="Vis kun fund for dette organ (id); kan gentages."),
]
ClusterOption = Annotated[
    list[str] | None,
    typer.Option(
        "--cluster",
        help="Vis kun fund for denne sundhedsklynge (id) med dens niveauer og arbejdsgrupper; kan gentages.",
    ),
]


@app.command()
def check(
    casefile: Annotated[Path, typer.Argument(help="En sagsfil (JSON) for én region.")],
    at: AtOption = None,
    format: FormatOption = Format.text,
    body: BodyOption = None,
    cluster: ClusterOption = None,
    verified: VerifiedOption = None,
) -> None:
    """Vurdér en sagsfil efter alle regler i kraft på datoen. Afslutter med 1, hvis et krav ikke er opfyldt.

    Med --body og --cluster gælder både visningen og afslutningskoden kun de valgte organer og klynger.
    """
    from sundhedsaftale.core.rules import finding_as_dict, summarise

    platform = _platform()
    case = read_case(casefile)
    day = _date(at)
    subjects = _subjects(case, casefile, body or [], cluster or [])
    changes = checked_verified(platform, verified)
    try:
        findings = platform.rulebook.evaluate(case, day, verified=changes)
    except SundhedsaftaleError as exc:
        fail(f"{casefile}: {exc}")
    ended = [
        (r, end)
        for r, end in platform.rulebook.rules_on(day, verified=changes)
        if end is not None and end.state.value == "ended"
    ]
    if subjects is not None:
        findings = [f for f in findings if f.subject.id in subjects]
    summary = summarise(findings)
    if format is Format.json:
        typer.echo(
            json.dumps(
                {
                    "region": case.region.code,
                    "at": day.isoformat(),
                    **({"subjects": sorted(subjects)} if subjects is not None else {}),
                    "summary": summary,
                    "verified_changes": sorted(changes),
                    "findings": [finding_as_dict(f) for f in findings],
                    "ended_rules": [{"rule_id": r.id, **(end.as_dict() if end else {})} for r, end in ended],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        _print_findings(case, day, findings, summary)
        if ended:
            typer.echo(f"{len(ended)} regler er ikke vurderet, fordi de er bortfaldet:")
            for r, end in ended:
                assert end is not None
                typer.echo(f"  {r.id}: {r.title} — {end.label()}")
    raise typer.Exit(1 if summary["requirements_broken"] else 0)


def _print_findings(case: RegionCase, day: dt.date, findings: list[Finding], summary: dict[str, int]) -> None:
    typer.echo(
        f"{case.region.name}, {danish_date(day)}: {summary['total']} fund, {summary['requirements_broken']} krav ikke opfyldt"
    )
    order = {
        "not_met": 0,
        "needs_judgement": 1,
        "not_yet_due": 2,
        "met": 3,
        "not_recorded": 4,
        "not_applicable": 5,
    }
    for f in sorted(findings, key=lambda f: (order[f.status.value], f.subject.name, f.rule_id)):
        cites = "; ".join(p.label for p in f.provisions)
        typer.echo(f"[{f.status.label}] {f.kind.label}: {f.rule_title} — {f.subject.name} ({cites})")
        typer.echo(f"    {f.explanation}")
        if f.legal_change:
            typer.echo(f"    ! Reglen har {f.legal_change}")


@app.command()
def schema() -> None:
    """Udskriv JSON Schema for sagsfiler."""
    from sundhedsaftale.core.case import RegionCase

    typer.echo(json.dumps(RegionCase.model_json_schema(), ensure_ascii=False, indent=2))


@app.command("validate-data")
def validate_data(
    data_dir: Annotated[Path | None, typer.Option(help="En anden datamappe end den medfølgende.")] = None,
) -> None:
    """Indlæs og kontrollér alle datafiler (lov, parametre, referencedata, regler, registerindikatorer); afslutter med 2 og første fejl."""
    if data_dir is not None and not data_dir.is_dir():
        fail(f"{data_dir}: mappen findes ikke")
    platform = _platform(data_dir)
    units = sum(
        1 for s in platform.corpus.sources.values() if s.has_text for _ in platform.corpus.units(s.id)
    )
    from sundhedsaftale.indicators import load_definitions
    from sundhedsaftale.indicators._definitions import DATA_DIR as INDICATOR_DIR

    try:
        indicators = load_definitions(data_dir / "indicators" if data_dir else INDICATOR_DIR)
    except SundhedsaftaleError as exc:
        fail(str(exc))
    typer.echo(
        f"OK: {len(platform.corpus.sources)} retskilder ({units} enheder), {len(platform.rulebook.rules)} regler, "
        f"{len(platform.reference.regions)} regioner, {len(platform.reference.municipalities)} kommuner, "
        f"{len(platform.reference.clusters)} sundhedsklynger, {len(indicators.indicators)} registerindikatorer"
    )


app.command("assess")(assess_command)
app.command("letter")(letter_command)
app.command("agreement")(agreement_command)
app.command("deadlines")(deadlines_command)
app.command("hearing-notat")(hearing_notat_command)
app.command("status-report")(status_report_command)
app.command("transition")(transition_command)
# The register indicators share the ``data`` group with the case-file interchange (ADR 0043).
interchange_app.command("generate")(generate_command)
interchange_app.command("indicators")(indicators_command)
interchange_app.command("import-register")(import_register_command)
app.add_typer(
    interchange_app,
    name="data",
    help="Eksportér og importér sagsfiler som Excel, CSV eller JSON; dan, importér og beregn registerindikatorer.",
)
app.add_typer(archive_app, name="archive", help="Regionens arkiv (BagIt): kontrollér det uden database.")


def run() -> None:
    """Console entry point: no traceback ever reaches the user for bad input."""
    try:
        app()
    except SundhedsaftaleError as exc:  # pragma: no cover - commands catch their own; this is the last guard
        typer.echo(f"sundhedsaftale: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    run()
