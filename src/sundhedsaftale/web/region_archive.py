"""The region's archive as a download (ADR 0028): a thin adapter around :func:`sundhedsaftale.archive.region.region_archive_write`."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sundhedsaftale.accounts.permissions import can_archive_region
from sundhedsaftale.archive.region import region_archive_write
from sundhedsaftale.registry.selectors import region_get

__all__ = ["region_archive"]


@require_GET
@login_required
def region_archive(request: HttpRequest, code: str) -> FileResponse:
    """The archive of region ``code`` as one ZIP, written now from the platform's records and audited."""
    if region_get(code) is None:
        raise Http404(_("Ukendt region"))
    if not can_archive_region(request.user, code):
        raise PermissionDenied(
            _("Kun regionens eget sekretariat og administratorer kan hente regionens arkiv.")
        )
    folder = Path(tempfile.mkdtemp(prefix="regionsarkiv-"))
    try:
        out = folder / f"regionsarkiv-{code}.zip"
        inventory = region_archive_write(code=code, out=out, actor=request.user)
        handle = out.open("rb")
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the open file stays readable until the response closes it
    name = f"regionsarkiv-{code}-{inventory.created_at:%Y%m%dT%H%M%SZ}.zip"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/zip")
