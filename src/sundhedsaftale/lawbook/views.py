"""Law pages: sources, a provision by citation, the rules in force on a date, the recorded legal changes and the
regime on a date."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sundhedsaftale.accounts.permissions import can_verify_law_change
from sundhedsaftale.core.errors import CitationError
from sundhedsaftale.core.law import ACCEPTED_FORMS
from sundhedsaftale.web.platform import platform
from sundhedsaftale.web.views import evaluation_date

from .actions import (
    ChangeVerificationRefused,
    VerificationInput,
    change_verification_withdraw,
    change_verify,
)
from .forms import ChangeVerifyForm, ChangeWithdrawForm
from .selectors import (
    change_verifications,
    changes_reaching,
    defects_naming,
    defects_within,
    reference_defects,
    reference_figures,
    regime,
    rules_citing,
    rules_on,
    source_list,
    source_references,
    unit_outline,
    withdrawn_verifications,
)


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "lawbook/index.html", {"sources": source_list(), "accepted_forms": ACCEPTED_FORMS})


def source(request: HttpRequest, source_id: str) -> HttpResponse:
    corpus = platform().corpus
    try:
        found = corpus.source(source_id)
    except CitationError as exc:
        raise Http404(str(exc)) from None
    outline = unit_outline(source_id) if found.has_text else []
    return render(
        request,
        "lawbook/source.html",
        {
            "source": found,
            "outline": outline,
            "figures": reference_figures(source_id) if found.has_text else None,
        },
    )


def references(request: HttpRequest, source_id: str) -> HttpResponse:
    """Every defective cross-reference of one source, with the figures of the check and all references."""
    corpus = platform().corpus
    try:
        found = corpus.source(source_id)
    except CitationError as exc:
        raise Http404(str(exc)) from None
    if not found.has_text:
        raise Http404(_("%(source)s er registreret uden tekst.") % {"source": found.short})
    return render(
        request,
        "lawbook/references.html",
        {
            "source": found,
            "defects": reference_defects(source_id),
            "figures": reference_figures(source_id),
            "references": source_references(source_id),
        },
    )


def unit(request: HttpRequest, source_id: str, unit_id: str) -> HttpResponse:
    corpus = platform().corpus
    try:
        found = corpus.resolve(f"{source_id}/{unit_id}")
    except CitationError as exc:
        raise Http404(str(exc)) from None
    return render(
        request,
        "lawbook/unit.html",
        {
            "unit": found,
            "source": corpus.source(source_id),
            "text": corpus.full_text(found),
            "children": corpus.children(found),
            "parent": corpus.resolve(f"{source_id}/{found.parent_id}") if found.parent_id else None,
            "rules": rules_citing(found),
            "defects": defects_within(found),
            "named_by_defects": defects_naming(found),
            "legal_changes": changes_reaching(found),
        },
    )


def lookup(request: HttpRequest) -> HttpResponse:
    reference = request.GET.get("henvisning", "").strip()
    error = ""
    if reference:
        try:
            found = platform().corpus.resolve(reference)
        except CitationError as exc:
            error = str(exc)
        else:
            return redirect("lawbook:unit", source_id=found.source_id, unit_id=found.id)
    else:
        error = _("Skriv en henvisning.")
    response = render(
        request,
        "lawbook/index.html",
        {
            "sources": source_list(),
            "accepted_forms": ACCEPTED_FORMS,
            "lookup_error": error,
            "reference": reference,
        },
    )
    response.status_code = 400
    return response


def rules(request: HttpRequest) -> HttpResponse:
    at = evaluation_date(request)
    listed = rules_on(at)
    return render(
        request,
        "lawbook/rules.html",
        {
            "rules": [(r, end) for r, end in listed if end is None or end.state.value != "ended"],
            "ended": [(r, end) for r, end in listed if end is not None and end.state.value == "ended"],
            "at": at,
        },
    )


def changes(request: HttpRequest, form: ChangeVerifyForm | None = None, status: int = 200) -> HttpResponse:
    """The recorded legal changes with their markers and sources, each one's verification, and the regime on the
    chosen date; administrators verify a change here."""
    at = evaluation_date(request)
    recorded = list(platform().changes)
    verifications = change_verifications()
    withdrawn = withdrawn_verifications()
    response = render(
        request,
        "lawbook/changes.html",
        {
            "changes": [(c, verifications.get(c.id), withdrawn.get(c.id, [])) for c in recorded],
            "sources": platform().corpus.sources,
            "regime": regime(at),
            "at": at,
            "can_verify": can_verify_law_change(request.user),
            "form": form,
        },
    )
    response.status_code = status
    return response


@require_POST
@login_required
def change_verify_view(request: HttpRequest) -> HttpResponse:
    """Record that a legal change is verified (administrators); a bad form changes nothing and says why."""
    if not can_verify_law_change(request.user):
        raise PermissionDenied(_("Kun administratorer kan registrere, at en lovændring er verificeret."))
    form = ChangeVerifyForm(request.POST)
    if not form.is_valid():
        return changes(request, form, status=400)
    data = form.cleaned_data
    try:
        change_verify(
            actor=request.user,
            data=VerificationInput(data["change_id"], data["verified_against"], data["note"]),
        )
    except ChangeVerificationRefused as exc:
        form.add_error(None, str(exc))
        return changes(request, form, status=400)
    messages.success(request, _("Lovændringen er registreret som verificeret."))
    return redirect("lawbook:changes")


@login_required
def change_withdraw_view(request: HttpRequest, change_id: str) -> HttpResponse:
    """Withdraw a verification recorded by mistake (administrators): a page that names what follows and asks
    for the reason, then the withdrawal on its post. Nothing is written without a reason."""
    if not can_verify_law_change(request.user):
        raise PermissionDenied(_("Kun administratorer kan tilbagekalde, at en lovændring er verificeret."))
    change = platform().changes.get(change_id)
    verification = change_verifications().get(change_id)
    if change is None or verification is None:
        raise Http404
    form = ChangeWithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            change_verification_withdraw(
                actor=request.user, change_id=change_id, reason=form.cleaned_data["reason"]
            )
        except ChangeVerificationRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Verifikationen af %(act)s er tilbagekaldt; ophørene vises igen som forventede.")
                % {"act": change.act.short},
            )
            return redirect(reverse("lawbook:changes") + f"#change-{change_id}")
    return render(
        request,
        "lawbook/change_withdraw.html",
        {"change": change, "verification": verification, "form": form},
        status=400 if request.method == "POST" else 200,
    )
