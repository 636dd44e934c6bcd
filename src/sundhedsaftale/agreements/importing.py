"""Writing a case's agreements into the database (demo data, case-file import).

An import never deletes what the agreements' history holds: an agreement already stored keeps its versions,
and the case's content becomes a new version only when it differs from the newest one. Submissions and
decisions are matched by date, so importing an exported case changes nothing.
"""

from __future__ import annotations

from sundhedsaftale.core.case import HealthAgreement, RegionCase

from .models import AgreementVersion, AuthorityDecision, Submission, VersionState
from .models import HealthAgreement as AgreementRow
from .snapshot import records_document


def agreements_replace(case: RegionCase) -> None:
    """Bring the region's agreements in line with the case's. Call inside a transaction."""
    for agreement in case.agreements:
        _upsert(case.region.code, agreement)


def _upsert(region_code: str, agreement: HealthAgreement) -> None:
    row, created = AgreementRow.objects.get_or_create(
        key=agreement.id,
        defaults={
            "region_id": region_code,
            "title": agreement.title,
            "election_period_start": agreement.election_period_start,
        },
    )
    fields = {
        "region_id": region_code,
        "title": agreement.title,
        "election_period_start": agreement.election_period_start,
        "legal_basis": agreement.legal_basis,
        "term_years": agreement.term_years,
        "parties": list(agreement.parties),
        "records": records_document(agreement),
    }
    # An unchanged agreement keeps its row as it is, version too: importing an export changes nothing.
    if created or any(getattr(row, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(row, name, value)
        if not created:
            row.version += 1
        row.save()

    content = agreement.content.model_dump(mode="json")
    newest = row.versions.order_by("-number").first()
    if newest is None or (newest.content, newest.label, newest.effective_date) != (
        content,
        agreement.version_number,
        agreement.effective_date,
    ):
        newest = AgreementVersion.objects.create(
            agreement=row,
            number=(newest.number + 1) if newest else 1,
            label=agreement.version_number,
            effective_date=agreement.effective_date,
            content=content,
            note="Indlæst fra sagsfil",
        )

    submissions_and_decisions_write(row, agreement, newest)
    if agreement.publications:
        submitted_version_publish(row)


def submissions_and_decisions_write(
    row: AgreementRow, agreement: HealthAgreement, newest: AgreementVersion | None
) -> None:
    """Bring the agreement's submission and decision rows in line with the case agreement's.

    Submissions are matched by date; a new one sends ``newest``, which it freezes: what the councils approved is
    what is assessed. A new decision answers the latest submission received by its date. Nothing is deleted.
    """
    stored = {s.submitted_on: s for s in row.submissions.all()}
    for item in agreement.submissions:
        submission = stored.get(item.submitted_on) or Submission(
            agreement=row, submitted_on=item.submitted_on
        )
        submission.received_on = item.received_on
        submission.version_number = item.version_number
        if submission.agreement_version_id is None:
            submission.agreement_version = newest
        submission.save()
        stored[item.submitted_on] = submission
        sent = submission.agreement_version
        if sent is not None and sent.state == VersionState.DRAFT:
            sent.state = VersionState.SUBMITTED
            sent.save(update_fields=["state"])

    decided = {(d.decided_on, d.kind) for d in row.decisions.all()}
    submissions = sorted(stored.values(), key=lambda s: s.submitted_on)
    for decision in agreement.decisions:
        if (decision.decided_on, decision.kind.value) in decided:
            continue
        answered = [
            s for s in submissions if s.received_on is not None and s.received_on <= decision.decided_on
        ]
        AuthorityDecision.objects.create(
            agreement=row,
            submission=answered[-1] if answered else None,
            kind=decision.kind.value,
            decided_on=decision.decided_on,
            reference=decision.reference,
            remedy_deadline=decision.remedy_deadline,
            deficiencies=list(decision.deficiencies),
            version_number=decision.version_number,
        )


def submitted_version_publish(row: AgreementRow) -> None:
    """Mark the newest submitted version published (vejl. afsnit 5.5); a draft is never published."""
    version = row.versions.exclude(state=VersionState.DRAFT).order_by("-number").first()
    if version is not None and version.state != VersionState.PUBLISHED:
        version.state = VersionState.PUBLISHED
        version.save(update_fields=["state"])
