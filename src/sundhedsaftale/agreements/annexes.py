"""Annexes ("bilag") to a health agreement: upload (the action) and the annex list of a version (the selectors).

An annex is uploaded to the newest version of the agreement while it is a draft and is part of that version's
list and every later version's: per title, the newest revision uploaded to the version or an earlier one. A new
upload with a title already used is the next revision; the earlier file is kept. Once a version is submitted its
list cannot change (ADR 0016): an upload is refused until a new version of the content is saved. The file is
checked by :mod:`sundhedsaftale.web.uploads` (type by content, size, virus scan) before anything is written.
"""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import can_edit_region
from sundhedsaftale.documents.agreement import UploadedAnnex
from sundhedsaftale.web.uploads import FileKind, Upload, UploadRefused, upload_check

from .actions import Actor, AgreementConflict
from .models import AgreementAnnex, AgreementVersion
from .models import HealthAgreement as AgreementRow

__all__ = [
    "ANNEX_KINDS",
    "annex_add",
    "annex_entries",
    "annex_history",
    "annexes_of",
    "newest_version",
]

ANNEX_KINDS = (FileKind.PDF, FileKind.DOCX, FileKind.XLSX, FileKind.PNG, FileKind.JPEG)
TITLE_MAX = 300


def newest_version(row: AgreementRow) -> AgreementVersion | None:
    return row.versions.order_by("-number").first()


def annexes_of(version: AgreementVersion) -> list[AgreementAnnex]:
    """The version's annex list: per title, the newest revision uploaded to it or to an earlier version."""
    rows = AgreementAnnex.objects.filter(
        agreement_id=version.agreement_id, version__number__lte=version.number
    ).select_related("version", "uploaded_by")
    newest: dict[str, AgreementAnnex] = {}
    for annex in rows.order_by("title", "revision"):
        newest[annex.title] = annex
    return sorted(newest.values(), key=lambda a: a.uploaded_at)


def annex_history(row: AgreementRow) -> list[AgreementAnnex]:
    """Every annex ever uploaded to the agreement, by title and revision (older revisions included)."""
    return list(row.annexes.select_related("version", "uploaded_by").order_by("title", "revision"))


def annex_entries(annexes: list[AgreementAnnex]) -> tuple[UploadedAnnex, ...]:
    """The annexes as the agreement document lists them."""
    return tuple(
        UploadedAnnex(
            title=a.title, revision=a.revision, file_name=a.original_name, kind=a.kind.upper(), size=a.size
        )
        for a in annexes
    )


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def annex_add(
    *, actor: Actor, agreement_key: str, expected_version: int, title: str, upload: Upload
) -> AgreementAnnex:
    """Check the file, then add it as an annex to the newest (draft) version, in one transaction with its audit
    row. Raises ``UploadRefused`` naming the field (nothing saved), ``AgreementConflict`` for a stale
    ``expected_version`` and ``PermissionDenied`` for someone who may not edit the region's agreements."""
    row = AgreementRow.objects.get(key=agreement_key)
    if not can_edit_region(actor, row.region_id):
        raise PermissionDenied(
            _("Du har ikke adgang til at redigere sundhedsaftaler i region %(code)s.")
            % {"code": row.region_id}
        )
    clean_title = " ".join((title or "").split())
    if any(not c.isprintable() for c in clean_title):
        raise UploadRefused("title", _("Titlen må ikke indeholde styretegn."))
    if len(clean_title) > TITLE_MAX:
        raise UploadRefused("title", _("Titlen må højst have %(n)s tegn.") % {"n": TITLE_MAX})
    checked = upload_check(upload, allowed=ANNEX_KINDS, field="file")
    clean_title = clean_title or PurePath(checked.name).stem
    with transaction.atomic():
        row = AgreementRow.objects.select_for_update().get(pk=row.pk)
        if row.version != expected_version:
            raise AgreementConflict(row)
        version = newest_version(row)
        if version is None:
            raise UploadRefused(
                "file", _("Aftalen har intet indhold endnu; gem en version, før du vedhæfter bilag.")
            )
        if version.frozen:
            raise UploadRefused(
                "file",
                _(
                    "Version %(label)s er indsendt og låst, og dens bilag kan ikke ændres. Gem en ny version af "
                    "indholdet, og vedhæft bilaget til den."
                )
                % {"label": version.label or version.number},
            )
        revision = (row.annexes.filter(title=clean_title).aggregate(n=Max("revision"))["n"] or 0) + 1
        annex = AgreementAnnex(
            agreement=row,
            version=version,
            title=clean_title,
            revision=revision,
            original_name="".join(c for c in checked.name if c.isprintable())[:255],
            kind=checked.kind.value,
            size=checked.size,
            uploaded_by=_user(actor),
        )
        annex.file.save(checked.name, upload, save=False)  # type: ignore[arg-type]
        annex.save()
        row.version += 1
        row.save(update_fields=["version"])
        record_change(
            actor=actor,
            action="agreement_annex_add",
            object_type="health_agreement",
            object_id=row.key,
            region_code=row.region_id,
            after={
                "title": annex.title,
                "revision": annex.revision,
                "version": version.number,
                "file": checked.name,
                "kind": checked.kind.value,
                "size": checked.size,
            },
        )
    return annex
