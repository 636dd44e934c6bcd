"""The one place agreement rows become the case's agreements (and back, for the records document)."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Subquery

from sundhedsaftale.core.case import (
    AgreementContent,
    AgreementSubmission,
    AuthorityDecision,
    HealthAgreement,
)

from .models import AgreementVersion
from .models import AuthorityDecision as DecisionRow
from .models import HealthAgreement as AgreementRow
from .models import Submission as SubmissionRow

# The lifecycle records kept in ``HealthAgreement.records``; the keys are the case model's field names.
RECORD_FIELDS = (
    "hearings",
    "cluster_inputs",
    "council_approvals",
    "information_requests",
    "publications",
    "yearly_reviews",
    "status_reports",
)


def records_document(agreement: HealthAgreement) -> dict[str, list[dict[str, Any]]]:
    """The JSON stored in ``HealthAgreement.records`` for the case agreement's records."""
    # The follow-up's own rows keep a review's reasons and a report's content and state (ADR 0045); the records
    # keep what the lifecycle recorded.
    agreement = agreement.model_copy(
        update={
            "yearly_reviews": tuple(
                r.model_copy(update={"year": None, "reasons": "", "meeting_id": None})
                for r in agreement.yearly_reviews
            ),
            "status_reports": tuple(s.lifecycle_record() for s in agreement.status_reports),
        }
    )
    dumped = agreement.model_dump(mode="json", include=set(RECORD_FIELDS))
    return {name: dumped[name] for name in RECORD_FIELDS if dumped[name]}


def latest_versions(rows: list[AgreementRow]) -> dict[int, AgreementVersion]:
    """The newest version of each agreement, in one query."""
    newest = (
        AgreementVersion.objects.filter(agreement=OuterRef("agreement")).order_by("-number").values("pk")[:1]
    )
    versions = AgreementVersion.objects.filter(
        agreement__in=[r.pk for r in rows], pk=Subquery(newest)
    ).select_related(None)
    return {v.agreement_id: v for v in versions}


def case_agreement(
    row: AgreementRow,
    version: AgreementVersion | None,
    submissions: list[SubmissionRow],
    decisions: list[DecisionRow],
) -> HealthAgreement:
    records = row.records or {}
    return HealthAgreement.model_validate(
        {
            "id": row.key,
            "title": row.title,
            "election_period_start": row.election_period_start,
            "legal_basis": row.legal_basis,
            "version_number": version.label if version else "",
            "effective_date": version.effective_date if version else None,
            "term_years": row.term_years,
            "parties": tuple(row.parties),
            "content": AgreementContent.model_validate(version.content) if version else AgreementContent(),
            **{name: records.get(name, []) for name in RECORD_FIELDS},
            "submissions": [
                AgreementSubmission(
                    submitted_on=s.submitted_on, received_on=s.received_on, version_number=s.version_number
                )
                for s in submissions
            ],
            "decisions": [
                AuthorityDecision(
                    kind=d.kind,  # type: ignore[arg-type]
                    decided_on=d.decided_on,
                    reference=d.reference,
                    remedy_deadline=d.remedy_deadline,
                    deficiencies=tuple(d.deficiencies or ()),
                    version_number=d.version_number,
                )
                for d in decisions
            ],
        }
    )


def agreements_snapshot(region_code: str) -> tuple[HealthAgreement, ...]:
    rows = list(
        AgreementRow.objects.filter(region_id=region_code)
        .prefetch_related("submissions", "decisions")
        .order_by("key")
    )
    versions = latest_versions(rows)
    return tuple(
        case_agreement(row, versions.get(row.pk), list(row.submissions.all()), list(row.decisions.all()))
        for row in rows
    )


def agreement_snapshot(row: AgreementRow) -> HealthAgreement:
    """One agreement as the case sees it (its newest version)."""
    version = row.versions.order_by("-number").first()
    return case_agreement(
        row,
        version,
        list(row.submissions.order_by("submitted_on")),
        list(row.decisions.order_by("decided_on")),
    )
