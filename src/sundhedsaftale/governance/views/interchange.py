"""Pages for interchange: a region's bodies, members, meetings and decisions as XLSX, CSV (ZIP) or JSON, and back.

Thin adapters around :mod:`sundhedsaftale.interchange` (reading and checking a file) and
:func:`sundhedsaftale.web.cases.case_import` (writing, with permission check and audit). An import is shown as a
preview first; the uploaded file waits under ``MEDIA_ROOT/imports`` for the confirmation, named by a random token
that only the uploading user's session knows.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.permissions import AnyUser, can_edit_region, can_view_region
from sundhedsaftale.core.case import RegionCase
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.governance.importing import governance_changed_at, stale_removals
from sundhedsaftale.governance.meeting_selectors import case_seen_by
from sundhedsaftale.governance.models import Body, Person
from sundhedsaftale.interchange import (
    CONTENT_TYPES,
    EXTENSIONS,
    CaseChanges,
    Format,
    InterchangeError,
    Problem,
    RecordDifference,
    compare_cases,
    export_case,
    import_case,
    record_differences,
)
from sundhedsaftale.registry.models import Region
from sundhedsaftale.registry.selectors import region_get
from sundhedsaftale.web.cases import case_import, case_snapshot
from sundhedsaftale.web.platform import platform
from sundhedsaftale.web.words import Names, field_label, field_value, parameter_label, parameter_value

__all__ = [
    "MAX_UPLOAD_BYTES",
    "export_response",
    "read_upload",
    "urlpatterns",
]

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
_SESSION_KEY = "interchange_imports"
_KEEP_SECONDS = 24 * 60 * 60


# --- Services shared with the API -----------------------------------------------------------------------


def export_response(code: str, format: Format, user: AnyUser) -> HttpResponse:
    """The region's current case as ``user`` may see it, as a download in ``format``, with each record's version
    and the time of the latest change ("data pr."), so that importing it back can tell what changed since."""
    data = export_case(case_seen_by(_current(code), user), format)
    names = {
        Format.XLSX: f"sundhedsaftale-{code}",
        Format.CSV: f"sundhedsaftale-{code}-csv",
        Format.JSON: f"sagsfil-{code}",
    }
    response = HttpResponse(data, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{names[format]}{EXTENSIONS[format]}"'
    return response


def _current(code: str) -> RegionCase:
    return case_snapshot(code).model_copy(update={"as_of": governance_changed_at(code)})


def read_upload(code: str, data: bytes, filename: str = "") -> tuple[RegionCase, RegionCase]:
    """``(current, new)``: the region's case now, and with the file applied. Raises :class:`InterchangeError`,
    also when the file would overwrite or remove what changed in the platform after the file was made."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise InterchangeError.single(_("Filen er for stor; den må fylde højst 20 MB."))
    base = _current(code)
    # Body ids are unique across regions in the database, and a person is kept by one region: another
    # region's ids cannot be used here.
    reserved = set(Body.objects.exclude(region_id=code).values_list("key", flat=True))
    people = set(
        Person.objects.exclude(region_id=code).exclude(region__isnull=True).values_list("key", flat=True)
    )
    new = import_case(
        data,
        base=base,
        filename=filename,
        rulebook=platform().rulebook,
        reserved_body_ids=reserved,
        reserved_person_ids=people,
    )
    problems = stale_removals(base, new, compare_cases(base, new))
    if problems:
        raise InterchangeError(problems)
    return base, new


def _fingerprint(case: RegionCase) -> str:
    return hashlib.sha256(case.model_dump_json().encode("utf-8")).hexdigest()


# --- Downloads ----------------------------------------------------------------------------------------------


def _region_or_404(code: str) -> Region:
    region = region_get(code)
    if region is None:
        raise Http404(_("Ukendt region"))
    return region


def _export(format: Format) -> Callable[[HttpRequest, str], HttpResponse]:
    @login_required
    def view(request: HttpRequest, code: str) -> HttpResponse:
        _region_or_404(code)
        if not can_view_region(request.user, code):
            raise PermissionDenied
        return export_response(code, format, request.user)

    view.__name__ = f"export_{format.value}"
    return view


export_xlsx = _export(Format.XLSX)
export_csv = _export(Format.CSV)
export_json = _export(Format.JSON)


# --- Import: upload, preview, confirm -------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil"),
        help_text=gettext_lazy(
            "En Excel-arbejdsbog (.xlsx), et ZIP-arkiv med CSV-filer eller en sagsfil (.json), "
            "eksporteret fra denne region og redigeret."
        ),
    )


def _imports_dir() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _remove_stale(folder: Path) -> None:
    cutoff = time.time() - _KEEP_SECONDS
    for old in folder.glob("*.upload"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass


def _pending(request: HttpRequest) -> dict[str, dict[str, Any]]:
    stored = request.session.get(_SESSION_KEY)
    return stored if isinstance(stored, dict) else {}


def _stash(request: HttpRequest, code: str, data: bytes, filename: str, base: RegionCase) -> str:
    """Keep the file for the confirmation; the token is known only to this user's session."""
    folder = _imports_dir()
    _remove_stale(folder)
    token = secrets.token_urlsafe(24)
    (folder / f"{request.user.pk}-{token}.upload").write_bytes(data)
    pending = _pending(request)
    pending[token] = {
        "region": code,
        "user": request.user.pk,
        "filename": filename,
        "base": _fingerprint(base),
        "at": time.time(),
    }
    request.session[_SESSION_KEY] = pending
    return token


def _claim(request: HttpRequest, code: str, token: str) -> tuple[dict[str, Any], Path] | None:
    entry = _pending(request).get(token)
    if not entry or entry.get("region") != code or entry.get("user") != request.user.pk:
        return None
    stored = _imports_dir() / f"{request.user.pk}-{token}.upload"
    if not stored.is_file():
        return None
    return entry, stored


def _discard(request: HttpRequest, token: str) -> None:
    pending = _pending(request)
    pending.pop(token, None)
    request.session[_SESSION_KEY] = pending
    if request.user.pk is not None and token.replace("-", "").replace("_", "").isalnum():
        (_imports_dir() / f"{request.user.pk}-{token}.upload").unlink(missing_ok=True)


_PARTS = (
    ("bodies", gettext_lazy("Organer")),
    ("memberships", gettext_lazy("Medlemmer")),
    ("meetings", gettext_lazy("Møder")),
    ("decisions", gettext_lazy("Beslutninger")),
)


_SHOW_IDS = 50


def _ids(ids: tuple[str, ...]) -> dict[str, Any]:
    return {"shown": ids[:_SHOW_IDS], "more": max(0, len(ids) - _SHOW_IDS)}


def _change_rows(changes: CaseChanges) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for name, label in _PARTS:
        part = changes.parts()[name]
        rows.append(
            {
                "label": label,
                "changes": part,
                "counts": part.counts(),
                "ids": {
                    "added": _ids(part.added),
                    "changed": _ids(part.changed),
                    "removed": _ids(part.removed),
                },
            }
        )
    return rows


# Fields that name a record by its key, or that the preview shows by the record's name instead.
_KEY_FIELDS = {"person_id", "body_id", "chaired_by", "name"}


def _record_rows(base: RegionCase, new: RegionCase) -> list[dict[str, Any]]:
    """Per part, each record the file adds, changes or removes: its name, and each field as label: before → after."""
    names = Names(
        bodies={b.id: b.name for b in (*base.bodies, *new.bodies)},
        municipalities={m.code: m.name for m in (*base.municipalities, *new.municipalities)},
        clusters={c.id: c.name for c in (*base.clusters, *new.clusters)},
    )
    labels = dict(_PARTS)
    groups: dict[str, list[dict[str, Any]]] = {}
    for d in record_differences(base, new):
        name = parameter_label(d.name) if d.part == "decisions" else d.name
        fields = [
            {
                "label": field_label(f.field),
                "before": "" if d.change == "added" else _shown(f.field, f.before, names, d),
                "after": "" if d.change == "removed" else _shown(f.field, f.after, names, d),
            }
            for f in d.fields
            if f.field not in _KEY_FIELDS or (f.field == "name" and d.change == "changed")
        ]
        groups.setdefault(d.part, []).append({"change": d.change, "id": d.id, "name": name, "fields": fields})
    return [{"label": labels[part], "part": part, "records": rows} for part, rows in groups.items()]


def _shown(field: str, value: object, names: Names, d: RecordDifference) -> str:
    if field == "value" and d.part == "decisions":
        return parameter_value(d.name, value)
    return field_value(field, value, names)


def _render_form(
    request: HttpRequest,
    region: Region,
    form: ImportForm,
    problems: list[Problem] | None = None,
    filename: str = "",
) -> HttpResponse:
    return render(
        request,
        "interchange/import.html",
        {"region": region, "form": form, "problems": problems or [], "filename": filename},
        status=422 if problems else 200,
    )


def _render_preview(
    request: HttpRequest,
    region: Region,
    token: str,
    filename: str,
    changes: CaseChanges,
    new: RegionCase,
    *,
    base: RegionCase,
    changed_since: bool = False,
) -> HttpResponse:
    return render(
        request,
        "interchange/preview.html",
        {
            "region": region,
            "token": token,
            "filename": filename,
            "rows": _change_rows(changes),
            "records": _record_rows(base, new),
            "any_change": changes.any,
            "changed_since": changed_since,
            "totals": {
                "bodies": len(new.bodies),
                "memberships": sum(len(b.memberships) for b in new.bodies),
                "meetings": len(new.meetings),
                "decisions": len(new.decisions),
            },
        },
    )


@login_required
def import_view(request: HttpRequest, code: str) -> HttpResponse:
    region = _region_or_404(code)
    if not can_edit_region(request.user, code):
        raise PermissionDenied(_("Du kan kun importere i din egen region."))
    if request.method != "POST":
        return _render_form(request, region, ImportForm())
    action = request.POST.get("action", "preview")
    token = request.POST.get("token", "")
    if action == "cancel":
        _discard(request, token)
        messages.info(request, _("Importen er annulleret; intet er ændret."))
        return redirect("governance:region_import", code=code)
    if action == "confirm":
        return _confirm(request, region, token)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_form(request, region, form)
    upload = form.cleaned_data["file"]
    filename = str(upload.name or "")
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        problems = [Problem(None, None, None, _("Filen er for stor; den må fylde højst 20 MB."))]
        return _render_form(request, region, ImportForm(), problems, filename)
    data = upload.read()
    try:
        base, new = read_upload(code, data, filename)
    except InterchangeError as exc:
        return _render_form(request, region, ImportForm(), exc.problems, filename)
    token = _stash(request, code, data, filename, base)
    return _render_preview(request, region, token, filename, compare_cases(base, new), new, base=base)


def _confirm(request: HttpRequest, region: Region, token: str) -> HttpResponse:
    code = region.code
    claimed = _claim(request, code, token)
    if claimed is None:
        messages.error(request, _("Forhåndsvisningen findes ikke længere. Upload filen igen."))
        return redirect("governance:region_import", code=code)
    entry, stored = claimed
    filename = str(entry.get("filename", ""))
    data = stored.read_bytes()
    try:
        base, new = read_upload(code, data, filename)
    except InterchangeError as exc:
        _discard(request, token)
        return _render_form(request, region, ImportForm(), exc.problems, filename)
    if _fingerprint(base) != entry.get("base"):
        # Someone changed the region since the preview: show what the file changes now.
        entry["base"] = _fingerprint(base)
        pending = _pending(request)
        pending[token] = entry
        request.session[_SESSION_KEY] = pending
        return _render_preview(
            request, region, token, filename, compare_cases(base, new), new, base=base, changed_since=True
        )
    try:
        changes = case_import(case=new, actor=request.user)
    except InterchangeError as exc:
        _discard(request, token)
        return _render_form(request, region, ImportForm(), exc.problems, filename)
    except (CaseError, RecordConflict) as exc:
        _discard(request, token)
        problems = [Problem(None, None, None, str(exc))]
        return _render_form(request, region, ImportForm(), problems, filename)
    _discard(request, token)
    counts = changes.as_dict()
    messages.success(
        request,
        _(
            "Importen er gennemført: %(added)d tilføjet, %(changed)d ændret og %(removed)d fjernet "
            "(organer, medlemmer, møder og beslutninger)."
        )
        % {
            "added": sum(c["added"] for c in counts.values()),
            "changed": sum(c["changed"] for c in counts.values()),
            "removed": sum(c["removed"] for c in counts.values()),
        },
    )
    return redirect("web:region", code=code)


urlpatterns: list[URLPattern] = [
    path("regioner/<str:code>/eksport.xlsx", export_xlsx, name="region_export_xlsx"),
    path("regioner/<str:code>/eksport.zip", export_csv, name="region_export_csv"),
    path("regioner/<str:code>/sagsfil.json", export_json, name="region_export_json"),
    path("regioner/<str:code>/import/", import_view, name="region_import"),
]
