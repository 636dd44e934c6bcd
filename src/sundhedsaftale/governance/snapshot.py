"""The one place governance rows become the case's bodies, meetings and decisions, assembled into whole cases.

Read as plain rows, one query per table for every region asked for, and validated as one ``RegionCase`` per region
(pydantic builds the nested models): a national overview costs a handful of queries instead of a dozen per region.
Registry and agreements contribute their parts through their own snapshot modules.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from sundhedsaftale.agreements.snapshot import agreements_snapshot
from sundhedsaftale.core.case import (
    BODY_FACT_FIELDS,
    CommitteeStatement,
    MemberView,
    RegionCase,
    StatementBasis,
)
from sundhedsaftale.registry.models import HealthCluster
from sundhedsaftale.registry.snapshot import registry_snapshot

from .models import AgendaItem as AgendaRow
from .models import Attendance as AttendanceRow
from .models import Body, LocalDecision, Membership
from .models import CommitteeStatement as StatementRow
from .models import Meeting as MeetingRow

_MEMBERSHIP_FIELDS = {
    "id": "key",
    "person_id": "person__key",
    "name": "person__name",
    "role": "role",
    "appointed_by": "appointed_by",
    "municipality_code": "municipality_id",
    "cluster_id": "cluster_id",
    "covers_psychiatry": "covers_psychiatry",
    "represents": "represents",
    "chair": "chair",
    "vice_chair": "vice_chair",
    "substitute": "substitute",
    "start": "start",
    "end": "end",
    "version": "version",
}
_MEETING_FIELDS = {
    "id": "key",
    "body_id": "body__key",
    "date": "date",
    "status": "status",
    "kind": "kind",
    "title": "title",
    "location": "location",
    "requested_by_member": "requested_by_member",
    "chaired_by": "chaired_by__key",
    "patient_committee_invited": "patient_committee_invited",
    "minutes": "minutes",
    "version": "version",
}
_AGENDA_FIELDS = {
    "number": "number",
    "title": "title",
    "description": "description",
    "authorities_only": "authorities_only",
    "outcome": "outcome",
}
_ATTENDANCE_FIELDS = {
    "person_id": "person__key",
    "name": "person__name",
    "present": "present",
    "note": "note",
}
_DECISION_FIELDS = {
    "id": "key",
    "parameter": "parameter",
    "subject_id": "subject_id",
    "value": "value",
    "decided_by": "decided_by",
    "decision_maker": "decision_maker",
    "decided_on": "decided_on",
    "reference": "reference",
    "valid_until": "valid_until",
    "note": "note",
    "version": "version",
}


def _rows(queryset: QuerySet[Any], fields: dict[str, str], *extra: str) -> list[tuple[Any, ...]]:
    """``extra`` columns first (keys to group by), then the case fields in ``fields``' order."""
    return list(queryset.values_list(*extra, *fields.values()))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Build many small, acyclic objects without the cyclic garbage collector rescanning the heap meanwhile.

    Reference counting still frees everything; the collector only runs later. Without this, building and
    evaluating the national cases (some 10,000 models) set off full collections of the whole heap, which made
    the national overview a third slower on most runs. Nested use is fine: only the outermost re-enables.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def national_cases(region_codes: Iterable[str] | None = None) -> dict[str, RegionCase]:
    """The case of every region (or of ``region_codes``), as :func:`sundhedsaftale.web.cases.case_snapshot` builds it.

    The same mapping as ``governance.snapshot``, read as plain rows for all regions at once and validated as one
    ``RegionCase`` per region (pydantic builds the nested models): the national overview then costs a handful of
    queries instead of a dozen per region. ``tests/web/test_overview.py`` keeps the two equal.
    """
    with collector_paused():
        return _national_cases(region_codes)


def _national_cases(region_codes: Iterable[str] | None) -> dict[str, RegionCase]:
    # Regions of the 2022 order only: a region of the 2027 structure (Region Østdanmark) has no clusters and no
    # case under bek. nr. 1248/2022 (ADR 0029); asking for its case is asking for something that does not exist.
    with_case = sorted(set(HealthCluster.objects.values_list("region_id", flat=True)))
    codes = sorted(region_codes) if region_codes is not None else with_case
    if without := [code for code in codes if code not in with_case]:
        raise Http404(f"Regionen {', '.join(without)} har ingen sag efter bek. nr. 1248/2022")
    memberships: dict[int, list[dict[str, Any]]] = defaultdict(list)
    names = list(_MEMBERSHIP_FIELDS)
    for body_id, *values in _rows(
        Membership.objects.filter(body__region_id__in=codes).order_by("body_id", "key"),
        _MEMBERSHIP_FIELDS,
        "body_id",
    ):
        row = dict(zip(names, values, strict=True))
        row["represents"] = row["represents"] or None
        memberships[body_id].append(row)
    bodies: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for pk, region_id, key, kind, name, cluster_id, parent_key, invited, facts, version in (
        Body.objects.filter(region_id__in=codes)
        .order_by("key")
        .values_list(
            "id",
            "region_id",
            "key",
            "kind",
            "name",
            "cluster_id",
            "parent__key",
            "patient_committee_invited",
            "facts",
            "version",
        )
    ):
        bodies[region_id].append(
            {
                "id": key,
                "kind": kind,
                "name": name,
                "cluster_id": cluster_id,
                "parent_body_id": parent_key,
                "patient_committee_invited": invited,
                **{k: v for k, v in (facts or {}).items() if k in BODY_FACT_FIELDS},
                "memberships": memberships[pk],
                "version": version,
            }
        )

    in_meetings = {"meeting__body__region_id__in": codes}
    agenda: dict[int, list[dict[str, Any]]] = defaultdict(list)
    names = list(_AGENDA_FIELDS)
    for meeting_id, *values in _rows(
        AgendaRow.objects.filter(**in_meetings).order_by("meeting_id", "number"), _AGENDA_FIELDS, "meeting_id"
    ):
        agenda[meeting_id].append(dict(zip(names, values, strict=True)))
    attendance: dict[int, list[dict[str, Any]]] = defaultdict(list)
    names = list(_ATTENDANCE_FIELDS)
    for meeting_id, *values in _rows(
        AttendanceRow.objects.filter(**in_meetings).order_by("meeting_id", "person__name", "id"),
        _ATTENDANCE_FIELDS,
        "meeting_id",
    ):
        attendance[meeting_id].append(dict(zip(names, values, strict=True)))
    meetings: dict[str, list[dict[str, Any]]] = defaultdict(list)
    names = list(_MEETING_FIELDS)
    for pk, region_id, *values in _rows(
        MeetingRow.objects.filter(body__region_id__in=codes).order_by("date", "key"),
        _MEETING_FIELDS,
        "id",
        "body__region_id",
    ):
        row = dict(zip(names, values, strict=True))
        row["agenda"] = agenda[pk]
        row["attendance"] = attendance[pk]
        meetings[region_id].append(row)
    decisions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    names = list(_DECISION_FIELDS)
    for region_id, *values in _rows(
        LocalDecision.objects.filter(region_id__in=codes).order_by("decided_on", "key"),
        _DECISION_FIELDS,
        "region_id",
    ):
        decisions[region_id].append(dict(zip(names, values, strict=True)))

    # The follow-up's records (ADR 0045), read for all regions at once; imported here, where they are composed.
    from sundhedsaftale.followup.snapshot import followup_enriched, followup_rows
    from sundhedsaftale.hearings.snapshot import hearing_rounds_snapshot

    followup = followup_rows(codes)
    hearing_rounds = hearing_rounds_snapshot(codes)
    statements = statements_snapshot(codes)
    cases: dict[str, RegionCase] = {}
    for code in codes:
        region, municipalities, clusters = registry_snapshot(code)
        cases[code] = RegionCase.model_validate(
            {
                "region": region,
                "municipalities": municipalities,
                "clusters": clusters,
                "bodies": bodies[code],
                "meetings": meetings[code],
                "agreements": tuple(followup_enriched(a, followup) for a in agreements_snapshot(code)),
                "decisions": decisions[code],
                "hearing_rounds": hearing_rounds.get(code, ()),
                "statements": statements.get(code, ()),
            }
        )
    return cases


def statements_snapshot(region_codes: Iterable[str]) -> dict[str, tuple[CommitteeStatement, ...]]:
    """The patient involvement committees' statements (§ 27, stk. 3; § 28) by region, oldest first."""
    statements: dict[str, list[CommitteeStatement]] = defaultdict(list)
    for row in (
        StatementRow.objects.filter(body__region_id__in=list(region_codes))
        .select_related("body", "meeting")
        .order_by("given_on", "topic", "pk")
    ):
        statements[row.body.region_id].append(
            CommitteeStatement(
                body_id=row.body.key,
                basis=StatementBasis(row.basis),
                topic=row.topic,
                text=row.text,
                given_on=row.given_on,
                meeting_id=row.meeting.key if row.meeting is not None else None,
                consensus_sought=row.consensus_sought,
                consensus_reached=row.consensus_reached,
                dissents=tuple(
                    MemberView(
                        member=d.get("member", ""), view=d.get("view", ""), membership=d.get("membership", "")
                    )
                    for d in row.dissents or ()
                ),
            )
        )
    return {code: tuple(rows) for code, rows in statements.items()}
