"""Law pages: sources, a provision by citation, the rules in force on a date."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sundhedsaftale.core.errors import CitationError
from sundhedsaftale.core.law import ACCEPTED_FORMS
from sundhedsaftale.web.platform import platform
from sundhedsaftale.web.views import evaluation_date

from .selectors import (
    defects_naming,
    defects_within,
    reference_defects,
    reference_figures,
    rules_citing,
    rules_in_force,
    source_list,
    source_references,
    unit_outline,
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
    return render(request, "lawbook/rules.html", {"rules": rules_in_force(at), "at": at})
