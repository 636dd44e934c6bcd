"""Reading the catalogue: collaboration agreements (afsnit 4.1) and collaboration models (afsnit 4.3) of every
region's agreements, with their target groups, the national goals they serve through the overarching goals they
support, their status-report results and the committee's mark for national spread (§ 15, stk. 2, nr. 5).

Two readers (ADR 0048):

- the public (``user=None``): each agreement's newest *published* version and the *published* status reports –
  what the lifecycle's publication step (afsnit 5.5) and the follow-up's publication act made public;
- a logged-in user: each agreement's newest version whatever its state (every logged-in user reads every region's
  agreements) and the status reports the user may read (``can_view_status_report``).

A mark in force is shown with the entry wherever the entry is shown: marking is the committee's act of sharing
with the other regions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from pydantic import ValidationError

from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import AnyUser, can_view_status_report
from sundhedsaftale.agreements.models import AgreementVersion, HealthAgreement, VersionState
from sundhedsaftale.core.case import AgreementContent
from sundhedsaftale.core.followup import GoalState, StatusContent
from sundhedsaftale.followup.models import ReportKind, ReportState, StatusReport
from sundhedsaftale.registry.models import HealthCluster, Region
from sundhedsaftale.web.platform import platform

from .models import EntryKind, SpreadMark
from .shapes import (
    CatalogueChoice,
    CatalogueEntry,
    CatalogueFilters,
    CatalogueGoalResult,
    CatalogueIndicatorValue,
    CatalogueNationalGoal,
    CataloguePage,
    CatalogueResult,
    CatalogueSpread,
)

SEP = "~"
FORMATS = ("pdf", "docx")


class NotInCatalogue(Exception):
    """No such entry for this reader: the pages answer 404."""


def entry_id(agreement_key: str, kind: str, item_id: str) -> str:
    return f"{agreement_key}{SEP}{kind}{SEP}{item_id}"


def parse_entry(entry: str) -> tuple[str, EntryKind, str]:
    parts = entry.split(SEP, 2)
    if len(parts) != 3 or parts[1] not in EntryKind.values or not parts[0] or not parts[2]:
        raise NotInCatalogue
    return parts[0], EntryKind(parts[1]), parts[2]


def _user(user: AnyUser | None) -> User | None:
    return user if isinstance(user, User) and user.is_authenticated and user.is_active else None


def _newest_versions(
    public: bool, agreement_key: str | None = None
) -> list[tuple[HealthAgreement, AgreementVersion]]:
    rows = AgreementVersion.objects.select_related("agreement", "agreement__region").order_by(
        "agreement__region_id", "agreement__key", "-number"
    )
    if agreement_key is not None:
        rows = rows.filter(agreement__key=agreement_key)
    if public:
        rows = rows.filter(state=VersionState.PUBLISHED)
    newest: dict[int, tuple[HealthAgreement, AgreementVersion]] = {}
    for version in rows:
        newest.setdefault(version.agreement_id, (version.agreement, version))
    return list(newest.values())


def _reports(user: User | None, agreement_ids: Iterable[int]) -> dict[int, list[StatusReport]]:
    rows = StatusReport.objects.filter(agreement_id__in=list(agreement_ids)).select_related("agreement")
    if user is None:
        rows = rows.filter(state=ReportState.PUBLISHED, published_on__isnull=False)
    found: dict[int, list[StatusReport]] = defaultdict(list)
    for report in rows.order_by("kind", "number"):
        if user is None or can_view_status_report(user, report.agreement.region_id, report.state):
            found[report.agreement_id].append(report)
    return found


def marks_in_force() -> dict[tuple[int, str, str], SpreadMark]:
    rows = SpreadMark.objects.filter(withdrawn_on__isnull=True).select_related("meeting", "meeting__body")
    return {(m.agreement_id, m.entry_kind, m.item_id): m for m in rows}


def _result(
    report: StatusReport, goal_ids: set[str], titles: dict[str, str], public: bool
) -> CatalogueResult:
    try:
        content = StatusContent.model_validate(report.content or {})
    except ValidationError:
        content = StatusContent()
    goals = []
    for item in content.items:
        if item.goal_id not in goal_ids or item.sub_goal_id:
            continue
        values = [
            CatalogueIndicatorValue(
                criterion=c.text,
                indicator=c.indicator,
                value=v.value,
                unit=v.unit,
                measured_on=v.measured_on,
                target=c.target,
            )
            for c in item.criteria
            for v in c.values
        ]
        goals.append(
            CatalogueGoalResult(
                goal_id=item.goal_id,
                title=titles.get(item.goal_id, item.title),
                status=item.status.value if item.status is not None else "",
                status_label=GoalState(item.status).label if item.status is not None else _("Ikke vurderet"),
                values=values,
            )
        )
    url = (
        reverse("followup:public_report_document", args=(report.pk, "pdf"))
        if public
        else reverse("followup:report", kwargs={"pk": report.pk})
    )
    return CatalogueResult(
        report_id=report.pk,
        title=f"{ReportKind(report.kind).label} {report.number}",
        state=report.state,
        state_label=str(ReportState(report.state).label),
        published_on=report.published_on,
        url=url,
        goals=goals,
    )


@dataclass(frozen=True)
class _Context:
    public: bool
    regions: dict[str, str]
    clusters: dict[str, str]
    national: dict[int, str]
    marks: dict[tuple[int, str, str], SpreadMark]
    reports: dict[int, list[StatusReport]]


def _spread(mark: SpreadMark | None, entry: str, public: bool) -> CatalogueSpread | None:
    if mark is None:
        return None
    document_url = ""
    if mark.document:
        name = "knowledge:public_evidence" if public else "knowledge:evidence"
        document_url = reverse(name, args=[entry])
    return CatalogueSpread(
        marked_on=mark.marked_on,
        body=mark.meeting.body.name,
        meeting_date=mark.meeting.date,
        evidence=mark.evidence,
        document_url=document_url,
        document_name=mark.document_name,
    )


def _entries_of(agreement: HealthAgreement, version: AgreementVersion, ctx: _Context) -> list[CatalogueEntry]:
    try:
        content = AgreementContent.model_validate(version.content or {})
    except ValidationError:
        return []
    groups = {t.id: t.name for t in content.target_groups}
    goals = {g.id: g for g in content.overarching_goals}
    titles = {g.id: g.title for g in content.overarching_goals}
    reports = ctx.reports.get(agreement.pk, [])
    page = "knowledge:public_entry" if ctx.public else "knowledge:entry"
    common: dict[str, Any] = {
        "region_code": agreement.region_id,
        "region_name": ctx.regions.get(agreement.region_id, agreement.region_id),
        "agreement_key": agreement.key,
        "agreement_title": agreement.title,
        "version_number": version.number,
        "version_label": version.label or str(version.number),
        "version_state": version.state,
        "version_published": version.state == VersionState.PUBLISHED,
    }
    entries = []
    for ca in content.collaboration_agreements:
        key = entry_id(agreement.key, EntryKind.COLLABORATION_AGREEMENT, ca.id)
        supported = [goals[g] for g in ca.goal_ids if g in goals]
        numbers = sorted({n for g in supported for n in g.national_goals})
        group_ids = list(ca.target_group_ids) or [t for g in supported for t in g.target_group_ids]
        mark = ctx.marks.get((agreement.pk, EntryKind.COLLABORATION_AGREEMENT.value, ca.id))
        entries.append(
            CatalogueEntry(
                id=key,
                kind=EntryKind.COLLABORATION_AGREEMENT.value,
                kind_label=str(EntryKind.COLLABORATION_AGREEMENT.label),
                title=ca.title,
                description=ca.description,
                target_groups=list(dict.fromkeys(groups[t] for t in group_ids if t in groups)),
                goals=[g.title for g in supported],
                national_goals=[
                    CatalogueNationalGoal(number=n, name=ctx.national.get(n, str(n))) for n in numbers
                ],
                results=[_result(r, set(ca.goal_ids), titles, ctx.public) for r in reports],
                spread=_spread(mark, key, ctx.public),
                url=reverse(page, args=[key]),
                files=_files(key, ctx.public),
                **common,
            )
        )
    for cm in content.collaboration_models:
        key = entry_id(agreement.key, EntryKind.COLLABORATION_MODEL, cm.id)
        mark = ctx.marks.get((agreement.pk, EntryKind.COLLABORATION_MODEL.value, cm.id))
        entries.append(
            CatalogueEntry(
                id=key,
                kind=EntryKind.COLLABORATION_MODEL.value,
                kind_label=str(EntryKind.COLLABORATION_MODEL.label),
                title=cm.title,
                description=cm.description,
                clusters=[ctx.clusters.get(c, c) for c in cm.cluster_ids],
                spread=_spread(mark, key, ctx.public),
                url=reverse(page, args=[key]),
                files=_files(key, ctx.public),
                **common,
            )
        )
    return entries


def _files(key: str, public: bool) -> list[str]:
    if not public:
        return []
    return [reverse("knowledge:public_entry_file", args=[key, fmt]) for fmt in FORMATS]


def catalogue_entries(user: AnyUser | None, agreement_key: str | None = None) -> list[CatalogueEntry]:
    """Every entry the reader may see (of one agreement), by region, agreement and title."""
    reader = _user(user)
    public = reader is None
    versions = _newest_versions(public, agreement_key)
    ctx = _Context(
        public=public,
        regions=dict(Region.objects.values_list("code", "name")),
        clusters=dict(HealthCluster.objects.values_list("id", "name")),
        national=platform().reference.national_goal_names(),
        marks=marks_in_force(),
        reports=_reports(reader, (a.pk for a, _v in versions)),
    )
    entries = [e for agreement, version in versions for e in _entries_of(agreement, version, ctx)]
    return sorted(entries, key=lambda e: (e.region_code, e.agreement_key, e.kind, e.title.casefold()))


def _matches(e: CatalogueEntry, f: CatalogueFilters) -> bool:
    if f.region and e.region_code != f.region:
        return False
    if f.national_goal is not None and f.national_goal not in {n.number for n in e.national_goals}:
        return False
    if f.target_group and f.target_group.casefold() not in {t.casefold() for t in e.target_groups}:
        return False
    if f.kind and e.kind != f.kind:
        return False
    if f.spread and e.spread is None:
        return False
    return not (f.q and f.q.casefold() not in e.title.casefold())


def catalogue_page(user: AnyUser | None, filters: CatalogueFilters) -> CataloguePage:
    """The catalogue with the filters applied; the choices offered are those of every entry the reader sees."""
    every = catalogue_entries(user)
    national = platform().reference.national_goal_names()
    regions = {e.region_code: e.region_name for e in every}
    groups = sorted({t for e in every for t in e.target_groups}, key=str.casefold)
    return CataloguePage(
        filters=filters,
        entries=[e for e in every if _matches(e, filters)],
        total=len(every),
        regions=[CatalogueChoice(value=c, label=n) for c, n in sorted(regions.items())],
        national_goals=[CatalogueChoice(value=str(n), label=f"{n}. {name}") for n, name in national.items()],
        target_groups=[CatalogueChoice(value=t, label=t) for t in groups],
        kinds=[CatalogueChoice(value=k.value, label=str(k.label)) for k in EntryKind],
    )


def catalogue_entry(user: AnyUser | None, entry: str) -> CatalogueEntry:
    key, _kind, _item = parse_entry(entry)
    for e in catalogue_entries(user, key):
        if e.id == entry:
            return e
    raise NotInCatalogue


def filters_from(query: dict[str, str]) -> CatalogueFilters:
    """The filters from a query string (``region``, ``maal``, ``maalgruppe``, ``art``, ``udbredelse``, ``q``)."""
    raw_goal = (query.get("maal") or "").strip()
    kind = (query.get("art") or "").strip()
    return CatalogueFilters(
        region=(query.get("region") or "").strip()[:10],
        national_goal=int(raw_goal) if raw_goal.isdigit() and 1 <= int(raw_goal) <= 8 else None,
        target_group=(query.get("maalgruppe") or "").strip()[:200],
        kind=kind if kind in EntryKind.values else "",
        spread=(query.get("udbredelse") or "") in ("1", "ja", "true", "on"),
        q=(query.get("q") or "").strip()[:200],
    )


def public_catalogue_paths(region_code: str | None) -> list[str]:
    """The catalogue's public pages, its list as files and the evidence documents (of one region's entries, or
    all) for ``every_public_path``. Each entry's own PDF and DOCX are left out: they are rendered from the record
    its page shows, and rendering every entry's files made the portal's walk slow."""
    base = reverse("knowledge:public_catalogue")
    query = f"?region={region_code}" if region_code else ""
    paths = [base + query, *(reverse("knowledge:public_catalogue_file", args=[f]) + query for f in FORMATS)]
    for e in catalogue_entries(None):
        if region_code is not None and e.region_code != region_code:
            continue
        paths.append(e.url)  # its PDF and DOCX are written from the same record (tests/web/test_catalogue.py)
        if e.spread is not None and e.spread.document_url:
            paths.append(e.spread.document_url)
    return paths


def mark_in_force(agreement: HealthAgreement, kind: str, item_id: str) -> SpreadMark | None:
    return SpreadMark.objects.filter(
        agreement=agreement, entry_kind=kind, item_id=item_id, withdrawn_on__isnull=True
    ).first()


def mark_state(agreement: HealthAgreement, kind: str, item_id: str) -> int:
    """The entry's mark state as a number that every mark and every withdrawal raises: the version a page
    showing the entry was opened at (a stale page is a conflict)."""
    rows = SpreadMark.objects.filter(agreement=agreement, entry_kind=kind, item_id=item_id)
    return rows.count() + rows.filter(withdrawn_on__isnull=False).count()
