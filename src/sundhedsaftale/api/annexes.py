"""The agreement's annexes: list, upload (multipart) and download. Thin over :mod:`sundhedsaftale.agreements.annexes`;
the file checks are :mod:`sundhedsaftale.web.uploads`, a stale ``expected_version`` is 409 (the API's conflict)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from sundhedsaftale.accounts.permissions import can_edit_region, can_view_region
from sundhedsaftale.agreements.annexes import (
    ANNEX_KINDS,
    annex_add,
    annex_history,
    annexes_of,
    newest_version,
)
from sundhedsaftale.agreements.models import AgreementAnnex
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.web.uploads import FileKind, UploadRefused

from .schemas import ErrorOut, RecordId, file_answer

router = Router(auth=django_auth)


class AnnexOut(Schema):
    id: int
    title: str
    revision: int
    agreement_version: int
    file_name: str
    kind: str
    size: int
    uploaded_at: str
    current: bool  # in the newest version's list (else an earlier revision, kept)
    download: str


class FieldErrorOut(ErrorOut):
    """422: the field that is wrong (``file`` for a refused file); the framework's own answer for input that does
    not fit the schema carries ``errors`` instead."""

    field: str = ""
    errors: list[dict[str, object]] = []


def _row(request: HttpRequest, key: str) -> AgreementRow:
    row = AgreementRow.objects.filter(key=key).first()
    if row is None:
        raise Http404(f"Ukendt sundhedsaftale '{key}'")
    if not can_view_region(request.user, row.region_id):
        raise PermissionDenied
    return row


def _out(row: AgreementRow, annex: AgreementAnnex, current: set[int]) -> dict[str, Any]:
    return {
        "id": annex.pk,
        "title": annex.title,
        "revision": annex.revision,
        "agreement_version": annex.version.number,
        "file_name": annex.original_name,
        "kind": annex.kind,
        "size": annex.size,
        "uploaded_at": annex.uploaded_at.isoformat(),
        "current": annex.pk in current,
        "download": f"/api/v1/agreements/{row.key}/annexes/{annex.pk}/file",
    }


def _current(row: AgreementRow) -> set[int]:
    newest = newest_version(row)
    return {a.pk for a in annexes_of(newest)} if newest is not None else set()


@router.get(
    "/agreements/{key}/annexes",
    response={200: list[AnnexOut], 403: ErrorOut, 404: ErrorOut},
    summary="Aftalens bilag: hver uploadet version, de gældende markeret",
)
def annexes_list(request: HttpRequest, key: str) -> list[dict[str, Any]]:
    row = _row(request, key)
    current = _current(row)
    return [_out(row, a, current) for a in annex_history(row)]


@router.post(
    "/agreements/{key}/annexes",
    response={201: AnnexOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: FieldErrorOut},
    summary="Vedhæft et bilag (PDF, DOCX, XLSX, PNG, JPEG) til den nyeste kladdeversion; samme titel giver en ny version",
)
def annex_post(
    request: HttpRequest,
    key: str,
    file: File[UploadedFile],
    expected_version: Form[RecordId],
    title: Form[str] = "",
) -> Status[Any]:
    row = _row(request, key)
    if not can_edit_region(request.user, row.region_id):
        raise PermissionDenied(
            f"Du har ikke adgang til at redigere sundhedsaftaler i region {row.region_id}."
        )
    try:
        annex = annex_add(
            actor=request.user,
            agreement_key=row.key,
            expected_version=expected_version,
            title=title,
            upload=file,
        )
    except UploadRefused as refused:
        return Status(422, {"detail": refused.message, "field": refused.field})
    return Status(201, _out(row, annex, _current(row)))


@router.get(
    "/agreements/{key}/annexes/{annex_id}/file",
    response={200: None, 403: ErrorOut, 404: ErrorOut},
    summary="Et bilag som uploadet",
    openapi_extra=file_answer("Bilaget", [k.content_type for k in ANNEX_KINDS]),
)
def annex_file(request: HttpRequest, key: str, annex_id: RecordId) -> FileResponse:
    row = _row(request, key)
    annex = AgreementAnnex.objects.filter(agreement=row, pk=annex_id).first()
    name = annex.file.name if annex is not None else None
    if annex is None or not name or not annex.file.storage.exists(name):
        raise Http404("Ukendt bilag")
    return FileResponse(
        annex.file.open("rb"),
        as_attachment=True,
        filename=PurePath(annex.original_name).name,
        content_type=FileKind(annex.kind).content_type,
    )
