"""Pages: thin adapters that parse the request, call a selector or action, and render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.permissions import (
    can_archive_region,
    can_edit_region,
    can_view_audit,
    can_view_region,
    can_view_transition,
)
from sundhedsaftale.accounts.selectors import audit_entries
from sundhedsaftale.core.case import DecisionMaker
from sundhedsaftale.core.periods import as_date
from sundhedsaftale.governance.actions.decisions import (
    ConflictError,
    DecisionInput,
    DecisionInvalid,
    decision_create,
    decision_update,
)
from sundhedsaftale.governance.finding_filters import plain_summary
from sundhedsaftale.governance.selectors import decision_get, region_bodies, region_decisions
from sundhedsaftale.governance.stored_findings import OPEN, region_findings_plain, stored_findings
from sundhedsaftale.registry import clock
from sundhedsaftale.registry.models import Municipality, Region
from sundhedsaftale.registry.selectors import (
    case_region_codes,
    in_danish_order,
    region_clusters,
    region_councils,
    region_get,
    regions_on,
)

from .audit_sentences import audit_lines
from .forms import DecisionForm
from .harm import announce, change_guarded, confirmed
from .platform import platform
from .presenters import plain_findings_by_subject


def evaluation_date(request: HttpRequest) -> dt.date:
    """``?dato=ÅÅÅÅ-MM-DD`` (or ``?at=``) or the platform's today (``registry.clock``, which tests pin: which
    regions exist depends on it); a malformed date is a 400-style message, not a crash."""
    raw = (request.GET.get("dato", "") or request.GET.get("at", "")).strip()
    if not raw:
        return clock.today()
    try:
        return as_date(raw)
    except ValueError:
        messages.error(
            request, _("'%(raw)s' er ikke en dato på formen ÅÅÅÅ-MM-DD; viser i dag.") % {"raw": raw}
        )
        return clock.today()


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"regions": regions_on(clock.today())})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The regions that exist on the chosen date (``?at=`` or ``?dato=``): five before 1 January 2027, four from
    then. A region of the 2027 structure has no case under bek. nr. 1248/2022, so no findings (ADR 0029)."""
    at = evaluation_date(request)
    rows: list[dict[str, Any]] = []
    regions = list(regions_on(at))
    holding_a_case = set(case_region_codes())
    with_case = [r.code for r in regions if r.code in holding_a_case]
    # Read from the findings stored per change of each region's record (ADR 0032), not evaluated per view.
    stored = stored_findings(with_case, [at], parts=("findings",))
    for region in regions:
        row = stored.get((region.code, at))
        rows.append(
            {
                "region": region,
                "summary": plain_summary(row.findings) if row is not None else None,
                "can_edit": can_edit_region(request.user, region.code),
                "own": getattr(request.user, "region_code", "") == region.code,
            }
        )
    rows.sort(key=lambda r: (not r["own"], r["region"].code))
    return render(request, "web/dashboard.html", {"rows": rows, "at": at})


def _region_or_404(code: str) -> Region:
    region = region_get(code)
    if region is None:
        raise Http404(_("Ukendt region"))
    return region


@login_required
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = _region_or_404(code)
    if not can_view_region(request.user, code):
        raise PermissionDenied
    at = evaluation_date(request)
    if code not in case_region_codes():
        return _new_region_detail(request, region, at)
    findings = region_findings_plain(code, at)
    # Only what needs action unless every finding is asked for (?alle=1); the counts are of every finding.
    show_all = request.GET.get("alle") == "1"
    shown = findings if show_all else [f for f in findings if f["status"] in OPEN]
    return render(
        request,
        "web/region.html",
        {
            "region": region,
            "at": at,
            "summary": {
                "requirements_broken": sum(
                    1 for f in findings if f["status"] == "not_met" and f["kind"] == "krav"
                ),
                "total": len(findings),
                "needs_action": sum(1 for f in findings if f["status"] in OPEN),
            },
            "show_all": show_all,
            "groups": plain_findings_by_subject(shown),
            "clusters": [(c, in_danish_order(c.municipalities.all())) for c in region_clusters(code)],
            "bodies": region_bodies(code),
            "decisions": region_decisions(code),
            "subject_names": _subject_names(code),
            "can_edit": can_edit_region(request.user, code),
            "can_archive": can_archive_region(request.user, code),
            "successor": region.successor,
            "can_transition": can_view_transition(request.user, code),
        },
    )


def _subject_names(code: str) -> dict[str, str]:
    """What a local decision can be about, by key: the region's bodies, clusters and municipalities."""
    names = {b.key: b.name for b in region_bodies(code)}
    for cluster, municipalities in ((c, c.municipalities.all()) for c in region_clusters(code)):
        names[cluster.id] = cluster.name
        names.update({m.code: m.name for m in municipalities})
    return names


def _new_region_detail(request: HttpRequest, region: Region, at: dt.date) -> HttpResponse:
    """A region of the 2027 structure (Region Østdanmark): validity, predecessors, municipalities, sundhedsråd."""
    reference = platform().reference
    known = reference.regions[region.code]
    return render(
        request,
        "web/region_new.html",
        {
            "region": region,
            "known": known,
            "at": at,
            "exists": known.exists_on(at),
            "predecessors": reference.predecessors_of(region.code),
            "municipalities": in_danish_order(
                Municipality.objects.filter(
                    code__in=[m.code for m in reference.municipalities_of_region_on(region.code)]
                )
            ),
            "councils": [(c, in_danish_order(c.municipalities.all())) for c in region_councils(region.code)],
        },
    )


def _decision_input(form: DecisionForm) -> DecisionInput:
    data = form.cleaned_data
    return DecisionInput(
        parameter=data["parameter"],
        subject_id=data["subject_id"],
        value=data["value"],
        decided_by=data["decided_by"],
        decision_maker=DecisionMaker(data["decision_maker"]),
        decided_on=data["decided_on"],
        reference=data["reference"],
        valid_until=data["valid_until"],
        note=data["note"],
    )


@login_required
def decision_new(request: HttpRequest, code: str) -> HttpResponse:
    region = _region_or_404(code)
    if not can_edit_region(request.user, code):
        raise PermissionDenied(_("Du kan kun registrere beslutninger i din egen region."))
    form = DecisionForm(request.POST or None)
    breaches: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = change_guarded(
                region_code=code,
                change=lambda: decision_create(
                    actor=request.user, region_code=code, data=_decision_input(form)
                ),
                confirmed=confirmed(request),
            )
        except DecisionInvalid as exc:
            form.add_error(None, str(exc))
        else:
            if outcome.saved:
                announce(request, outcome, _("Beslutningen er registreret."))
                return redirect("web:region", code=code)
            breaches = outcome.breaches
    return render(
        request,
        "web/decision_form.html",
        {"form": form, "region": region, "decision": None, "breaches": breaches},
    )


@login_required
def decision_edit(request: HttpRequest, code: str, key: str) -> HttpResponse:
    region = _region_or_404(code)
    decision = decision_get(code, key)
    if decision is None:
        raise Http404(_("Ukendt beslutning"))
    if not can_edit_region(request.user, code):
        raise PermissionDenied(_("Du kan kun redigere beslutninger i din egen region."))
    initial = {**decision.as_dict(), "value": _as_text(decision.value)}
    form = DecisionForm(request.POST or None, initial=initial)
    breaches: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = change_guarded(
                region_code=code,
                change=lambda: decision_update(
                    actor=request.user,
                    region_code=code,
                    decision_key=key,
                    expected_version=form.cleaned_data["version"] or 0,
                    data=_decision_input(form),
                ),
                confirmed=confirmed(request),
            )
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except DecisionInvalid as exc:
            form.add_error(None, str(exc))
        else:
            if outcome.saved:
                announce(request, outcome, _("Beslutningen er gemt."))
                return redirect("web:region", code=code)
            breaches = outcome.breaches
    return render(
        request,
        "web/decision_form.html",
        {"form": form, "region": region, "decision": decision, "breaches": breaches},
    )


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    return str(value)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    region_code = request.GET.get("region") or getattr(request.user, "region_code", "") or None
    if not can_view_audit(request.user, region_code):
        raise PermissionDenied(_("Du har ikke adgang til revisionssporet."))
    if not request.GET.get("region") and can_view_audit(request.user, None):
        region_code = None  # reviewers and administrators: every region unless one is asked for
    entries = audit_entries(request.user, region_code)
    return render(
        request, "web/audit.html", {"lines": audit_lines(entries[:200]), "region_code": region_code}
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 403 page. It says why only for a write refused because the region has ended, whose words the read-only
    banner shows everyone; another refusal's message may name a body or a person of a region the user cannot
    read, so the page keeps to its general text."""
    refusal = str(exception) if isinstance(exception, clock.EndedRegionRefused) else ""
    return render(request, "403.html", {"refusal": refusal}, status=403)
