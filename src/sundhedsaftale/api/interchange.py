"""Export and import of a region's bodies, members, meetings and decisions: login required.

GET ``/regions/{code}/export?format=xlsx|csv|json`` downloads the file. POST ``/regions/{code}/import`` takes a
multipart ``file`` (XLSX, CSV in a ZIP, or a case file) and, unless ``dry_run``, replaces the region's
governance with it: 200 with the changes counted, 403 without the right to edit the region, 422 with every
problem (sheet, row, column, message) when the file has any; nothing is imported then.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from sundhedsaftale.accounts.permissions import can_edit_region, can_view_region
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.governance.views.interchange import export_response, read_upload
from sundhedsaftale.interchange import CONTENT_TYPES, Format, InterchangeError, compare_cases
from sundhedsaftale.registry.selectors import region_get
from sundhedsaftale.web.cases import case_import

from .schemas import ErrorOut

router = Router(auth=django_auth)


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"
    json = "json"


class ProblemOut(Schema):
    sheet: str | None
    row: int | None
    column: str | None
    message: str


class ProblemsOut(Schema):
    detail: str
    problems: list[ProblemOut] = Field(
        default_factory=list,
        description="Hver fejl i filen; tom, når selve forespørgslen er ugyldig (se 'detail' og 'errors')",
    )


class ChangeCountsOut(Schema):
    added: int
    changed: int
    removed: int
    unchanged: int


class ChangesOut(Schema):
    bodies: ChangeCountsOut
    memberships: ChangeCountsOut
    meetings: ChangeCountsOut
    decisions: ChangeCountsOut


class ImportOut(Schema):
    region_code: str
    dry_run: bool
    imported: bool
    changes: ChangesOut


def _region(request: HttpRequest, code: str) -> None:
    if region_get(code) is None:
        raise Http404(f"Ukendt region '{code}'")
    if not can_view_region(request.user, code):
        raise PermissionDenied("Ingen adgang til regionen")


@router.get(
    "/regions/{code}/export",
    response={200: None, 403: ErrorOut, 404: ErrorOut},
    summary="Regionens organer, medlemmer, møder og beslutninger som XLSX, CSV (ZIP) eller sagsfil (JSON)",
    openapi_extra={
        "responses": {
            200: {
                "description": "Filen",
                "content": {
                    CONTENT_TYPES[Format.XLSX]: {"schema": {"type": "string", "format": "binary"}},
                    CONTENT_TYPES[Format.CSV]: {"schema": {"type": "string", "format": "binary"}},
                    CONTENT_TYPES[Format.JSON]: {"schema": {"type": "object"}},
                },
            }
        }
    },
)
def export(request: HttpRequest, code: str, format: ExportFormat = ExportFormat.xlsx) -> HttpResponse:
    _region(request, code)
    return export_response(code, Format(format.value), request.user)


@router.post(
    "/regions/{code}/import",
    response={200: ImportOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ProblemsOut},
    summary="Importér en redigeret fil; dry_run viser ændringerne uden at gemme",
)
def import_file(
    request: HttpRequest,
    code: str,
    file: File[UploadedFile],
    dry_run: Form[bool] = False,
) -> Status[Any]:
    _region(request, code)
    if not can_edit_region(request.user, code):
        raise PermissionDenied(f"Du har ikke adgang til at importere i region {code}.")
    try:
        base, new = read_upload(code, file.read(), file.name or "")
    except InterchangeError as exc:
        count = len(exc.problems)
        return Status(
            422,
            {
                "detail": f"Filen blev ikke importeret: {count} fejl. Intet er ændret.",
                "problems": [p.as_dict() for p in exc.problems],
            },
        )
    changes = compare_cases(base, new)
    if not dry_run:
        try:
            changes = case_import(case=new, actor=request.user)
        except InterchangeError as exc:
            return Status(
                422,
                {
                    "detail": f"Filen blev ikke importeret: {len(exc.problems)} fejl. Intet er ændret.",
                    "problems": [p.as_dict() for p in exc.problems],
                },
            )
        except CaseError as exc:
            return Status(
                422,
                {
                    "detail": "Filen blev ikke importeret. Intet er ændret.",
                    "problems": [{"sheet": None, "row": None, "column": None, "message": str(exc)}],
                },
            )
    return Status(
        200,
        {"region_code": code, "dry_run": dry_run, "imported": not dry_run, "changes": changes.as_dict()},
    )
