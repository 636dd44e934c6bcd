"""Sundhedsstyrelsen's acts on a submitted agreement: receipt, verdicts on findings, questions to the committee,
the decision, and publication.

Every action checks :func:`~sundhedsaftale.accounts.permissions.can_review_region` (never in a region that has
ended), writes in one transaction and
leaves an audit row. The lifecycle steps go through :func:`sundhedsaftale.agreements.actions.step_record`, so the
core's lifecycle decides whether a step is legal; a letter is rendered inside the same transaction, so a step is
never recorded without its letter, nor a letter stored for a step that was refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationError

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.models import Audience, User
from sundhedsaftale.accounts.permissions import can_review_region
from sundhedsaftale.agreements.actions import Actor, AgreementConflict, may_take_step, step_record
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.agreements.models import Submission
from sundhedsaftale.agreements.snapshot import agreement_snapshot
from sundhedsaftale.agreements.steps import MissingOpenRecord, build_record
from sundhedsaftale.core.assessment import AssessmentError, apply_reviews
from sundhedsaftale.core.assessment import FindingReview as CoreReview
from sundhedsaftale.core.assessment import Verdict as CoreVerdict
from sundhedsaftale.core.case import (
    AUTHORITY_PARTY,
    AuthorityDecision,
    AuthorityDecisionKind,
    Publication,
    RegionCase,
    validation_messages,
)
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.lifecycle import Step
from sundhedsaftale.documents import LetterContact, LetterError, letter_document, render_docx, render_pdf
from sundhedsaftale.documents import LetterKind as DocumentKind
from sundhedsaftale.documents.wiring import letter_input_for
from sundhedsaftale.registry.clock import refuse_if_region_ended
from sundhedsaftale.search.indexer import index_letter
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.platform import platform

from .models import FindingReview, IssuedLetter, LetterKind
from .selectors import NotReviewable, ReviewState, received_submission, review_state, submitted_case

_DOCUMENT_KIND = {
    LetterKind.RECEIPT: DocumentKind.RECEIPT,
    LetterKind.APPROVAL: DocumentKind.APPROVAL,
    LetterKind.OBJECTION: DocumentKind.OBJECTION,
}


class ReviewInvalid(Exception):
    """Input or a state the review cannot act on; the message says why, in Danish."""


class ReviewConflict(RecordConflict):
    def __init__(self, current: FindingReview | None, rule_id: str) -> None:
        version = current.version if current is not None else 0
        super().__init__(
            current,
            _(
                "Fundet '%(rule)s' er vurderet af en anden (version %(version)s), efter at du åbnede siden. "
                "Intet er overskrevet; åbn sagen igen og gentag din vurdering."
            )
            % {"rule": rule_id, "version": version},
        )


def _require_review(actor: Actor, agreement_key: str) -> None:
    """Refuse, before anything is read for writing, an actor who is no reviewer or an agreement of a region that
    has ended (the refusal names the region, its end and its successor)."""
    region_code = AgreementRow.objects.filter(key=agreement_key).values_list("region_id", flat=True).first()
    if region_code is None:
        raise AgreementRow.DoesNotExist(agreement_key)
    if not can_review_region(actor, region_code):
        refuse_if_region_ended(region_code)
        raise PermissionDenied(_("Kun Sundhedsstyrelsens sagsbehandlere har adgang til dette."))


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _state(row: AgreementRow, at: dt.date) -> ReviewState:
    try:
        return review_state(row, at)
    except NotReviewable:
        raise ReviewInvalid(
            _(
                "Sundhedsstyrelsen har ikke registreret en modtaget indsendelse af den version, der skal vurderes."
            )
        ) from None
    except CaseError as exc:
        raise ReviewInvalid(str(exc)) from None


def _contact(actor: Actor) -> LetterContact:
    """The reviewer who issues the letter is its named contact; the unit is the platform's setting."""
    user = _user(actor)
    return LetterContact(
        name=user.get_full_name().strip() if user else "",
        email=user.email.strip() if user else "",
        unit=settings.LETTER_UNIT,
    )


def _validation_message(exc: ValidationError) -> str:
    return "; ".join(validation_messages(exc))


# ---------------------------------------------------------------------------------------------------------------
# Letters


def _issue_letter(
    *,
    actor: Actor,
    row: AgreementRow,
    submission: Submission,
    kind: LetterKind,
    case: RegionCase,
    at: dt.date,
    reference: str,
    state: ReviewState | None = None,
    remarks: Sequence[str] = (),
    deficiencies: Sequence[tuple[str, str]] = (),
    general_assessment: str = "",
    remedy_deadline: dt.date | None = None,
) -> IssuedLetter:
    """Render the letter to PDF/A-2b and DOCX and store it. Call inside the action's transaction."""
    agreement = case.agreement(row.key)
    assert agreement is not None
    try:
        letter = letter_input_for(
            platform(),
            case,
            row.key,
            _DOCUMENT_KIND[kind],
            at,
            assessment=state.assessment if state is not None else None,
            remarks=remarks,
            deficiencies=deficiencies,
            general_assessment=general_assessment,
            remedy_deadline=remedy_deadline,
            reference=reference,
            contact=_contact(actor),
        )
        document = letter_document(case, agreement, letter)
    except LetterError as exc:
        raise ReviewInvalid(str(exc)) from None
    issued = IssuedLetter.objects.create(
        agreement=row,
        submission=submission,
        kind=kind,
        reference=reference,
        letter_date=at,
        pdf=render_pdf(document),
        docx=render_docx(document),
        issued_by=_user(actor),
    )
    record_change(
        actor=actor,
        action="letter_issue",
        object_type="issued_letter",
        object_id=issued.pk,
        region_code=row.region_id,
        after={
            "agreement": row.key,
            "kind": kind.value,
            "reference": reference,
            "letter_date": at,
            "submitted_on": submission.submitted_on,
            "version_number": agreement.version_number,
        },
    )
    index_letter(issued)
    return issued


# ---------------------------------------------------------------------------------------------------------------
# Receipt (vejl. afsnit 5.1)


def receipt_register(
    *, actor: Actor, agreement_key: str, expected_version: int, received_on: dt.date, reference: str = ""
) -> IssuedLetter:
    """Register the receipt of the open submission and send the receipt to the regional council, the municipal
    councils and the committee, stating the decision deadline (§ 21, stk. 2)."""
    _require_review(actor, agreement_key)
    with transaction.atomic():
        row = AgreementRow.objects.get(key=agreement_key)
        try:
            record, on = build_record(
                agreement_snapshot(row), Step.REGISTER_RECEIPT, {"received_on": received_on}
            )
        except MissingOpenRecord:
            raise ReviewInvalid(
                _("Der er ingen indsendelse, som venter på at blive registreret modtaget.")
            ) from None
        except ValidationError as exc:
            raise ReviewInvalid(_validation_message(exc)) from None
        step_record(
            actor=actor,
            agreement_key=agreement_key,
            expected_version=expected_version,
            step=Step.REGISTER_RECEIPT,
            record=record,
            on=on,
        )
        row.refresh_from_db()
        submission = received_submission(row)
        if submission is None:
            raise ReviewInvalid(_("Modtagelsen blev ikke registreret."))
        try:
            case = submitted_case(case_snapshot(row.region_id), row, submission)
        except NotReviewable:
            raise ReviewInvalid(_("Den indsendte version af aftalen er ikke registreret.")) from None
        return _issue_letter(
            actor=actor,
            row=row,
            submission=submission,
            kind=LetterKind.RECEIPT,
            case=case,
            at=received_on,
            reference=reference.strip(),
        )


# ---------------------------------------------------------------------------------------------------------------
# Verdicts on the assessment's findings


def finding_review(
    *,
    actor: Actor,
    agreement_key: str,
    rule_id: str,
    verdict: str,
    text: str = "",
    reason: str = "",
    expected_version: int,
    on: dt.date,
) -> FindingReview:
    """Accept, edit or overrule one finding of the assessment of the received version.

    ``expected_version`` is the version of the verdict the reviewer saw (0 when there was none); a verdict
    saved by someone else meanwhile is a :class:`ReviewConflict`. The core's ``apply_reviews`` decides whether
    the verdict is complete (an edit needs a text and a reason, an overruling a reason).
    """
    _require_review(actor, agreement_key)
    try:
        chosen = CoreVerdict(verdict)
    except ValueError:
        raise ReviewInvalid(_("Vælg tiltræd, redigér eller tilsidesæt.")) from None
    with transaction.atomic():
        # One reviewer at a time per agreement, so two verdicts never pass the version check together.
        row = AgreementRow.objects.select_for_update().get(key=agreement_key)
        state = _state(row, on)
        item = state.assessment.item(rule_id)
        if item is None:
            raise ReviewInvalid(_("Vurderingen har intet fund for reglen '%(rule)s'.") % {"rule": rule_id})
        subject_id = item.finding.subject.id or ""
        existing = (
            FindingReview.objects.select_for_update()
            .filter(submission=state.submission, rule_id=rule_id, subject_id=subject_id)
            .first()
        )
        if expected_version != (existing.version if existing is not None else 0):
            raise ReviewConflict(existing, rule_id)
        user = _user(actor)
        candidate = CoreReview(
            rule_id=rule_id,
            verdict=chosen,
            text=text.strip() if chosen is CoreVerdict.EDITED else "",
            reason=reason.strip(),
            reviewer=(user.get_full_name() or user.username) if user else "",
            reviewed_on=on,
        )
        try:
            apply_reviews(state.assessment, [candidate])
        except AssessmentError as exc:
            raise ReviewInvalid(str(exc)) from None
        before = (
            {
                "verdict": existing.verdict,
                "text": existing.text,
                "reason": existing.reason,
                "version": existing.version,
            }
            if existing is not None
            else None
        )
        review = existing or FindingReview(
            agreement=row, submission=state.submission, rule_id=rule_id, subject_id=subject_id, version=0
        )
        review.verdict = chosen.value
        review.text = candidate.text
        review.reason = candidate.reason
        review.reviewer = user
        review.reviewed_at = timezone.now()
        review.version += 1
        try:
            with transaction.atomic():
                review.save()
        except IntegrityError:
            # Another reviewer created the first verdict between our read and our write.
            raise ReviewConflict(None, rule_id) from None
        record_change(
            actor=actor,
            action="finding_review",
            object_type="finding_review",
            object_id=f"{row.key}:{rule_id}",
            region_code=row.region_id,
            before=before,
            after={
                "verdict": review.verdict,
                "text": review.text,
                "reason": review.reason,
                "version": review.version,
                "submitted_on": state.submission.submitted_on,
                "on": on,
            },
            reason=review.reason,
            # The verdict and its reason are the reviewers' working notes; the region learns the outcome from
            # the letter (vejl. afsnit 5.2), not from the audit log.
            audience=Audience.AUTHORITY,
        )
    return review


# ---------------------------------------------------------------------------------------------------------------
# Information from the committee (vejl. afsnit 5.2)


def information_request(
    *, actor: Actor, agreement_key: str, expected_version: int, asked_on: dt.date, question: str
) -> None:
    """Ask the committee for more information while the agreement is under review."""
    _require_review(actor, agreement_key)
    with transaction.atomic():
        row = AgreementRow.objects.get(key=agreement_key)
        try:
            record, on = build_record(
                agreement_snapshot(row),
                Step.REQUEST_INFORMATION,
                {"asked_on": asked_on, "question": question.strip()},
            )
        except ValidationError as exc:
            raise ReviewInvalid(_validation_message(exc)) from None
        step_record(
            actor=actor,
            agreement_key=agreement_key,
            expected_version=expected_version,
            step=Step.REQUEST_INFORMATION,
            record=record,
            on=on,
        )


def information_answer(
    *, actor: Actor, agreement_key: str, expected_version: int, answered_on: dt.date, answer: str
) -> None:
    """Record the committee's answer to the open question; by the reviewer who received it, or by the region."""
    with transaction.atomic():
        row = AgreementRow.objects.select_for_update().get(key=agreement_key)
        if not may_take_step(actor, row.region_id, Step.ANSWER_INFORMATION):
            raise PermissionDenied(_("Du har ikke adgang til at registrere svar på denne sundhedsaftale."))
        before = agreement_snapshot(row)
        try:
            record, on = build_record(
                before, Step.ANSWER_INFORMATION, {"answered_on": answered_on, "answer": answer.strip()}
            )
        except MissingOpenRecord:
            raise ReviewInvalid(_("Der er intet åbent spørgsmål at registrere svar på.")) from None
        except ValidationError as exc:
            raise ReviewInvalid(_validation_message(exc)) from None
        step_record(
            actor=actor,
            agreement_key=agreement_key,
            expected_version=expected_version,
            step=Step.ANSWER_INFORMATION,
            record=record,
            on=on,
        )


# ---------------------------------------------------------------------------------------------------------------
# The decision (§ 21, stk. 2–4; vejl. afsnit 5.2–5.4)


def approval_refusal(row: AgreementRow, decided_on: dt.date) -> str:
    """Why an approval dated ``decided_on`` would be refused ("" when it would not). Asked by the decision page
    before it shows the confirmation, so a reviewer is never asked to confirm what the action refuses."""
    try:
        return _approval_refusal(_state(row, decided_on))
    except ReviewInvalid as exc:
        return str(exc)


def _approval_refusal(state: ReviewState) -> str:
    """Why the reviewed assessment does not allow an approval yet ("" when it does)."""
    if state.assessment.blocking:
        titles = ", ".join(i.finding.rule_title for i in state.assessment.blocking)
        return _(
            "Aftalen kan ikke godkendes, så længe et godkendelseskriterium ikke er opfyldt: %(titles)s."
        ) % {"titles": titles}
    if state.assessment.undecided_criteria:
        titles = ", ".join(i.finding.rule_title for i in state.assessment.undecided_criteria)
        return _("Tag stilling til godkendelseskriterierne, før aftalen godkendes: %(titles)s.") % {
            "titles": titles
        }
    return ""


def decision_approve(
    *,
    actor: Actor,
    agreement_key: str,
    expected_version: int,
    decided_on: dt.date,
    reference: str = "",
    general_assessment: str = "",
    remarks: Sequence[str] = (),
) -> IssuedLetter:
    """Approve the received version and issue the approval letter; refused while the reviewed assessment
    still has a requirement that blocks approval."""
    _require_review(actor, agreement_key)
    with transaction.atomic():
        row = AgreementRow.objects.get(key=agreement_key)
        if row.version != expected_version:
            raise AgreementConflict(row)
        state = _state(row, decided_on)
        refusal = _approval_refusal(state)
        if refusal:
            raise ReviewInvalid(refusal)
        record = AuthorityDecision(
            kind=AuthorityDecisionKind.APPROVED,
            decided_on=decided_on,
            reference=reference.strip(),
            version_number=state.agreement.version_number,
        )
        return _decide(actor, row, state, Step.APPROVE, record, reference, general_assessment, remarks)


def decision_object(
    *,
    actor: Actor,
    agreement_key: str,
    expected_version: int,
    decided_on: dt.date,
    deficiencies: Sequence[str],
    remedy_deadline: dt.date | None,
    reference: str = "",
    general_assessment: str = "",
    remarks: Sequence[str] = (),
) -> IssuedLetter:
    """Object to the received version, naming its deficiencies and the deadline to remedy them (§ 21, stk. 4),
    and issue the objection letter."""
    _require_review(actor, agreement_key)
    # Whether the objection names its deficiencies and a deadline (§ 21, stk. 4) is the core lifecycle's check,
    # made when the step is recorded; the record itself refuses a deadline before the decision.
    lines = tuple(d.strip() for d in deficiencies if d.strip())
    with transaction.atomic():
        row = AgreementRow.objects.get(key=agreement_key)
        if row.version != expected_version:
            raise AgreementConflict(row)
        state = _state(row, decided_on)
        try:
            record = AuthorityDecision(
                kind=AuthorityDecisionKind.OBJECTION,
                decided_on=decided_on,
                reference=reference.strip(),
                remedy_deadline=remedy_deadline,
                deficiencies=lines,
                version_number=state.agreement.version_number,
            )
        except ValidationError as exc:
            raise ReviewInvalid(_validation_message(exc)) from None
        return _decide(
            actor,
            row,
            state,
            Step.OBJECT,
            record,
            reference,
            general_assessment,
            remarks,
            deficiencies=tuple((line, "") for line in lines),
            remedy_deadline=remedy_deadline,
        )


def _decide(
    actor: Actor,
    row: AgreementRow,
    state: ReviewState,
    step: Step,
    record: AuthorityDecision,
    reference: str,
    general_assessment: str,
    remarks: Sequence[str],
    *,
    deficiencies: Sequence[tuple[str, str]] = (),
    remedy_deadline: dt.date | None = None,
) -> IssuedLetter:
    step_record(
        actor=actor,
        agreement_key=row.key,
        expected_version=row.version,
        step=step,
        record=record,
        on=record.decided_on,
    )
    row.refresh_from_db()
    case = submitted_case(case_snapshot(row.region_id), row, state.submission)
    return _issue_letter(
        actor=actor,
        row=row,
        submission=state.submission,
        kind=LetterKind.APPROVAL if step is Step.APPROVE else LetterKind.OBJECTION,
        case=case,
        at=record.decided_on,
        reference=reference.strip(),
        state=state,
        remarks=[r for r in remarks if r.strip()],
        deficiencies=deficiencies,
        general_assessment=general_assessment.strip(),
        remedy_deadline=remedy_deadline,
    )


# ---------------------------------------------------------------------------------------------------------------
# Publication (vejl. afsnit 5.5)


def letter_publish(
    *,
    actor: Actor,
    agreement_key: str,
    expected_version: int,
    letter_id: int,
    published_on: dt.date,
    url: str = "",
) -> IssuedLetter:
    """Record that Sundhedsstyrelsen published the approved agreement and its approval letter."""
    _require_review(actor, agreement_key)
    with transaction.atomic():
        letter = (
            IssuedLetter.objects.select_for_update()
            .select_related("submission", "agreement")
            .get(pk=letter_id, agreement__key=agreement_key)
        )
        if letter.kind != LetterKind.APPROVAL:
            raise ReviewInvalid(
                _("Kun den godkendte aftale og godkendelsesbrevet offentliggøres (vejledningens afsnit 5.5).")
            )
        if letter.published_on is not None:
            raise ReviewInvalid(_("Brevet er allerede offentliggjort."))
        if published_on < letter.letter_date:
            raise ReviewInvalid(_("Offentliggørelsen kan ikke ligge før brevets dato."))
        try:
            record = Publication(
                party_code=AUTHORITY_PARTY,
                published_on=published_on,
                url=url.strip(),
                version_number=letter.submission.version_number,
            )
        except ValidationError as exc:
            raise ReviewInvalid(_validation_message(exc)) from None
        step_record(
            actor=actor,
            agreement_key=agreement_key,
            expected_version=expected_version,
            step=Step.PUBLISH,
            record=record,
            on=published_on,
        )
        letter.published_on = published_on
        letter.save(update_fields=["published_on"])
        record_change(
            actor=actor,
            action="letter_publish",
            object_type="issued_letter",
            object_id=letter.pk,
            region_code=letter.agreement.region_id,
            after={"agreement": agreement_key, "published_on": published_on, "url": record.url},
        )
        index_letter(letter)
    return letter


def recorded_approval_letter_issue(*, actor: Actor, agreement_key: str, system: bool = False) -> IssuedLetter:
    """Issue the approval letter of an approval recorded without the review (a case file's decision: a past
    decision taken in, or the demo's), once. When the agreement's records already name Sundhedsstyrelsen's
    publication of that version (vejledningens afsnit 5.5), the letter is recorded as published on that day.
    ``system``: the platform's own loaders."""
    if not system:
        _require_review(actor, agreement_key)
    with transaction.atomic():
        row = AgreementRow.objects.select_for_update().get(key=agreement_key)
        decision = row.decisions.filter(kind="approved").order_by("-decided_on").first()
        if decision is None or decision.submission is None:
            raise ReviewInvalid(_("Aftalen har ingen registreret godkendelse at udstede et brev om."))
        if row.issued_letters.filter(kind=LetterKind.APPROVAL, submission=decision.submission).exists():
            raise ReviewInvalid(_("Godkendelsesbrevet er allerede udstedt."))
        case = submitted_case(case_snapshot(row.region_id), row, decision.submission)
        letter = _issue_letter(
            actor=actor,
            row=row,
            submission=decision.submission,
            kind=LetterKind.APPROVAL,
            case=case,
            at=decision.decided_on,
            reference=decision.reference,
        )
        published = sorted(
            dt.date.fromisoformat(str(p["published_on"]))
            for p in (row.records or {}).get("publications", [])
            if p.get("party_code") == AUTHORITY_PARTY
            and p.get("version_number", "") in ("", decision.version_number)
        )
        if published and published[0] >= letter.letter_date:
            letter.published_on = published[0]
            letter.save(update_fields=["published_on"])
            record_change(
                actor=actor,
                action="letter_publish",
                object_type="issued_letter",
                object_id=letter.pk,
                region_code=row.region_id,
                after={"agreement": agreement_key, "published_on": published[0]},
            )
    return letter
