"""The demo's catalogue (ADR 0048): a few initiatives marked for national spread with their evidence, and a
follower from another region. Through the catalogue's own actions; safe to run again."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from sundhedsaftale.accounts.models import User
from sundhedsaftale.agreements.models import HealthAgreement, VersionState
from sundhedsaftale.core.case import BodyKind
from sundhedsaftale.governance.models import Meeting

from .actions import MarkInput, follow, spread_mark
from .models import EntryKind, SpreadMark
from .selectors import entry_id, mark_state

# (region, section of the agreement's content, which item, the evidence)
_MARKS = (
    (
        "1085",
        "collaboration_agreements",
        0,
        "Genindlæggelser inden for 30 dage faldt i de klynger, der tog aftalen i brug først; "
        "se midtvejsstatus og den vedlagte opgørelse.",
    ),
    (
        "1085",
        "collaboration_models",
        0,
        "Modellen er afprøvet i to sundhedsklynger med færre akutte indlæggelser blandt ældre; "
        "udvalget indstiller den til udbredelse på nationalt niveau.",
    ),
    (
        "1084",
        "collaboration_agreements",
        0,
        "Ensartede forløb på tværs af klyngerne; evalueringen er vedlagt.",
    ),
)
_KINDS = {
    "collaboration_agreements": EntryKind.COLLABORATION_AGREEMENT,
    "collaboration_models": EntryKind.COLLABORATION_MODEL,
}


def _evidence_pdf(text: str) -> bytes:
    """A one-page PDF with one line of text: enough to show an evidence document (the upload checks read it)."""
    stream = f"BT /F1 12 Tf 72 760 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def demo_catalogue_entry(
    region_code: str, section: str = "collaboration_agreements", index: int = 0
) -> str | None:
    """The id of the demo's entry in the region's 2024–2027 agreement (its newest published version)."""
    agreement = HealthAgreement.objects.filter(key=f"{region_code}-sundhedsaftale-2024-2027").first()
    if agreement is None:
        return None
    versions = agreement.versions.order_by("-number")
    version = versions.filter(state=VersionState.PUBLISHED).first() or versions.first()
    items = (version.content or {}).get(section) or [] if version is not None else []
    if len(items) <= index:
        return None
    return entry_id(agreement.key, _KINDS[section].value, str(items[index]["id"]))


def catalogue_demo_load(today: dt.date) -> None:
    for region, section, index, evidence in _MARKS:
        entry = demo_catalogue_entry(region, section, index)
        if entry is None:
            continue
        key, kind, item_id = entry.split("~", 2)
        if SpreadMark.objects.filter(agreement__key=key, entry_kind=kind, item_id=item_id).exists():
            continue
        meeting = (
            Meeting.objects.filter(
                body__region_id=region, body__kind=BodyKind.COMMITTEE.value, date__lte=today
            )
            .order_by("-date")
            .first()
        )
        if meeting is None:
            continue
        agreement = HealthAgreement.objects.get(key=key)
        spread_mark(
            actor=None,
            entry=entry,
            expected_version=mark_state(agreement, kind, item_id),
            data=MarkInput(
                evidence=evidence,
                meeting_pk=meeting.pk,
                document=SimpleUploadedFile(
                    "dokumentation.pdf",
                    _evidence_pdf("Dokumentation for tiltaget"),
                    content_type="application/pdf",
                ),
            ),
            on=min(today, meeting.date + dt.timedelta(days=1)),
            system=True,
        )
    # Region Hovedstaden's secretariat follows Region Sjælland's marked collaboration agreement.
    follower = User.objects.filter(username="hovedstaden").first()
    entry = demo_catalogue_entry("1085")
    if follower is not None and entry is not None:
        follow(actor=follower, entry=entry, on=today)
