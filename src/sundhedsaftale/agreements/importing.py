"""Writing a case's agreements into the database (demo data, case-file import)."""

from __future__ import annotations

from sundhedsaftale.core.case import RegionCase

from .models import AuthorityDecision, HealthAgreement, Submission


def agreements_replace(case: RegionCase) -> None:
    """Replace the region's agreements with the case's. Call inside a transaction."""
    HealthAgreement.objects.filter(region_id=case.region.code).delete()
    for a in case.agreements:
        row = HealthAgreement.objects.create(
            key=a.id,
            region_id=case.region.code,
            title=a.title,
            election_period_start=a.election_period_start,
            legal_basis=a.legal_basis,
            version_number=a.version_number,
            effective_date=a.effective_date,
            parties=list(a.parties),
        )
        Submission.objects.bulk_create(
            Submission(
                agreement=row,
                submitted_on=s.submitted_on,
                received_on=s.received_on,
                version_number=s.version_number,
            )
            for s in a.submissions
        )
        AuthorityDecision.objects.bulk_create(
            AuthorityDecision(
                agreement=row,
                kind=d.kind.value,
                decided_on=d.decided_on,
                reference=d.reference,
                remedy_deadline=d.remedy_deadline,
            )
            for d in a.decisions
        )
