"""The agreement's annexes: the list with the upload form, and the download. Thin: the checks and the write are
:func:`.annexes.annex_add`; who may read is who may read the agreement (``can_view_region``)."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.permissions import can_edit_region, can_view_region
from sundhedsaftale.web.uploads import (
    FileKind,
    UploadRefused,
    accept_attribute,
    allowed_labels,
    upload_max_bytes,
)

from .actions import AgreementConflict
from .annexes import ANNEX_KINDS, annex_add, annex_history, annexes_of, newest_version
from .forms import AnnexForm
from .models import AgreementAnnex
from .models import HealthAgreement as AgreementRow


def _row(request: HttpRequest, key: str) -> AgreementRow:
    row = get_object_or_404(AgreementRow.objects.select_related("region"), key=key)
    if not can_view_region(request.user, row.region_id):
        raise PermissionDenied
    return row


@login_required
def agreement_annexes(request: HttpRequest, key: str) -> HttpResponse:
    row = _row(request, key)
    may_upload = can_edit_region(request.user, row.region_id)
    if request.method == "POST" and not may_upload:
        raise PermissionDenied
    newest = newest_version(row)
    form = AnnexForm(
        request.POST or None,
        request.FILES or None,
        accept=accept_attribute(ANNEX_KINDS),
        initial={"version": row.version},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                annex = annex_add(
                    actor=request.user,
                    agreement_key=row.key,
                    expected_version=form.cleaned_data["version"],
                    title=form.cleaned_data["title"],
                    upload=form.cleaned_data["file"],
                )
            except UploadRefused as refused:
                form.add_error(refused.field if refused.field in form.fields else None, refused.message)
            except AgreementConflict as conflict:
                form.add_error(None, str(conflict))
                status = 409
            else:
                messages.success(
                    request,
                    _("Bilaget '%(title)s' er vedhæftet som version %(revision)s.")
                    % {"title": annex.title, "revision": annex.revision},
                )
                return redirect("agreements:annexes", key=row.key)
    return render(
        request,
        "agreements/annexes.html",
        {
            "row": row,
            "newest": newest,
            "annexes": annexes_of(newest) if newest is not None else [],
            "history": annex_history(row),
            "form": form if may_upload and newest is not None and not newest.frozen else None,
            "frozen": newest is not None and newest.frozen,
            "may_upload": may_upload,
            "types": allowed_labels(ANNEX_KINDS),
            "limit_mb": f"{upload_max_bytes() / (1024 * 1024):.0f}",
        },
        status=status,
    )


@login_required
def annex_download(request: HttpRequest, key: str, annex_pk: int) -> FileResponse:
    """The annex file as it was uploaded, for whoever may read the agreement."""
    row = _row(request, key)
    annex = AgreementAnnex.objects.filter(agreement=row, pk=annex_pk).first()
    name = annex.file.name if annex is not None else None
    if annex is None or not name or not annex.file.storage.exists(name):
        raise Http404(_("Ukendt bilag"))
    return FileResponse(
        annex.file.open("rb"),
        as_attachment=True,
        filename=PurePath(annex.original_name).name,
        content_type=FileKind(annex.kind).content_type,
    )
