"""Pages of Sundhedsstyrelsen's workspace under ``/sst/`` and the region's read-only view of its decisions.

Thin: parse the form, call one action from :mod:`.actions`, and render or redirect. A refused form re-renders
the case page with the form's errors in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.permissions import (
    can_edit_region,
    can_review,
    can_review_region,
    can_view_letters,
)
from sundhedsaftale.agreements.actions import may_take_step
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.lifecycle import IllegalStep, Stage, Step, agreement_dates, stage_of
from sundhedsaftale.core.rules import finding_as_dict
from sundhedsaftale.documents.wiring import compact_citation
from sundhedsaftale.registry import clock
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.platform import platform
from sundhedsaftale.web.views import evaluation_date

from . import actions
from .forms import (
    DecisionForm,
    FindingReviewForm,
    InformationAnswerForm,
    InformationRequestForm,
    PublishForm,
    ReceiptForm,
)
from .models import IssuedLetter, LetterKind
from .selectors import (
    NotReviewable,
    ReviewState,
    issued_letters,
    latest_submission,
    review_queue,
    review_state,
    reviewed_case_file,
)

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

View = Callable[..., HttpResponse]


def reviewer_required(view: View) -> View:
    """Logged in (else the login page) and a reviewer or administrator (else 403)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_review(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _row(key: str) -> AgreementRow:
    return get_object_or_404(AgreementRow.objects.select_related("region"), key=key)


def _writable_row(request: HttpRequest, key: str) -> AgreementRow:
    """The agreement a reviewer acts on; 403 naming the region's end and successor when its region has ended,
    before any form is read (the record of an ended region is read-only, ADR 0029)."""
    row = _row(key)
    if not can_review_region(request.user, row.region_id):
        clock.refuse_if_region_ended(row.region_id)
        raise PermissionDenied
    return row


def _case_url(key: str, at: dt.date | None = None, anchor: str = "") -> str:
    url = reverse("review:case", args=[key])
    if at is not None and at != clock.today():
        url += f"?dato={at.isoformat()}"
    return url + (f"#{anchor}" if anchor else "")


# ---------------------------------------------------------------------------------------------------------------
# Queue


@reviewer_required
def queue(request: HttpRequest) -> HttpResponse:
    at = evaluation_date(request)
    return render(request, "review/queue.html", {"entries": review_queue(at), "at": at})


# ---------------------------------------------------------------------------------------------------------------
# Case page


def _deficiency_lines(state: ReviewState) -> str:
    """The objection's deficiencies prefilled from what blocks approval, each with its citation."""
    result = []
    for item in state.assessment.blocking:
        citation = compact_citation(item.citations)
        result.append(f"{item.text} (jf. {citation})" if citation else item.text)
    return "\n".join(result)


def _item_rows(state: ReviewState, items: Any, bound: dict[str, FindingReviewForm]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        rule_id = item.finding.rule_id
        stored = state.reviews.get(rule_id)
        form = bound.get(rule_id) or FindingReviewForm(
            initial={
                "version": stored.version if stored else 0,
                "verdict": stored.verdict if stored else "accepted",
                "text": stored.text if stored and stored.text else item.finding.explanation,
                "reason": stored.reason if stored else "",
                "on": state.at,
            },
            prefix=f"f-{rule_id}",
        )
        rows.append(
            {
                "item": item,
                "f": finding_as_dict(item.finding),
                "stored": stored,
                "form": form,
                "citation": compact_citation(item.citations),
            }
        )
    return rows


def _render_case(
    request: HttpRequest, row: AgreementRow, at: dt.date, *, status: int | None = None, **bound: Any
) -> HttpResponse:
    """The case page; ``bound`` holds forms to show as submitted (with their errors), by name."""
    case = case_snapshot(row.region_id)
    agreement = case.agreement(row.key)
    if agreement is None:
        raise Http404
    state: ReviewState | None = None
    assessment_error = ""
    try:
        state = review_state(row, at, case=case)
    except NotReviewable:
        assessment_error = _("Aftalen er ikke registreret modtaget; der er intet at vurdere endnu.")
    except CaseError as exc:
        assessment_error = str(exc)
    submission = latest_submission(row)
    waiting = submission is not None and submission.received_on is None
    findings: dict[str, FindingReviewForm] = bound.get("findings", {})
    groups = []
    if state is not None:
        a = state.assessment
        for key, title, items in (
            ("blocking", _("Blokerer godkendelse"), a.blocking),
            ("judgement", _("Kræver faglig vurdering"), a.awaiting_judgement),
            ("advice", _("Rådgivning"), a.advice),
            ("met", _("Opfyldt"), a.met),
            ("overruled", _("Tilsidesat"), a.overruled),
        ):
            groups.append({"key": key, "title": title, "rows": _item_rows(state, items, findings)})
    letters = list(issued_letters(row))
    # A region that has ended is read-only for the reviewers too: its case is shown without forms (ADR 0052).
    writable = can_review_region(request.user, row.region_id)
    publish_forms = {
        letter.pk: bound.get("publish")
        if bound.get("publish_id") == letter.pk
        else PublishForm(initial={"version": row.version, "published_on": at})
        for letter in letters
        if writable and letter.kind == LetterKind.APPROVAL and letter.published_on is None
    }
    stage = stage_of(agreement, case, at)
    # Decided means decided in the records, also when the page looks back to a date before the decision.
    stage_now = stage_of(agreement, case, max(at, clock.today()))
    context = {
        "row": row,
        "case": case,
        "agreement": agreement,
        "at": at,
        "stage": stage,
        "writable": writable,
        # Questions and a decision belong to a received submission not yet decided (§ 21, stk. 2; afsnit 5.2):
        # a decided case shows its decision instead of forms that the lifecycle would refuse.
        "decidable": stage_now is Stage.UNDER_REVIEW,
        "stage_now": stage_now,
        "dates": agreement_dates(platform(), case, agreement, at),
        "submission": submission,
        "state": state,
        "assessment_error": assessment_error,
        "groups": groups,
        "requests": agreement.information_requests,
        "open_request": next((r for r in agreement.information_requests if r.answered_on is None), None),
        "receipt_form": bound.get("receipt")
        or (
            ReceiptForm(initial={"version": row.version, "received_on": at}) if waiting and writable else None
        ),
        "request_form": bound.get("question")
        or InformationRequestForm(initial={"version": row.version, "asked_on": at}),
        "answer_form": bound.get("answer")
        or InformationAnswerForm(initial={"version": row.version, "answered_on": at}),
        # No initial decision: the reviewer chooses, and the choice is confirmed on a page of its own.
        "decision_form": bound.get("decision")
        or DecisionForm(
            initial={
                "version": row.version,
                "decided_on": at,
                "deficiencies": _deficiency_lines(state) if state is not None else "",
            }
        ),
        "decisions": row.decisions.order_by("decided_on"),
        "letters": [{"letter": letter, "publish_form": publish_forms.get(letter.pk)} for letter in letters],
    }
    if status is None:
        status = 400 if bound else 200
    return render(request, "review/case.html", context, status=status)


@reviewer_required
def case_page(request: HttpRequest, key: str) -> HttpResponse:
    return _render_case(request, _row(key), evaluation_date(request))


_REFUSALS = (actions.ReviewInvalid, IllegalStep, RecordConflict)


def _act(
    request: HttpRequest, form: Any, act: Callable[[dict[str, Any]], object], done: str, target: str
) -> HttpResponse | None:
    """Run ``act`` on the valid form's data: on success a message and a redirect to ``target``; when the form is
    invalid or the action refuses (the reason is put on the form), ``None``, and the caller shows the form again."""
    if not form.is_valid():
        return None
    try:
        act(form.cleaned_data)
    except _REFUSALS as exc:
        form.add_error(None, str(exc))
        return None
    messages.success(request, done)
    return redirect(target)


@reviewer_required
@require_POST
def receipt(request: HttpRequest, key: str) -> HttpResponse:
    row = _writable_row(request, key)
    form = ReceiptForm(request.POST)
    done = _act(
        request,
        form,
        lambda data: actions.receipt_register(
            actor=request.user,
            agreement_key=key,
            expected_version=data["version"],
            received_on=data["received_on"],
            reference=data["reference"],
        ),
        _("Modtagelsen er registreret, og kvitteringen er udstedt."),
        _case_url(key, anchor="breve"),
    )
    return done or _render_case(request, row, evaluation_date(request), receipt=form)


@reviewer_required
@require_POST
def finding(request: HttpRequest, key: str, rule_id: str) -> HttpResponse:
    row = _writable_row(request, key)
    form = FindingReviewForm(request.POST, prefix=f"f-{rule_id}")
    at = form.cleaned_data["on"] if form.is_valid() else evaluation_date(request)
    done = _act(
        request,
        form,
        lambda data: actions.finding_review(
            actor=request.user,
            agreement_key=key,
            rule_id=rule_id,
            verdict=data["verdict"],
            text=data["text"],
            reason=data["reason"],
            expected_version=data["version"],
            on=at,
        ),
        _("Vurderingen af fundet er gemt."),
        _case_url(key, at, anchor=f"fund-{rule_id}"),
    )
    return done or _render_case(request, row, at, findings={rule_id: form})


@reviewer_required
@require_POST
def information_request(request: HttpRequest, key: str) -> HttpResponse:
    row = _writable_row(request, key)
    form = InformationRequestForm(request.POST)
    done = _act(
        request,
        form,
        lambda data: actions.information_request(
            actor=request.user,
            agreement_key=key,
            expected_version=data["version"],
            asked_on=data["asked_on"],
            question=data["question"],
        ),
        _("Spørgsmålet til sundhedssamarbejdsudvalget er registreret."),
        _case_url(key, anchor="spoergsmaal"),
    )
    return done or _render_case(request, row, evaluation_date(request), question=form)


@login_required
@require_POST
def information_answer(request: HttpRequest, key: str) -> HttpResponse:
    """The committee's answer, recorded by the reviewer (from the case page) or the region (its letters page)."""
    row = _row(key)
    if not may_take_step(request.user, row.region_id, Step.ANSWER_INFORMATION):
        clock.refuse_if_region_ended(row.region_id)
        raise PermissionDenied
    reviewer = can_review(request.user)
    form = InformationAnswerForm(request.POST)
    done = _act(
        request,
        form,
        lambda data: actions.information_answer(
            actor=request.user,
            agreement_key=key,
            expected_version=data["version"],
            answered_on=data["answered_on"],
            answer=data["answer"],
        ),
        _("Svaret er registreret."),
        _case_url(key, anchor="spoergsmaal") if reviewer else reverse("review:region_letters", args=[key]),
    )
    if done:
        return done
    if reviewer:
        return _render_case(request, row, evaluation_date(request), answer=form)
    return _render_region(request, row, answer_form=form, status=400)


@reviewer_required
@require_POST
def publish(request: HttpRequest, key: str, letter_id: int) -> HttpResponse:
    row = _writable_row(request, key)
    get_object_or_404(IssuedLetter.objects.only("pk"), pk=letter_id, agreement=row)
    form = PublishForm(request.POST)
    done = _act(
        request,
        form,
        lambda data: actions.letter_publish(
            actor=request.user,
            agreement_key=key,
            expected_version=data["version"],
            letter_id=letter_id,
            published_on=data["published_on"],
            url=data["url"],
        ),
        _("Aftalen og godkendelsesbrevet er registreret som offentliggjort."),
        _case_url(key, anchor="breve"),
    )
    return done or _render_case(request, row, evaluation_date(request), publish=form, publish_id=letter_id)


# ---------------------------------------------------------------------------------------------------------------
# The region's view and the letter files


def _may_see_letters(request: HttpRequest, row: AgreementRow) -> bool:
    return can_view_letters(request.user, row.region_id)


def _render_region(
    request: HttpRequest,
    row: AgreementRow,
    *,
    answer_form: InformationAnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    agreement = case_snapshot(row.region_id).agreement(row.key)
    if agreement is None:
        raise Http404
    open_request = next((r for r in agreement.information_requests if r.answered_on is None), None)
    may_answer = open_request is not None and can_edit_region(request.user, row.region_id)
    context = {
        "row": row,
        "agreement": agreement,
        "decisions": row.decisions.order_by("decided_on"),
        "letters": [{"letter": letter} for letter in issued_letters(row)],
        "requests": agreement.information_requests,
        "answer_form": (
            answer_form
            or InformationAnswerForm(initial={"version": row.version, "answered_on": clock.today()})
        )
        if may_answer
        else None,
    }
    return render(request, "review/region_letters.html", context, status=status)


@login_required
def region_letters(request: HttpRequest, key: str) -> HttpResponse:
    row = _row(key)
    if not _may_see_letters(request, row):
        raise PermissionDenied
    return _render_region(request, row)


@login_required
def letter_file(request: HttpRequest, key: str, letter_id: int, fmt: str) -> HttpResponse:
    row = _row(key)
    if not _may_see_letters(request, row):
        raise PermissionDenied
    if fmt not in CONTENT_TYPES:
        raise Http404
    letter = get_object_or_404(IssuedLetter, pk=letter_id, agreement=row)
    return letter_response(letter, fmt)


def letter_response(letter: IssuedLetter, fmt: str) -> HttpResponse:
    """The stored file as it was issued; shared with the API."""
    body = bytes(letter.pdf if fmt == "pdf" else letter.docx)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = f"{letter.agreement.key}-{letter.kind}-{letter.letter_date.isoformat()}.{fmt}"
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


@reviewer_required
def case_file(request: HttpRequest, key: str) -> HttpResponse:
    """The reviewed case as a case file (JSON), verdicts included, for the command line's ``assess`` and
    ``letter``. Reviewers only."""
    row = _row(key)
    at = evaluation_date(request)
    try:
        state = review_state(row, at)
    except NotReviewable:
        raise Http404 from None
    except CaseError as exc:
        return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
    body = reviewed_case_file(state).model_dump_json(indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key}-vurderet-{at.isoformat()}.json"'
    return response
