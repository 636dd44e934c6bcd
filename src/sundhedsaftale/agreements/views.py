"""Pages for health agreements: list, the agreement's life and deadlines, steps, versions and their differences,
documents, and each region's obligations calendar. Thin: parse, call a selector or action, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from pydantic import ValidationError

from sundhedsaftale.accounts.permissions import can_edit_region, can_view_region
from sundhedsaftale.core.case import HealthAgreement, RegionCase, validation_messages
from sundhedsaftale.core.lifecycle import (
    IllegalStep,
    Step,
    agreement_dates,
    allowed_steps,
    in_force,
    stage_of,
)
from sundhedsaftale.core.obligations import ObligationStatus, obligations
from sundhedsaftale.hearings.models import RoundState
from sundhedsaftale.hearings.selectors import may_read_round, rounds_on_agreement
from sundhedsaftale.interchange.ical import obligations_calendar
from sundhedsaftale.lawbook.selectors import verified_changes
from sundhedsaftale.registry import clock
from sundhedsaftale.registry.selectors import region_get
from sundhedsaftale.web.cases import case_snapshot, case_snapshots
from sundhedsaftale.web.platform import platform
from sundhedsaftale.web.views import evaluation_date

from . import documents
from .actions import AgreementConflict, AgreementInvalid, agreement_create, may_take_step, step_record
from .annexes import annex_entries, annexes_of, newest_version
from .approvals import missing_names
from .diff import version_diff
from .forms import AgreementCreateForm, StepForm
from .models import HealthAgreement as AgreementRow
from .presenters import lifecycle_steps, next_deadline, timeline
from .steps import MissingOpenRecord, build_record


def _agreement_or_404(request: HttpRequest, key: str) -> tuple[AgreementRow, RegionCase, HealthAgreement]:
    row = get_object_or_404(AgreementRow.objects.select_related("region"), key=key)
    if not can_view_region(request.user, row.region_id):
        raise PermissionDenied
    case = case_snapshot(row.region_id)
    agreement = case.agreement(key)
    if agreement is None:
        raise Http404
    return row, case, agreement


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    at = evaluation_date(request)
    region_code = request.GET.get("region", "")
    cases = case_snapshots([region_code] if region_get(region_code) else None)
    rows: list[dict[str, Any]] = []
    for case in cases.values():
        upcoming = [
            o
            for o in obligations(platform(), case, at, verified=verified_changes())
            if o.subject_kind == "agreement" and o.status.value != "done"
        ]
        for agreement in case.agreements:
            mine = [o for o in upcoming if o.subject_id == agreement.id]
            rows.append(
                {
                    "case": case,
                    "agreement": agreement,
                    "stage": stage_of(agreement, case, at),
                    "in_force": in_force(agreement, case, at),
                    "next": mine[0] if mine else None,
                }
            )
    rows.sort(key=lambda r: (r["case"].region.code, -r["agreement"].election_period_start))
    creatable = [c.region for c in cases.values() if can_edit_region(request.user, c.region.code)]
    return render(request, "agreements/list.html", {"rows": rows, "at": at, "creatable": creatable})


@login_required
def agreement_detail(request: HttpRequest, key: str) -> HttpResponse:
    at = evaluation_date(request)
    row, case, agreement = _agreement_or_404(request, key)
    steps = [
        s
        for s in allowed_steps(platform(), case, agreement, at)
        if may_take_step(request.user, row.region_id, s)
    ]
    duties = obligations(platform(), case, at, agreement_id=agreement.id, verified=verified_changes())
    stage = stage_of(agreement, case, at)
    newest = newest_version(row)
    annexes = annexes_of(newest) if newest is not None else []
    return render(
        request,
        "agreements/detail.html",
        {
            "row": row,
            "case": case,
            "agreement": agreement,
            "at": at,
            "stage": stage,
            "lifecycle": lifecycle_steps(stage),
            "next_deadline": next_deadline(duties),
            "in_force": in_force(agreement, case, at),
            "dates": agreement_dates(platform(), case, agreement, at),
            "steps": steps,
            "obligations": duties,
            "events": timeline(case, agreement),
            "versions": row.versions.select_related("saved_by").order_by("-number"),
            "can_edit": can_edit_region(request.user, row.region_id),
            "document": documents.agreement_blocks(case, agreement, annex_entries(annexes)),
            "annexes": annexes,
            "hearing_rounds": [r for r in rounds_on_agreement(row.key) if may_read_round(request.user, r)],
        },
    )


@login_required
def agreement_new(request: HttpRequest, code: str) -> HttpResponse:
    region = region_get(code)
    if region is None:
        raise Http404
    if not can_edit_region(request.user, code):
        raise PermissionDenied
    form = AgreementCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = agreement_create(
                actor=request.user,
                region_code=code,
                title=form.cleaned_data["title"],
                election_period_start=form.cleaned_data["election_period_start"],
                term_years=form.cleaned_data["term_years"],
            )
        except AgreementInvalid as exc:
            form.add_error("title", str(exc))
        else:
            messages.success(request, _("Sundhedsaftalen er oprettet."))
            return redirect("agreements:detail", row.key)
    return render(request, "agreements/new.html", {"form": form, "region": region})


HEARING_STEPS = (Step.START_HEARING, Step.RECORD_HEARING_ANSWER)


def _hearing_redirect(row: AgreementRow) -> HttpResponse:
    open_round = rounds_on_agreement(row.key).filter(state=RoundState.SENT).first()
    if open_round is not None:
        return redirect("hearings:round", round_id=open_round.pk)
    return redirect(reverse("hearings:new", kwargs={"code": row.region_id}) + f"?aftale={row.key}")


@login_required
def agreement_step(request: HttpRequest, key: str, step: str) -> HttpResponse:
    row, case, agreement = _agreement_or_404(request, key)
    try:
        chosen = Step(step)
    except ValueError:
        raise Http404 from None
    if not may_take_step(request.user, row.region_id, chosen):
        raise PermissionDenied
    if chosen in HEARING_STEPS:
        # The hearing is a round that collects answers (ADR 0036): it is sent and answered on its own pages, and
        # they record these two steps through the lifecycle.
        return _hearing_redirect(row)
    form = StepForm(request.POST or None, step=chosen, case=case, initial={"version": row.version})
    if request.method == "POST" and form.is_valid():
        try:
            record, on = build_record(agreement, chosen, form.record_values())
            step_record(
                actor=request.user,
                agreement_key=key,
                expected_version=form.cleaned_data["version"],
                step=chosen,
                record=record,
                on=on,
            )
        except IllegalStep as exc:
            form.add_error(None, str(exc))
        except MissingOpenRecord:
            form.add_error(None, _("Der er ikke noget åbent at registrere svar eller modtagelse for."))
        except ValidationError as exc:
            for message in validation_messages(exc):
                form.add_error(None, message)
        except AgreementConflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(step)s er registreret.") % {"step": chosen.label})
            return redirect("agreements:detail", key)
    # The submission is checked before it is entered: the page names every council whose approval is missing.
    missing = missing_names(case, agreement, clock.today()) if chosen is Step.SUBMIT else []
    return render(
        request,
        "agreements/step.html",
        {"row": row, "agreement": agreement, "form": form, "step": chosen, "missing_approvals": missing},
    )


@login_required
def agreement_versions(request: HttpRequest, key: str) -> HttpResponse:
    row, _case, agreement = _agreement_or_404(request, key)
    versions = list(row.versions.select_related("saved_by").order_by("-number"))
    numbers = {v.number: v for v in versions}
    diff = None
    before = after = None
    if versions:
        try:
            after = numbers.get(int(request.GET.get("til", versions[0].number)))
            default_from = versions[1].number if len(versions) > 1 else versions[0].number
            before = numbers.get(int(request.GET.get("fra", default_from)))
        except ValueError:
            messages.error(request, _("Vælg to versioner at sammenligne."))
        if before is not None and after is not None:
            diff = version_diff(before.facts(), after.facts(), platform().reference.national_goal_names())
    return render(
        request,
        "agreements/versions.html",
        {
            "row": row,
            "agreement": agreement,
            "versions": versions,
            "before": before,
            "after": after,
            "diff": diff,
        },
    )


@login_required
def agreement_document(request: HttpRequest, key: str, number: int, fmt: str) -> HttpResponse:
    """One version of the agreement as HTML, PDF or DOCX (the newest when ``number`` is 0)."""
    row, case, agreement = _agreement_or_404(request, key)
    versions = row.versions.order_by("-number")
    version = versions.first() if number == 0 else versions.filter(number=number).first()
    if version is None:
        raise Http404
    annexes = annex_entries(annexes_of(version))
    body, content_type = documents.agreement_file(case, version.stated_in(agreement), fmt, annexes)
    response = HttpResponse(body, content_type=content_type)
    filename = f"{row.key}-v{version.number}.{fmt}"
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@login_required
def region_obligations(request: HttpRequest, code: str) -> HttpResponse:
    at = evaluation_date(request)
    region = region_get(code)
    if region is None:
        raise Http404
    case = case_snapshot(code)
    items = obligations(platform(), case, at, verified=verified_changes())
    # The boxes: every duty past its deadline (red) and every duty still due inside its warning window (yellow),
    # never one in both, never one done or ended by a legal change. The table lists the open duties unless every
    # duty is asked for (?alle=1).
    show_all = request.GET.get("alle") == "1"
    open_items = [o for o in items if o.status not in _CLOSED]
    return render(
        request,
        "agreements/obligations.html",
        {
            "region": region,
            "at": at,
            "obligations": items if show_all else open_items,
            "show_all": show_all,
            "counts": {"all": len(items), "open": len(open_items)},
            "overdue": [o for o in items if o.status is ObligationStatus.OVERDUE],
            "warnings": [o for o in items if o.status is ObligationStatus.DUE and o.warning(at)],
        },
    )


# A duty that needs nothing more: done, or ended by a verified legal change before it fell due.
_CLOSED = (ObligationStatus.DONE, ObligationStatus.ENDED)


def region_obligations_ical(request: HttpRequest, code: str) -> HttpResponse:
    """The region's obligations as an iCalendar feed (public: deadlines of public administration)."""
    region = region_get(code)
    if region is None:
        raise Http404
    # The platform's today (registry.clock): the alarms are those of the duties still open on it.
    items = obligations(platform(), case_snapshot(code), clock.today(), verified=verified_changes())
    body = obligations_calendar(items, name=_("Frister for %(region)s") % {"region": region.name})
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="frister-{code}.ics"'
    return response
