"""API for Sundhedsstyrelsen's review: the reviewed assessment, verdicts on findings, the decision and the
issued letters. Reviewers and administrators; the letters also for the region's own users (ADR 0042)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from sundhedsaftale.accounts.permissions import can_review, can_review_region, can_view_letters
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.core.assessment import assessment_as_dict
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.lifecycle import IllegalStep
from sundhedsaftale.registry import clock
from sundhedsaftale.review import actions
from sundhedsaftale.review.models import FindingReview, IssuedLetter
from sundhedsaftale.review.selectors import NotReviewable, review_state
from sundhedsaftale.review.views import CONTENT_TYPES, letter_response

from .schemas import ApiDate, ErrorOut, InputSchema, RecordId, VersionNumber, file_answer, stored_length

router = Router(auth=django_auth)


class FindingReviewIn(InputSchema):
    verdict: Literal["accepted", "edited", "overruled"] = Field(
        description="Tiltrådt, redigeret eller tilsidesat"
    )
    text: str = Field("", description="Den redigerede tekst (kun ved redigering)")
    reason: str = Field("", description="Begrundelse (kræves ved redigering og tilsidesættelse)")
    expected_version: VersionNumber = Field(
        0, description="Versionen af den vurdering, du så; 0 når fundet ikke var vurderet"
    )
    on: ApiDate | None = Field(None, description="Vurderingens dato; standard er i dag")


class FindingReviewOut(Schema):
    rule_id: str
    subject_id: str
    verdict: str
    text: str
    reason: str
    reviewer: str
    reviewed_at: dt.datetime
    version: int
    approvable: bool


class ReviewDecisionIn(InputSchema):
    kind: Literal["approve", "object"] = Field(description="Godkend eller gør indsigelse")
    expected_version: VersionNumber = Field(description="Aftalens version, da du åbnede den")
    decided_on: ApiDate
    reference: str = Field(
        "", max_length=stored_length(IssuedLetter, "reference"), description="Journalnummer"
    )
    general_assessment: str = ""
    remarks: list[str] = Field(default_factory=list, description="Øvrige bemærkninger, ét afsnit pr. element")
    deficiencies: list[str] = Field(
        default_factory=list, description="Mangler (kun indsigelse, § 21, stk. 4)"
    )
    remedy_deadline: ApiDate | None = Field(None, description="Frist for udbedring (kun indsigelse)")


class LetterOut(Schema):
    id: int
    kind: str
    reference: str
    letter_date: dt.date
    published_on: dt.date | None
    pdf_url: str
    docx_url: str


def _reviewer_row(request: HttpRequest, key: str) -> AgreementRow:
    row = AgreementRow.objects.filter(key=key).first()
    if row is None:
        raise Http404(f"Ukendt sundhedsaftale '{key}'")
    if not can_review(request.user):
        raise PermissionDenied("Kun Sundhedsstyrelsens sagsbehandlere har adgang.")
    return row


def _writable_row(request: HttpRequest, key: str) -> AgreementRow:
    """As :func:`_reviewer_row`, for a write: refused (403, naming the region's end and successor) when the
    agreement's region has ended, before the payload is acted on."""
    row = _reviewer_row(request, key)
    if not can_review_region(request.user, row.region_id):
        clock.refuse_if_region_ended(row.region_id)
        raise PermissionDenied
    return row


def _letter_out(letter: IssuedLetter) -> dict[str, Any]:
    key = letter.agreement.key
    return {
        "id": letter.pk,
        "kind": letter.kind,
        "reference": letter.reference,
        "letter_date": letter.letter_date,
        "published_on": letter.published_on,
        "pdf_url": reverse("api:review_letter_file", args=[key, letter.pk, "pdf"]),
        "docx_url": reverse("api:review_letter_file", args=[key, letter.pk, "docx"]),
    }


@router.get(
    "/review/agreements/{key}/assessment",
    response={200: dict[str, Any], 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Vurderingen af den modtagne version med sagsbehandlerens vurderinger",
)
def assessment_get(request: HttpRequest, key: str, at: ApiDate | None = None) -> Status[Any]:
    row = _reviewer_row(request, key)
    try:
        state = review_state(row, at or clock.today())
    except NotReviewable:
        return Status(422, {"detail": "Aftalen er ikke registreret modtaget; der er intet at vurdere."})
    except CaseError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(200, assessment_as_dict(state.assessment))


@router.post(
    "/review/agreements/{key}/findings/{rule_id}",
    response={200: FindingReviewOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Tiltræd, redigér eller tilsidesæt et fund",
)
def finding_post(request: HttpRequest, key: str, rule_id: str, payload: FindingReviewIn) -> Status[Any]:
    row = _writable_row(request, key)
    on = payload.on or clock.today()
    try:
        review: FindingReview = actions.finding_review(
            actor=request.user,
            agreement_key=row.key,
            rule_id=rule_id,
            verdict=payload.verdict,
            text=payload.text,
            reason=payload.reason,
            expected_version=payload.expected_version,
            on=on,
        )
    except actions.ReviewInvalid as exc:
        return Status(422, {"detail": str(exc)})
    state = review_state(row, on)
    reviewer = review.reviewer
    return Status(
        200,
        {
            "rule_id": review.rule_id,
            "subject_id": review.subject_id,
            "verdict": review.verdict,
            "text": review.text,
            "reason": review.reason,
            "reviewer": (reviewer.get_full_name() or reviewer.username) if reviewer else "",
            "reviewed_at": review.reviewed_at,
            "version": review.version,
            "approvable": state.assessment.approvable,
        },
    )


@router.post(
    "/review/agreements/{key}/decision",
    response={201: LetterOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Godkend eller gør indsigelse; udsteder brevet (PDF og DOCX)",
)
def decision_post(request: HttpRequest, key: str, payload: ReviewDecisionIn) -> Status[Any]:
    row = _writable_row(request, key)
    common: dict[str, Any] = {
        "actor": request.user,
        "agreement_key": row.key,
        "expected_version": payload.expected_version,
        "decided_on": payload.decided_on,
        "reference": payload.reference,
        "general_assessment": payload.general_assessment,
        "remarks": payload.remarks,
    }
    try:
        if payload.kind == "approve":
            letter = actions.decision_approve(**common)
        else:
            letter = actions.decision_object(
                **common, deficiencies=payload.deficiencies, remedy_deadline=payload.remedy_deadline
            )
    except (actions.ReviewInvalid, IllegalStep) as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _letter_out(letter))


@router.get(
    "/review/agreements/{key}/letters/{letter_id}.{fmt}",
    url_name="review_letter_file",
    response={200: None, 403: ErrorOut, 404: ErrorOut},
    summary="Et udstedt brev som PDF (PDF/A-2b) eller DOCX",
    openapi_extra=file_answer("Brevet", CONTENT_TYPES.values()),
)
def letter_file(request: HttpRequest, key: str, letter_id: RecordId, fmt: str) -> HttpResponse:
    row = AgreementRow.objects.filter(key=key).first()
    if row is None:
        raise Http404(f"Ukendt sundhedsaftale '{key}'")
    if not can_view_letters(request.user, row.region_id):
        raise PermissionDenied("Du har ikke adgang til denne aftales breve.")
    if fmt not in CONTENT_TYPES:
        raise Http404(f"Ukendt format '{fmt}' (pdf eller docx)")
    letter = IssuedLetter.objects.select_related("agreement").filter(pk=letter_id, agreement=row).first()
    if letter is None:
        raise Http404(f"Ukendt brev {letter_id}")
    return letter_response(letter, fmt)
