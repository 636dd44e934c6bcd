"""Writing a case's yearly reviews and status reports into the follow-up's rows (case-file import, restore).

ADR 0045: what the lifecycle recorded comes in through the agreement's records (``agreements.importing``); this
adds the committee's reasons and meeting for a review and a sent report's content, state and corrections. An
import never deletes and writes only what is missing. What was sent to Sundhedsstyrelsen is frozen (kapitel 6:
"til orientering"), and a recorded review was decided at its meeting: a case file that says otherwise about
either is refused with the record and field named, and nothing is overwritten.
"""

from __future__ import annotations

from typing import Any

from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.core.case import BodyKind, RegionCase, StatusReport, StatusReportVersion
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.governance.models import Meeting

from .models import ReportState, YearlyReviewRecord
from .models import StatusReport as ReportRow

__all__ = ["followup_apply"]


def followup_apply(case: RegionCase) -> int:
    """Bring the follow-up rows in line with ``case``; returns how many rows were written. Call inside a
    transaction, after the agreements are written."""
    written = 0
    for a_index, agreement in enumerate(case.agreements):
        row = AgreementRow.objects.get(key=agreement.id)
        for r_index, review in enumerate(agreement.yearly_reviews):
            written += _review(case, row, f"agreements[{a_index}].yearly_reviews[{r_index}]", review)
        for s_index, report in enumerate(agreement.status_reports):
            where = f"agreements[{a_index}].status_reports[{s_index}]"
            written += _reports(row, where, report)
    return written


def _review(case: RegionCase, row: AgreementRow, where: str, review: Any) -> int:
    if review.year is None or review.meeting_id is None or not review.reasons.strip():
        return 0  # the lifecycle's record alone: nothing of the platform's to add
    meeting = (
        Meeting.objects.filter(
            key=review.meeting_id, body__region_id=case.region.code, body__kind=BodyKind.COMMITTEE.value
        )
        .order_by("pk")
        .first()
    )
    if meeting is None:
        raise CaseError(
            f"{where}.meeting_id: mødet '{review.meeting_id}' er ikke et møde i regionens sundhedssamarbejdsudvalg "
            "(§ 22, stk. 1)"
        )
    stored = (
        YearlyReviewRecord.objects.filter(agreement=row, year=review.year).select_related("meeting").first()
    )
    if stored is None:
        YearlyReviewRecord.objects.create(
            agreement=row,
            year=review.year,
            meeting=meeting,
            revise=review.revision_needed,
            reasons=review.reasons,
        )
        return 1
    for field, mine, theirs in (
        ("meeting_id", stored.meeting.key, review.meeting_id),
        ("revision_needed", stored.revise, review.revision_needed),
        ("reasons", stored.reasons, review.reasons),
    ):
        if mine != theirs:
            raise CaseError(
                f"{where}.{field}: den årlige gennemgang for {review.year} af '{row.key}' er registreret med en "
                "anden værdi; en besluttet gennemgang overskrives ikke af en sagsfil – ret den på platformen"
            )
    return 0


_COMPARED = ("sent_on", "state", "received_on", "published_on", "receipt_reference", "content")


def _reports(row: AgreementRow, where: str, report: StatusReport) -> int:
    if report.content is None:
        return 0
    written = 0
    previous: ReportRow | None = None
    versions: list[tuple[str, int, StatusReport | StatusReportVersion]] = [(where, 1, report)]
    versions += [(f"{where}.corrections[{i}]", c.number, c) for i, c in enumerate(report.corrections)]
    for place, number, version in versions:
        wanted = {
            "sent_on": version.sent_on,
            "state": version.state.value,
            "received_on": version.received_on,
            "published_on": version.published_on,
            "receipt_reference": version.receipt_reference,
            "content": version.content.model_dump(mode="json") if version.content else {},
        }
        stored = ReportRow.objects.filter(agreement=row, kind=report.kind.value, number=number).first()
        if stored is None:
            previous = ReportRow.objects.create(
                agreement=row, kind=report.kind.value, number=number, corrects=previous, **wanted
            )
            written += 1
            continue
        name = f"{report.kind.label.lower()}, rapportversion {number}, af '{row.key}'"
        if stored.state == ReportState.DRAFT:
            raise CaseError(
                f"{place}.state: {name} er et udkast på platformen; send den på platformen, så Sundhedsstyrelsen "
                "får den, i stedet for at indlæse den som sendt"
            )
        for field in _COMPARED:
            if getattr(stored, field) != wanted[field]:
                raise CaseError(
                    f"{place}.{field}: {name} er sendt til Sundhedsstyrelsen og kan ikke ændres ved import "
                    "(vejledningens kapitel 6: sendt til orientering); sagsfilen afviger fra det sendte"
                )
        previous = stored
    return written
