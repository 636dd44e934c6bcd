"""Computing the indicators from a register and keeping the values (ADR 0049). Every write is audited."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import Audience, User
from sundhedsaftale.core.errors import SundhedsaftaleError
from sundhedsaftale.indicators import (
    LEVELS,
    DuckDBEngine,
    KeptBlocks,
    compute,
    load_definitions,
    national_geography,
    suppress,
)
from sundhedsaftale.indicators import IndicatorValue as Computed

from .models import ComputationRun, IndicatorValue

__all__ = [
    "RegisterRefused",
    "fingerprint",
    "indicators_compute",
    "kept_blocks",
    "register_years",
    "run_store",
]

# ``2024.parquet`` (the generator) or ``hospital_contact_2024.parquet`` (an imported extract named by its year).
_YEAR_FILE = re.compile(r"(?:^|_)(\d{4})\.parquet$")


class RegisterRefused(SundhedsaftaleError):
    """A register folder that cannot be computed: named, nothing written."""


def register_years(directory: Path) -> list[int]:
    """The years of a register folder: the years its ``hospital_contact/`` files are named by."""
    files = sorted((directory / "hospital_contact").glob("*.parquet"))
    years = sorted({int(m.group(1)) for f in files if (m := _YEAR_FILE.search(f.name))})
    if not years:
        raise RegisterRefused(
            f"{directory}: ingen filer hospital_contact/<år>.parquet; angiv årene med --years, "
            "eller brug en mappe, som 'sundhedsaftale data generate' eller 'import-register' har skrevet"
        )
    return years


def fingerprint(directory: Path) -> str:
    """SHA-256 over every Parquet file of the register (relative path and content), in name order: the same
    files give the same fingerprint, so a value can be traced to the exact data it came from."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*.parquet")):
        digest.update(str(path.relative_to(directory)).encode("utf-8") + b"\0")
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def run_store(
    values: Sequence[Computed],
    *,
    source: str,
    synthetic: bool,
    register_fingerprint: str,
    periods: Sequence[str],
    actor: User | None = None,
) -> ComputationRun:
    """Keep suppressed values as a new run (the pages read the latest). Values that still hold a count below the
    suppression threshold are refused: the database never holds a small count."""
    defs = load_definitions()
    limit = defs.suppression_threshold
    for v in values:
        for count in (v.numerator, v.denominator):
            if count is not None and count < limit:
                raise RegisterRefused(
                    f"{v.indicator}, {v.level} {v.unit_id}, {v.period}: en tælling under {limit} er ikke "
                    "undertrykt; værdierne gemmes kun efter undertrykkelse"
                )
    with transaction.atomic():
        run = ComputationRun.objects.create(
            computed_at=timezone.now(),
            source=source[:300],
            synthetic=synthetic,
            fingerprint=register_fingerprint,
            definitions_version=defs.version,
            periods=", ".join(periods)[:200],
            value_count=len(values),
        )
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(
                    run=run,
                    indicator=v.indicator,
                    name=v.name,
                    level=v.level,
                    unit_id=v.unit_id,
                    unit_name=v.unit_name,
                    period=v.period,
                    stratum=v.stratum,
                    numerator=v.numerator,
                    denominator=v.denominator,
                    value=v.value,
                    standardised=v.standardised,
                    unit=v.unit,
                    marker=v.marker,
                    note=v.note[:500],
                    suppressed=v.suppressed,
                    complement=",".join(v.complement),
                    definition_version=defs.version,
                )
                for v in values
            ],
            batch_size=2000,
        )
        record_change(
            actor=actor,
            action="indicators_compute",
            object_type="indicator_run",
            object_id=run.pk,
            after={
                "source": run.source,
                "synthetic": synthetic,
                "fingerprint": register_fingerprint,
                "periods": run.periods,
                "value_count": run.value_count,
            },
            audience=Audience.REGION,
        )
    return run


def kept_blocks() -> KeptBlocks | None:
    """The platform's folder of kept indicator blocks (settings ``INDICATOR_BLOCKS_DIR``); None when keeping is
    turned off."""
    folder = settings.INDICATOR_BLOCKS_DIR
    return KeptBlocks(Path(folder)) if folder else None


def indicators_compute(
    directory: Path,
    *,
    years: Sequence[int] | None = None,
    source: str = "",
    synthetic: bool | None = None,
    actor: User | None = None,
    threads: int = 2,
    levels: Sequence[str] = LEVELS,
    on_step: Callable[[str], None] | None = None,
    kept: KeptBlocks | None = None,
) -> ComputationRun:
    """Every indicator for every unit and year of the register in ``directory``, suppressed, kept as a new run.

    ``synthetic`` None: read from the folder's ``manifest.json`` (written by the generator). ``levels``: the
    levels kept (all by default). ``kept``: where the person-level blocks are kept between runs
    (:func:`kept_blocks` gives the platform's folder); None: merged anew and not kept."""
    if not directory.is_dir():
        raise RegisterRefused(f"{directory}: mappen findes ikke")
    chosen = sorted(years) if years else register_years(directory)
    manifest = directory / "manifest.json"
    if synthetic is None:
        synthetic = manifest.exists() and bool(
            json.loads(manifest.read_text(encoding="utf-8")).get("synthetic")
        )
    if not source:
        source = _default_source(directory, synthetic)
    geography = national_geography()
    values = compute(
        DuckDBEngine(threads=threads),
        directory,
        geography,
        years=chosen,
        levels=levels,
        on_step=on_step,
        kept=kept,
    )
    shown = suppress(values, load_definitions().suppression_threshold, geography)
    return run_store(
        shown,
        source=source,
        synthetic=synthetic,
        register_fingerprint=fingerprint(directory),
        periods=[str(y) for y in chosen],
        actor=actor,
    )


def _default_source(directory: Path, synthetic: bool) -> str:
    if not synthetic:
        return f"Registerudtræk i {directory.name}"

    info = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    return (
        f"Syntetisk register (sundhedsaftale data generate, seed {info.get('seed')}, skala {info.get('scale')}); "
        "ingen værdi beskriver virkelige personer"
    )
