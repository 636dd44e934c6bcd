"""The page where the region's secretariat records the councils' approvals of the agreement version (ADR 0033).
Thin: the table comes from :func:`.approvals.approvals_sheet`, the save is :func:`.approvals.council_approvals_record`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sundhedsaftale.accounts.permissions import can_view_region
from sundhedsaftale.core.lifecycle import Step
from sundhedsaftale.web.cases import case_snapshot

from .actions import AgreementConflict, may_take_step
from .approvals import ApprovalEntry, ApprovalsInvalid, approvals_sheet, council_approvals_record
from .forms import ApprovalsForm
from .models import HealthAgreement as AgreementRow


@login_required
def agreement_approvals(request: HttpRequest, key: str) -> HttpResponse:
    row = get_object_or_404(AgreementRow.objects.select_related("region"), key=key)
    if not can_view_region(request.user, row.region_id):
        raise PermissionDenied
    may_record = may_take_step(request.user, row.region_id, Step.RECORD_COUNCIL_APPROVAL)
    if request.method == "POST" and not may_record:
        # Asked before the input is read: a refusal says nothing about the input.
        raise PermissionDenied
    case = case_snapshot(row.region_id)
    if case.agreement(key) is None:
        raise Http404
    sheet = approvals_sheet(row, case)
    missing = [(p.code, p.name) for p in sheet.missing]
    form = ApprovalsForm(request.POST or None, missing=missing, initial={"version": row.version})
    if request.method == "POST" and form.is_valid():
        entries = [
            ApprovalEntry(code, approved_on, reference, document)
            for code, approved_on, reference, document in form.entries()
        ]
        try:
            council_approvals_record(
                actor=request.user,
                agreement_key=key,
                expected_version=form.cleaned_data["version"],
                entries=entries,
            )
        except ApprovalsInvalid as exc:
            for error in exc.errors:
                name = f"{error.field}__{error.party_code}"
                form.add_error(name if name in form.fields else None, error.message)
        except AgreementConflict as exc:
            form.add_error(None, str(exc))
        else:
            count = sum(1 for e in entries if not e.empty)
            messages.success(
                request,
                ngettext(
                    "%(count)s godkendelse er registreret.", "%(count)s godkendelser er registreret.", count
                )
                % {"count": count},
            )
            return redirect("agreements:approvals", key)
    fields = {r["code"]: r for r in form.rows()} if may_record else {}
    table = [{"party": p, "fields": fields.get(p.code)} for p in sheet.parties]
    errors = [*form.non_field_errors()]
    for name, field_errors in form.errors.items():
        if name != "__all__":
            errors.extend(field_errors)
    return render(
        request,
        "agreements/approvals.html",
        {
            "row": row,
            "case": case,
            "sheet": sheet,
            "table": table,
            "form": form,
            "may_record": may_record,
            "errors": errors,
            "heading": _("Intet er gemt"),
        },
    )
