"""Pages for the follow-up on an agreement (ADR 0037). Thin: ask permission, parse, call an action or selector."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.permissions import can_edit_region, can_review_region, can_view_status_report
from sundhedsaftale.agreements.documents import CONTENT_TYPES
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.core.case import BodyKind, StatusReportKind, validation_messages
from sundhedsaftale.core.followup import StatusContent
from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.documents import Document, render_docx, render_html, render_pdf
from sundhedsaftale.documents.status_report import ReportFacts, status_report_document
from sundhedsaftale.governance.models import Meeting
from sundhedsaftale.registry import clock
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.charts import Series, chart_svg, stacked_bars

from .actions import (
    FollowupInvalid,
    ReviewInput,
    status_report_create,
    status_report_publish,
    status_report_receipt,
    status_report_send,
    status_report_update,
    yearly_review_record,
)
from .forms import STATES, DateForm, ReviewForm, content_from_post
from .models import ReportKind, ReportState, StatusReport
from .public import published_report
from .selectors import (
    Deadline,
    progress_series,
    published_reports,
    report_deadlines,
    report_get,
    reports_for,
    reviews_of,
)

app_name = "followup"


def _agreement(key: str) -> AgreementRow:
    return get_object_or_404(AgreementRow.objects.select_related("region"), key=key)


def _report(request: HttpRequest, pk: int) -> StatusReport:
    report = report_get(pk)
    if report is None:
        raise Http404
    if not can_view_status_report(request.user, report.agreement.region_id, report.state):
        raise PermissionDenied
    return report


def _require_edit(request: HttpRequest, region_code: str) -> None:
    if not can_edit_region(request.user, region_code):
        raise PermissionDenied


@login_required
def overview(request: HttpRequest, key: str) -> HttpResponse:
    """The agreement's follow-up: deadlines, yearly reviews with the path of a revision, the reports."""
    row = _agreement(key)
    case = case_snapshot(row.region_id)
    agreement = case.agreement(row.key)
    if agreement is None:
        raise Http404
    today = clock.today()
    deadlines = {
        kind: report_deadlines(case, agreement, kind, today)
        for kind in (StatusReportKind.MIDTERM, StatusReportKind.FINAL)
    }
    return render(
        request,
        "followup/overview.html",
        {
            "row": row,
            "reviews": list(reviews_of(row)),
            "reports": reports_for(request.user, row),
            "midterm_deadlines": deadlines[StatusReportKind.MIDTERM],
            "final_deadlines": deadlines[StatusReportKind.FINAL],
            "may_edit": can_edit_region(request.user, row.region_id),
            "kinds": ReportKind.choices,
        },
    )


def _committee_meetings(row: AgreementRow) -> list[tuple[int, str]]:
    meetings = Meeting.objects.filter(
        body__region_id=row.region_id, body__kind=BodyKind.COMMITTEE.value, date__lte=clock.today()
    ).order_by("-date")
    return [(m.pk, f"{danish_date(m.date)} – {m.title or m.key}") for m in meetings]


@login_required
def review_new(request: HttpRequest, key: str) -> HttpResponse:
    row = _agreement(key)
    _require_edit(request, row.region_id)
    meetings = _committee_meetings(row)
    errors: list[str] = []
    if request.method == "POST":
        form = ReviewForm(request.POST, meetings=meetings)
        if form.is_valid():
            d = form.cleaned_data
            try:
                yearly_review_record(
                    actor=request.user,
                    agreement_key=row.key,
                    expected_version=d["expected_version"],
                    data=ReviewInput(d["year"], d["meeting"], d["revise"], d["reasons"]),
                )
            except FollowupInvalid as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            except RecordConflict as exc:
                errors.append(str(exc))
            else:
                messages.success(request, _("Den årlige gennemgang for %(year)s er registreret.") % d)
                return redirect("followup:overview", key=row.key)
    else:
        form = ReviewForm(
            initial={"expected_version": row.version, "year": clock.today().year}, meetings=meetings
        )
    return render(request, "followup/review_new.html", {"row": row, "form": form, "errors": errors})


@login_required
@require_POST
def report_new(request: HttpRequest, key: str) -> HttpResponse:
    row = _agreement(key)
    _require_edit(request, row.region_id)
    try:
        report = status_report_create(
            actor=request.user, agreement_key=row.key, kind=request.POST.get("kind", "")
        )
    except FollowupInvalid as exc:
        messages.error(request, str(exc))
        return redirect("followup:overview", key=row.key)
    return redirect("followup:report_edit", pk=report.pk)


def _chart(series: Any, n: int) -> Any:
    points = [p for p in series.points if p.percent is not None]
    chart = stacked_bars(
        [danish_date(p.measured_on) for p in points],
        [Series("progress", _("Udvikling mod målet (%)"), "#1a6db5")],
        [{"progress": max(0, round(p.percent))} for p in points],
    )
    return chart_svg(
        chart,
        title=_("Udvikling mod målet: %(criterion)s") % {"criterion": series.criterion},
        description=_("Procent af vejen fra udgangsværdien %(baseline)s til målet %(target)s, pr. måling.")
        % {"baseline": series.baseline, "target": series.target},
        element_id=f"progress-{n}",
    )


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    row = report.agreement
    document, deadlines = _document(report)
    series = progress_series(StatusContent.model_validate(report.content))
    charts = [(s, _chart(s, n) if s.computable else None) for n, s in enumerate(series, start=1)]
    region_edits = can_edit_region(request.user, row.region_id)
    return render(
        request,
        "followup/report.html",
        {
            "row": row,
            "report": report,
            "document": document,
            "deadlines": deadlines,
            "charts": charts,
            "may_send": region_edits and report.state == ReportState.DRAFT,
            "may_correct": region_edits and report.state != ReportState.DRAFT,
            "may_publish": region_edits and report.state == ReportState.RECEIVED,
            "may_receipt": can_review_region(request.user, row.region_id)
            and report.state == ReportState.SENT,
            "date_form": DateForm(initial={"expected_version": report.version, "on": clock.today()}),
        },
    )


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    _require_edit(request, report.agreement.region_id)
    content = StatusContent.model_validate(report.content)
    errors: list[str] = []
    if report.state != ReportState.DRAFT:
        errors.append(
            _("Rapporten er sendt til Sundhedsstyrelsen og kan ikke ændres; opret en rettet version.")
        )
    elif request.method == "POST":
        data, errors = content_from_post(content, request.POST)
        if not errors:
            try:
                expected = int(request.POST.get("expected_version", "0"))
                status_report_update(
                    actor=request.user, report_pk=report.pk, expected_version=expected, content=data
                )
            except (FollowupInvalid, RecordConflict) as exc:
                errors.append(str(exc))
            except ValueError:
                errors.append(_("Versionen mangler; åbn siden igen."))
            else:
                messages.success(request, _("Statusrapporten er gemt."))
                return redirect("followup:report", pk=report.pk)
        try:
            content = StatusContent.model_validate(data)
        except ValidationError as exc:
            errors += validation_messages(exc)
    return render(
        request,
        "followup/report_edit.html",
        {"row": report.agreement, "report": report, "content": content, "states": STATES, "errors": errors},
    )


def _dated(request: HttpRequest, report: StatusReport, act: Any, done: str, **extra: Any) -> HttpResponse:
    form = DateForm(request.POST)
    if not form.is_valid():
        for field, problems in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label if field in form.fields else field}: {problems[0]}"
            )
        return redirect("followup:report", pk=report.pk)
    d = form.cleaned_data
    try:
        act(
            actor=request.user, report_pk=report.pk, expected_version=d["expected_version"], on=d["on"], ref=d
        )
    except (FollowupInvalid, RecordConflict) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("followup:report", pk=report.pk)


@login_required
@require_POST
def report_send(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    _require_edit(request, report.agreement.region_id)

    def act(*, on: Any, ref: Any, **kw: Any) -> None:
        status_report_send(sent_on=on, **kw)

    return _dated(request, report, act, _("Rapporten er sendt til Sundhedsstyrelsen til orientering."))


@login_required
@require_POST
def report_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not can_review_region(request.user, report.agreement.region_id):
        clock.refuse_if_region_ended(report.agreement.region_id)
        raise PermissionDenied

    def act(*, on: Any, ref: Any, **kw: Any) -> None:
        status_report_receipt(received_on=on, reference=ref.get("reference", ""), **kw)

    return _dated(request, report, act, _("Modtagelsen er registreret, og kvitteringen er dannet."))


@login_required
@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    _require_edit(request, report.agreement.region_id)

    def act(*, on: Any, ref: Any, **kw: Any) -> None:
        status_report_publish(published_on=on, **kw)

    return _dated(request, report, act, _("Rapporten er offentliggjort for alle regioner."))


def _document(report: StatusReport) -> tuple[Document, list[Deadline]]:
    row = report.agreement
    case = case_snapshot(row.region_id)
    agreement = case.agreement(row.key)
    assert agreement is not None
    kind = StatusReportKind(report.kind)
    deadlines = report_deadlines(case, agreement, kind, clock.today())
    facts = ReportFacts(
        kind=kind,
        number=report.number,
        sent_on=report.sent_on,
        received_on=report.received_on,
        due=tuple((d.citation, d.day) for d in deadlines),
    )
    return status_report_document(
        case, agreement, facts, StatusContent.model_validate(report.content)
    ), deadlines


@login_required
def report_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return _report_file(_report(request, pk), fmt)


def public_report_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A published report, without login (ADR 0042): any other state is not found, for everyone."""
    report = published_report(pk)
    if report is None:
        raise Http404
    return _report_file(report, fmt)


def _report_file(report: StatusReport, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    document, _deadlines = _document(report)
    body: bytes | str
    if fmt == "html":
        body = render_html(document)
    elif fmt == "pdf":
        body = render_pdf(document)
    else:
        body = render_docx(document)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    if fmt != "html":
        name = f"{report.agreement.key}-{report.kind}-{report.number}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def receipt_letter(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = _report(request, pk)
    stored = {"pdf": report.receipt_pdf, "docx": report.receipt_docx}.get(fmt)
    if stored is None:
        raise Http404
    response = HttpResponse(bytes(stored), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="kvittering-{report.kind}-{report.pk}.{fmt}"'
    return response


@login_required
def published(request: HttpRequest) -> HttpResponse:
    """Every region's published status reports (kapitel 6: shared with the other committees)."""
    return render(request, "followup/published.html", {"reports": list(published_reports())})


urlpatterns = [
    path("statusrapporter/", published, name="published"),
    path("aftaler/<str:key>/opfoelgning/", overview, name="overview"),
    path("aftaler/<str:key>/opfoelgning/gennemgang/ny/", review_new, name="review_new"),
    path("aftaler/<str:key>/opfoelgning/status/ny/", report_new, name="report_new"),
    path("statusrapporter/<int:pk>/", report_detail, name="report"),
    path("statusrapporter/<int:pk>/rediger/", report_edit, name="report_edit"),
    path("statusrapporter/<int:pk>/send/", report_send, name="report_send"),
    path("statusrapporter/<int:pk>/kvittering/", report_receipt, name="report_receipt"),
    path("statusrapporter/<int:pk>/offentliggoer/", report_publish, name="report_publish"),
    path("statusrapporter/<int:pk>/rapport.<str:fmt>", report_document, name="report_document"),
    path("statusrapporter/<int:pk>/kvittering.<str:fmt>", receipt_letter, name="receipt_letter"),
    path("offentlig/rapporter/<int:pk>.<str:fmt>", public_report_document, name="public_report_document"),
]
