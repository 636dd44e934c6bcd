"""Keeping the search index current: one function per kind of record, called by the action that changed it, in
the same transaction (ADR 0047). Each replaces the rows of one owner (the law, an agreement, a letter, a status
report, a meeting) with the rows the records now give; :func:`reindex_all` rebuilds everything.

What each record gives, and to whom (the audience is decided per reader by ``accounts.permissions.can_find``):

- the law (bek. nr. 1248/2022, vejledning nr. 9008/2024 and every source with text): one row per § or section of
  the guidance, with its stk., nr. and elements; public.
- an agreement: each published version (public), each submitted version (everyone logged in, as the agreement's
  pages), and its newest version while a draft (the region's own only); the collaboration agreements of the
  newest published version (public) and of a newer version (by that version's state).
- a letter of Sundhedsstyrelsen: public once published, else the region's users and the reviewers
  (``can_view_letters``). Its words are its kind, agreement, date and journal number (the text is in its PDF).
- a status report: public once published; else as ``can_view_status_report`` decides for its state.
- a meeting: its published agenda's items not for the authorities only and not closed (§ 2, stk. 3), and its
  published minutes as the public reads them (``public_minutes``); public. Drafts, closed items, unpublished
  minutes and reviewers' notes are never indexed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from sundhedsaftale.agreements.models import AgreementVersion, HealthAgreement, VersionState
from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.followup.models import ReportKind, ReportState, StatusReport
from sundhedsaftale.governance.meeting_selectors import public_agenda, public_minutes
from sundhedsaftale.governance.models import Meeting
from sundhedsaftale.review.models import IssuedLetter
from sundhedsaftale.web.platform import platform

from .backends import backend
from .models import Audience, Kind, SearchEntry
from .text import stemmed

LAW = "law"
# Keys of stored content that are identifiers or codes, not words anyone searches for.
_NOT_WORDS = {"id", "element", "coverage", "unrecorded", "state", "status", "kind"}


def _words(value: Any) -> Iterator[str]:
    """Every text in a stored content document (an agreement's or a status report's), in order."""
    if isinstance(value, str):
        if value.strip():
            yield value.strip()
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in _NOT_WORDS or key.endswith(("_id", "_ids")):
                continue
            yield from _words(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _words(item)


def content_text(value: Any) -> str:
    return "\n".join(_words(value))


def _replace(owner: str, entries: list[SearchEntry]) -> int:
    engine = backend()
    old = list(SearchEntry.objects.filter(owner=owner).values_list("pk", flat=True))
    if old:
        engine.delete(old)
        SearchEntry.objects.filter(pk__in=old).delete()
    for e in entries:
        e.owner = owner
        e.stemmed = stemmed(e.text)
    created = SearchEntry.objects.bulk_create(entries)
    if created and created[0].pk is None:  # a database that does not return the ids
        created = list(SearchEntry.objects.filter(owner=owner))
    engine.write(created)
    return len(created)


# --- The law -----------------------------------------------------------------------------------------------------


def law_entries() -> list[SearchEntry]:
    corpus = platform().corpus
    entries = []
    for source in corpus.sources.values():
        if not source.has_text:
            continue
        for unit in corpus.units(source.id):
            if "__" in unit.id:  # a stk., nr. or element: part of its § or section
                continue
            parts = [unit.heading, unit.text] + [
                corpus.full_text(child) for child in corpus.children(unit) if "__" in child.id
            ]
            title = f"{source.short}, {unit.label}" + (f" – {unit.heading}" if unit.heading else "")
            entries.append(
                SearchEntry(
                    key=f"law:{source.id}:{unit.id}",
                    kind=Kind.LAW,
                    audience=Audience.PUBLIC,
                    region_code="",
                    day=source.validity.start
                    if source.validity and source.validity.start != dt.date.min
                    else None,
                    title=title[:500],
                    text="\n".join(p for p in parts if p),
                    url=reverse("lawbook:unit", args=[source.id, unit.id]),
                )
            )
    return entries


def index_law() -> int:
    return _replace(LAW, law_entries())


# --- Agreements ----------------------------------------------------------------------------------------------


def _version_day(agreement: HealthAgreement, version: AgreementVersion) -> dt.date:
    if version.state == VersionState.PUBLISHED:
        days = [
            dt.date.fromisoformat(str(p["published_on"]))
            for p in (agreement.records or {}).get("publications", [])
            if p.get("version_number", "") in ("", version.label) and p.get("published_on")
        ]
        if days:
            return min(days)
    return version.saved_at.date()


_VERSION_AUDIENCE = {
    VersionState.PUBLISHED: Audience.PUBLIC,
    VersionState.SUBMITTED: Audience.LOGGED_IN,
    VersionState.DRAFT: Audience.REGION,
}


def _version_url(agreement: HealthAgreement, version: AgreementVersion) -> str:
    if version.state == VersionState.PUBLISHED:
        return reverse("public:agreement", args=[agreement.key]) + f"#version-{version.number}"
    return reverse("agreements:versions", args=[agreement.key])


def agreement_entries(agreement: HealthAgreement) -> list[SearchEntry]:
    versions = list(agreement.versions.order_by("number"))
    if not versions:
        return []
    newest = versions[-1]
    entries = []
    for v in versions:
        if v.state == VersionState.DRAFT and v is not newest:
            continue  # an older draft is superseded by the next save
        label = v.label or str(v.number)
        draft = " (udkast)" if v.state == VersionState.DRAFT else ""
        entries.append(
            SearchEntry(
                key=f"agreement:{agreement.pk}:v{v.number}",
                kind=Kind.AGREEMENT,
                audience=_VERSION_AUDIENCE[VersionState(v.state)],
                region_code=agreement.region_id,
                day=_version_day(agreement, v),
                title=f"{agreement.title}, version {label}{draft}"[:500],
                text=content_text(v.content),
                url=_version_url(agreement, v),
            )
        )
    published = [v for v in versions if v.state == VersionState.PUBLISHED]
    sources = [published[-1]] if published else []
    if newest not in sources:
        sources.append(newest)
    for v in sources:
        for collab in (v.content or {}).get("collaboration_agreements", []):
            entries.append(
                SearchEntry(
                    key=f"collaboration:{agreement.pk}:v{v.number}:{collab.get('id', '')}"[:200],
                    kind=Kind.COLLABORATION,
                    audience=_VERSION_AUDIENCE[VersionState(v.state)],
                    region_code=agreement.region_id,
                    day=_version_day(agreement, v),
                    title=f"{collab.get('title', '')} ({agreement.title})"[:500],
                    text=content_text({k: val for k, val in collab.items() if k != "title"}),
                    url=_version_url(agreement, v),
                )
            )
    return entries


def index_agreement(agreement: HealthAgreement) -> int:
    """The agreement's versions and collaboration agreements, after a version was saved or a step recorded."""
    return _replace(f"agreement:{agreement.pk}", agreement_entries(agreement))


# --- Letters -----------------------------------------------------------------------------------------------


def letter_entries(letter: IssuedLetter) -> list[SearchEntry]:
    agreement = letter.agreement
    with translation.override("da"):
        kind = str(letter.get_kind_display())
    published = letter.published_on is not None
    return [
        SearchEntry(
            key=f"letter:{letter.pk}",
            kind=Kind.LETTER,
            audience=Audience.PUBLIC if published else Audience.LETTERS,
            region_code=agreement.region_id,
            day=letter.letter_date,
            title=f"{kind}: {agreement.title} ({danish_date(letter.letter_date)})"[:500],
            text="\n".join(
                p
                for p in (
                    f"Sundhedsstyrelsens brev: {kind}",
                    agreement.title,
                    f"Brevdato {danish_date(letter.letter_date)}",
                    f"Journalnummer {letter.reference}" if letter.reference else "",
                )
                if p
            ),
            url=reverse("public:agreement", args=[agreement.key]) + f"#letter-{letter.pk}"
            if published
            else reverse("review:region_letters", args=[agreement.key]),
        )
    ]


def index_letter(letter: IssuedLetter) -> int:
    return _replace(f"letter:{letter.pk}", letter_entries(letter))


# --- Status reports --------------------------------------------------------------------------------------------


def report_entries(report: StatusReport) -> list[SearchEntry]:
    agreement = report.agreement
    state = ReportState(report.state)
    if state == ReportState.PUBLISHED:
        audience, url = Audience.PUBLIC, reverse("followup:public_report_document", args=(report.pk, "pdf"))
    else:
        audience = Audience.REPORT_DRAFT if state == ReportState.DRAFT else Audience.REPORT_SENT
        url = reverse("followup:report", args=[report.pk])
    with translation.override("da"):
        kind = str(ReportKind(report.kind).label)
    return [
        SearchEntry(
            key=f"status_report:{report.pk}",
            kind=Kind.STATUS_REPORT,
            audience=audience,
            region_code=agreement.region_id,
            day=report.published_on or report.sent_on or report.created_at.date(),
            title=f"{kind} {report.number} – {agreement.title}"[:500],
            text=content_text(report.content),
            url=url,
        )
    ]


def index_status_report(report: StatusReport) -> int:
    return _replace(f"status_report:{report.pk}", report_entries(report))


# --- Meetings ----------------------------------------------------------------------------------------------------


def meeting_entries(meeting: Meeting) -> list[SearchEntry]:
    entries = []
    body = meeting.body
    url = reverse("public:meeting", args=[meeting.pk])
    heading = f"{body.name} {danish_date(meeting.date)}"
    if meeting.agenda_published_at is not None:
        items = public_agenda(meeting)
        entries.append(
            SearchEntry(
                key=f"agenda:{meeting.pk}",
                kind=Kind.AGENDA,
                audience=Audience.PUBLIC,
                region_code=body.region_id,
                day=meeting.date,
                title=f"Dagsorden: {heading}"[:500],
                text="\n".join(
                    [meeting.title, meeting.location]
                    + [f"{i.number}. {i.title}\n{i.description}".strip() for i in items]
                ).strip(),
                url=url,
            )
        )
    minutes = public_minutes(meeting.pk)
    if minutes:
        entries.append(
            SearchEntry(
                key=f"minutes:{meeting.pk}",
                kind=Kind.MINUTES,
                audience=Audience.PUBLIC,
                region_code=body.region_id,
                day=meeting.date,
                title=f"Referat: {heading}"[:500],
                text=minutes,
                url=url,
            )
        )
    return entries


def index_meeting(meeting: Meeting) -> int:
    """Read again: the caller's instance may hold agenda items fetched before its change."""
    fresh = Meeting.objects.select_related("body").get(pk=meeting.pk)
    return _replace(f"meeting:{meeting.pk}", meeting_entries(fresh))


def index_region(region_code: str) -> int:
    """Every row about one region, after a write that replaced its records wholesale (a case file import)."""
    count = _each(HealthAgreement.objects.filter(region_id=region_code), index_agreement)
    count += _each(
        IssuedLetter.objects.filter(agreement__region_id=region_code)
        .select_related("agreement")
        .defer("pdf", "docx"),
        index_letter,
    )
    count += _each(
        StatusReport.objects.filter(agreement__region_id=region_code)
        .select_related("agreement")
        .defer("receipt_pdf", "receipt_docx"),
        index_status_report,
    )
    stale = list(
        SearchEntry.objects.filter(region_code=region_code, kind__in=[Kind.AGENDA, Kind.MINUTES]).values_list(
            "pk", flat=True
        )
    )
    backend().delete(stale)
    SearchEntry.objects.filter(pk__in=stale).delete()
    published = Meeting.objects.filter(body__region_id=region_code).filter(
        Q(agenda_published_at__isnull=False) | Q(minutes_published_at__isnull=False)
    )
    return count + _each(published, index_meeting)


# --- Everything --------------------------------------------------------------------------------------------


def _each(rows: Iterable[Any], index: Any) -> int:
    return sum(index(row) for row in rows)


def reindex_all() -> dict[str, int]:
    """Rebuild the whole index from the records, in one transaction; the count of rows per kind."""
    with transaction.atomic():
        engine = backend()
        engine.delete(list(SearchEntry.objects.values_list("pk", flat=True)))
        SearchEntry.objects.all().delete()
        index_law()
        _each(HealthAgreement.objects.all(), index_agreement)
        _each(IssuedLetter.objects.select_related("agreement").defer("pdf", "docx"), index_letter)
        _each(
            StatusReport.objects.select_related("agreement").defer("receipt_pdf", "receipt_docx"),
            index_status_report,
        )
        _each(
            Meeting.objects.filter(agenda_published_at__isnull=False).select_related("body")
            | Meeting.objects.filter(minutes_published_at__isnull=False).select_related("body"),
            index_meeting,
        )
    counts: dict[str, int] = {}
    for kind in SearchEntry.objects.values_list("kind", flat=True):
        counts[kind] = counts.get(kind, 0) + 1
    return counts
