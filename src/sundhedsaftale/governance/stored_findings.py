"""Findings computed once per change of a region's record, not once per page view (ADR 0032).

A region's findings on a date are a function of its record, the date, and the rulebook and reference data in
use. :func:`fingerprints` names that state without reading the record: the rulebook's hash and the id of the
region's newest audit row (every change writes one in its own transaction). :func:`stored_findings` returns the
stored rows whose fingerprint is current and computes the rest (one query per table for all of them, then one
evaluation per region and date), replacing what was stored for a region under an older fingerprint.

The fingerprint is read before the record, so a change committed in between leaves a row that is already stale
and is computed again on the next read: a stored row can be older than the record, never newer. Stored rows
are what ``rulebook.evaluate`` gives on the record, which holds no reviewer's verdict; who may read a region's
findings is decided by the caller, as for findings computed on the spot.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

import sundhedsaftale
from sundhedsaftale.accounts.selectors import latest_audit_ids, newest_audit_id
from sundhedsaftale.core.case import RegionCase
from sundhedsaftale.core.lifecycle import stage_of
from sundhedsaftale.core.obligations import ObligationStatus, obligations, obligations_as_dict
from sundhedsaftale.core.rules import Finding, finding_as_dict
from sundhedsaftale.lawbook.selectors import verified_changes
from sundhedsaftale.registry.models import Region
from sundhedsaftale.web.platform import platform

from .models import StoredFindings
from .snapshot import collector_paused, national_cases

__all__ = [
    "AREAS",
    "Stored",
    "finding_area",
    "fingerprints",
    "rulebook_fingerprint",
    "stored_findings",
]

# The areas of the national matrix, in the order shown.
AREAS = ("composition", "meetings", "agreement", "patients")
OPEN = ("not_met", "needs_judgement")


def finding_area(rule_id: str) -> str:
    """The area of the national matrix a rule belongs to, from its id (``docs/adr/0032``)."""
    if rule_id.startswith(("aftale.", "vurdering.")):
        return "agreement"  # the agreement's content, its life and its deadlines (§§ 19–22, afsnit 5)
    if rule_id.startswith("pi-udvalg.") or rule_id.endswith((".patienter", "-piu")):
        return "patients"  # the patient involvement committee and patients' seats (§§ 25–30)
    if "moede" in rule_id:
        return "meetings"
    return "composition"  # existence, composition, chairs, secretariats, rules of procedure, terms


def severity(kind: str, status: str) -> str:
    """The open finding's weight on the page: a broken requirement, advice not followed, or judgement needed."""
    if status == "not_met":
        return "broken" if kind == "krav" else "advice"
    if status == "needs_judgement":
        return "judgement"
    return ""


@functools.cache
def rulebook_fingerprint() -> str:
    """A hash of the code and data findings are computed with: the core, the law and the reference data."""
    package = Path(sundhedsaftale.__file__).parent
    data_dir = os.environ.get("SUNDHEDSAFTALE_DATA_DIR")
    roots = [package / "core", Path(data_dir) if data_dir else package / "data"]
    digest = hashlib.sha256(sundhedsaftale.__version__.encode())
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprints(region_codes: list[str]) -> dict[str, str]:
    """Each region's current fingerprint, in two queries."""
    verified = verified_changes()
    return {code: fingerprint_of(last, verified) for code, last in latest_audit_ids(region_codes).items()}


def fingerprint_of(newest_audit_id: int | None, verified: frozenset[str]) -> str:
    """The fingerprint of a region whose newest audit row has this id (see ``accounts.selectors``), under the
    legal changes verified so far (a verification ends rules and duties in every region: ADR 0026)."""
    changes = hashlib.sha256(",".join(sorted(verified)).encode()).hexdigest()[:8]
    return f"{rulebook_fingerprint()}:{changes}:{newest_audit_id or 0}"


def with_fingerprints(regions: QuerySet[Region]) -> list[tuple[Region, str]]:
    """Each region of ``regions`` with its current fingerprint, read in two queries."""
    verified = verified_changes()
    return [
        (r, fingerprint_of(r.newest_audit_id, verified))
        for r in regions.annotate(newest_audit_id=newest_audit_id())
    ]


def _counts(findings: Iterable[dict[str, Any]], key: str) -> dict[str, dict[str, int]]:
    result: dict[str, Counter[str]] = {}
    for f in findings:
        weight = severity(f["kind"], f["status"])
        if weight:
            result.setdefault(f[key], Counter())[weight] += 1
    return {k: dict(v) for k, v in result.items()}


def _glance(
    case: RegionCase, findings: list[dict[str, Any]], at: dt.date, verified: frozenset[str]
) -> dict[str, Any]:
    """What the national page shows of a region on ``at``, without reading the findings themselves."""
    for f in findings:
        f["area"] = finding_area(f["rule_id"])
    book = platform()
    duties = obligations(book, case, at, verified=verified)
    upcoming = [o for o in duties if o.status is ObligationStatus.DUE and o.due is not None and o.due >= at]
    overdue = [o for o in duties if o.status is ObligationStatus.OVERDUE]
    return {
        "total": len(findings),
        "open": [
            {k: f[k] for k in ("rule_id", "rule_title", "kind", "status", "subject_kind", "subject_id")}
            | {"subject_name": f["subject_name"], "explanation": f["explanation"], "area": f["area"]}
            # the explanation's messages, so the page writes it in English too (ADR 0051)
            | {"messages": f.get("messages", [])}
            for f in findings
            if f["status"] in OPEN
        ],
        "agreements": [
            {
                "id": a.id,
                "title": a.title,
                "stage": stage_of(a, case, at).value,
            }
            # The newest two: the one being prepared and the one in force.
            for a in sorted(case.agreements, key=lambda a: -a.election_period_start)[:2]
        ],
        "next_deadline": obligations_as_dict(min(upcoming, key=lambda o: o.due or at)) if upcoming else None,
        "overdue": [obligations_as_dict(o) for o in overdue],
    }


def _compute(missing: dict[str, list[dt.date]], current: dict[str, str]) -> list[Stored]:
    evaluate = platform().rulebook.evaluate
    verified = verified_changes()
    now = timezone.now()
    rows: list[StoredFindings] = []
    with collector_paused():
        cases = national_cases(list(missing))
        for code, days in missing.items():
            case = cases[code]
            for day in days:
                found: list[Finding] = evaluate(case, day, verified=verified)
                plain = [finding_as_dict(f) for f in found]
                glance = _glance(case, plain, day, verified)
                rows.append(
                    StoredFindings(
                        region_id=code,
                        on=day,
                        fingerprint=current[code],
                        computed_at=now,
                        findings=plain,
                        areas=_counts(plain, "area"),
                        glance=glance,
                    )
                )
    with transaction.atomic():
        stale = Q()
        for code in missing:
            stale |= Q(region_id=code) & ~Q(fingerprint=current[code])
        StoredFindings.objects.filter(stale).delete()
        StoredFindings.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["region", "on"],
            update_fields=["fingerprint", "computed_at", "findings", "areas", "glance"],
        )
    return [Stored(r.region_id, r.on, r.areas, r.glance, r.findings) for r in rows]


@dataclass(frozen=True)
class Stored:
    """One region's stored findings on one date, with the parts that were asked for (empty otherwise)."""

    region_code: str
    on: dt.date
    areas: dict[str, dict[str, int]]
    glance: dict[str, Any]
    findings: list[dict[str, Any]]


_PARTS = ("areas", "glance", "findings")


def stored_findings(
    region_codes: list[str],
    days: list[dt.date],
    *,
    parts: tuple[str, ...] = ("areas", "glance"),
    current: dict[str, str] | None = None,
) -> dict[tuple[str, dt.date], Stored]:
    """The current stored findings of every region in ``region_codes`` on every date in ``days``, computed where
    missing or stale: two queries when all are current. ``parts`` says what to read: ``areas`` (the counts),
    ``glance`` (what the national page shows) and ``findings`` (every finding). ``current``: the regions'
    fingerprints when the caller has just read them (:func:`fingerprints`)."""
    if not region_codes or not days:
        return {}
    if current is None:
        current = fingerprints(region_codes)
    wanted = [p for p in _PARTS if p in parts]
    found: dict[tuple[str, dt.date], Stored] = {}
    for code, on, fingerprint, *values in StoredFindings.objects.filter(
        region_id__in=region_codes, on__in=days
    ).values_list("region_id", "on", "fingerprint", *wanted):
        if fingerprint == current[code]:
            got = dict(zip(wanted, values, strict=True))
            found[(code, on)] = Stored(
                code, on, got.get("areas", {}), got.get("glance", {}), got.get("findings", [])
            )
    missing: dict[str, list[dt.date]] = {}
    for code in region_codes:
        for day in days:
            if (code, day) not in found:
                missing.setdefault(code, []).append(day)
    if missing:
        for row in _compute(missing, current):
            found[(row.region_code, row.on)] = row
    return found


def region_findings_plain(region_code: str, at: dt.date) -> list[dict[str, Any]]:
    """A region's findings on ``at`` as :func:`finding_as_dict` gives them, each with its ``area``."""
    row = stored_findings([region_code], [at], parts=("findings",))[(region_code, at)]
    findings = row.findings
    for f in findings:
        f.setdefault("area", finding_area(f["rule_id"]))
    return findings


def region_findings_plain_many(region_codes: list[str], at: dt.date) -> dict[str, list[dict[str, Any]]]:
    """:func:`region_findings_plain` for several regions at once (two queries when all are current)."""
    rows = stored_findings(region_codes, [at], parts=("findings",))
    result: dict[str, list[dict[str, Any]]] = {}
    for code in region_codes:
        findings = rows[(code, at)].findings
        for f in findings:
            f.setdefault("area", finding_area(f["rule_id"]))
        result[code] = findings
    return result
