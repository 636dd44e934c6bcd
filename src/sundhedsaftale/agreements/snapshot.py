"""The one place agreement rows become the case's agreements."""

from __future__ import annotations

from sundhedsaftale.core.case import AgreementSubmission, AuthorityDecision, HealthAgreement

from .models import HealthAgreement as AgreementRow


def agreements_snapshot(region_code: str) -> tuple[HealthAgreement, ...]:
    rows = (
        AgreementRow.objects.filter(region_id=region_code)
        .prefetch_related("submissions", "decisions")
        .order_by("key")
    )
    return tuple(
        HealthAgreement(
            id=a.key,
            title=a.title,
            election_period_start=a.election_period_start,
            legal_basis=a.legal_basis,  # type: ignore[arg-type]
            version_number=a.version_number,
            effective_date=a.effective_date,
            parties=tuple(a.parties),
            submissions=tuple(
                AgreementSubmission(
                    submitted_on=s.submitted_on, received_on=s.received_on, version_number=s.version_number
                )
                for s in a.submissions.all()
            ),
            decisions=tuple(
                AuthorityDecision(
                    kind=d.kind,  # type: ignore[arg-type]
                    decided_on=d.decided_on,
                    reference=d.reference,
                    remedy_deadline=d.remedy_deadline,
                )
                for d in a.decisions.all()
            ),
        )
        for a in rows
    )
