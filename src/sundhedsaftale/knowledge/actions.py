"""Writing the catalogue's records: marking an initiative for national spread and withdrawing the mark (the
region's secretariat, on behalf of its sundhedssamarbejdsudvalg, § 15, stk. 2, nr. 5), and following an entry.
Each write is audited; a mark is made and withdrawn against the entry's mark state (a stale page is a conflict).
Bad input raises :class:`CatalogueInvalid` naming the field, and nothing is saved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import AnyUser, can_edit_region
from sundhedsaftale.agreements.models import HealthAgreement
from sundhedsaftale.core.case import AgreementContent, BodyKind
from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.governance.models import Meeting
from sundhedsaftale.web.uploads import FileKind, UploadRefused, upload_check

from .models import EntryKind, Follow, SpreadMark
from .selectors import NotInCatalogue, mark_in_force, mark_state, parse_entry

# § 15, stk. 2, nr. 5 of bek. nr. 1248/2022, the committee's task the mark records.
SPREAD_WORDS = gettext_lazy(
    "(§ 15, stk. 2, nr. 5: udvalgets opgave er »at drøfte sundhedsklyngernes udviklingstiltag og evt. indstille "
    "veldokumenterede tiltag til udbredelse på tværs af sundhedsklynger eller på nationalt niveau«)"
)
EVIDENCE_KINDS = (FileKind.PDF, FileKind.DOCX)


class CatalogueInvalid(Exception):
    """The input cannot be saved: the field it concerns and why, in Danish."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class MarkInput:
    evidence: str
    meeting_pk: int | None
    document: UploadedFile | None = None


def _entry(entry: str) -> tuple[HealthAgreement, EntryKind, str, str]:
    """The agreement, kind, id and title of an entry in the agreement's newest version."""
    try:
        key, kind, item_id = parse_entry(entry)
    except NotInCatalogue:
        raise CatalogueInvalid("entry", _("Ukendt tiltag '%(entry)s'.") % {"entry": entry}) from None
    agreement = HealthAgreement.objects.filter(key=key).first()
    newest = agreement.versions.order_by("-number").first() if agreement is not None else None
    if agreement is None or newest is None:
        raise CatalogueInvalid("entry", _("Ukendt tiltag '%(entry)s'.") % {"entry": entry})
    content = AgreementContent.model_validate(newest.content or {})
    items = (
        content.collaboration_agreements
        if kind is EntryKind.COLLABORATION_AGREEMENT
        else content.collaboration_models
    )
    found = next((i for i in items if i.id == item_id), None)
    if found is None:
        raise CatalogueInvalid("entry", _("Ukendt tiltag '%(entry)s'.") % {"entry": entry})
    return agreement, kind, item_id, found.title


def _meeting(agreement: HealthAgreement, meeting_pk: int | None, today: dt.date) -> Meeting:
    """A held meeting of the agreement's own region's sundhedssamarbejdsudvalg, as the follow-up checks § 22."""
    meeting = (
        Meeting.objects.select_related("body").filter(pk=meeting_pk).first()
        if meeting_pk is not None
        else None
    )
    if meeting is None:
        raise CatalogueInvalid(
            "meeting", _("Feltet 'møde' mangler: vælg mødet, hvor udvalget besluttede det.")
        )
    body = meeting.body
    if body.region_id != agreement.region_id:
        raise CatalogueInvalid(
            "meeting",
            _(
                "Mødet er et møde i %(body)s i en anden region. Markeringen besluttes af "
                "sundhedssamarbejdsudvalget i tiltagets egen region. %(words)s"
            )
            % {"body": body.name, "words": SPREAD_WORDS},
        )
    if body.kind != BodyKind.COMMITTEE.value:
        raise CatalogueInvalid(
            "meeting",
            _("Mødet er et møde i %(body)s, ikke i sundhedssamarbejdsudvalget, som har opgaven. %(words)s")
            % {"body": body.name, "words": SPREAD_WORDS},
        )
    if meeting.date > today:
        raise CatalogueInvalid(
            "meeting",
            _("Mødet %(day)s er ikke holdt endnu; en markering registreres, når den er besluttet.")
            % {"day": danish_date(meeting.date)},
        )
    return meeting


def spread_mark(
    *,
    actor: AnyUser | None,
    entry: str,
    expected_version: int,
    data: MarkInput,
    on: dt.date,
    system: bool = False,
) -> SpreadMark:
    """Mark the entry for national spread as the committee decided at ``data.meeting_pk``, with its evidence (a
    text, and optionally a PDF or DOCX checked by ``web.uploads``). Only the region's secretariat (``system``: the
    demo's loaders)."""
    with transaction.atomic():
        agreement, kind, item_id, title = _entry(entry)
        if not system and not can_edit_region(actor or AnonymousUser(), agreement.region_id):
            raise PermissionDenied(
                _("Kun regionens sekretariat kan markere et tiltag til national udbredelse.")
            )
        HealthAgreement.objects.select_for_update().filter(pk=agreement.pk).first()
        current = mark_state(agreement, kind, item_id)
        if current != expected_version:
            raise RecordConflict(
                agreement,
                _(
                    "Tiltagets markering er ændret af en anden, efter at du åbnede siden. Intet er gemt; se "
                    "tiltaget igen."
                ),
            )
        if mark_in_force(agreement, kind, item_id) is not None:
            raise CatalogueInvalid("entry", _("Tiltaget er allerede markeret til national udbredelse."))
        evidence = data.evidence.strip()
        if not evidence:
            raise CatalogueInvalid(
                "evidence",
                _("Feltet 'dokumentation' mangler: beskriv, hvad der viser, at tiltaget virker. %(words)s")
                % {"words": SPREAD_WORDS},
            )
        meeting = _meeting(agreement, data.meeting_pk, on)
        checked_name, checked_kind = "", ""
        if data.document is not None:
            try:
                checked = upload_check(data.document, allowed=EVIDENCE_KINDS, field="document")
                checked_name, checked_kind = checked.name, checked.kind.label
            except UploadRefused as exc:
                raise CatalogueInvalid(exc.field, exc.message) from None
        mark = SpreadMark(
            agreement=agreement,
            entry_kind=kind.value,
            item_id=item_id,
            title=title,
            evidence=evidence,
            meeting=meeting,
            marked_on=on,
            marked_by=actor if isinstance(actor, User) else None,
            document_name=checked_name,
        )
        if data.document is not None:
            mark.document.save(checked_name, data.document, save=False)
        try:
            with transaction.atomic():
                mark.save()
        except IntegrityError:
            raise CatalogueInvalid(
                "entry", _("Tiltaget er allerede markeret til national udbredelse.")
            ) from None
        record_change(
            actor=actor,
            action="catalogue_mark",
            object_type="catalogue_entry",
            object_id=entry,
            region_code=agreement.region_id,
            after={
                "title": title,
                "meeting": meeting.key,
                "held_on": meeting.date,
                "evidence": evidence,
                "document": checked_kind,  # the file's type (PDF, DOCX); its name is on the mark
                "marked_on": on,
            },
        )
    return mark


def spread_unmark(
    *, actor: AnyUser | None, entry: str, expected_version: int, reason: str, on: dt.date
) -> SpreadMark:
    """Withdraw the entry's mark (the committee's decision is reversed, or the mark was a mistake); the reason is
    kept. Only the region's secretariat; against the mark state the page showed."""
    with transaction.atomic():
        try:
            key, kind, item_id = parse_entry(entry)
        except NotInCatalogue:
            raise CatalogueInvalid("entry", _("Ukendt tiltag '%(entry)s'.") % {"entry": entry}) from None
        agreement = HealthAgreement.objects.select_for_update().filter(key=key).first()
        if agreement is None:
            raise CatalogueInvalid("entry", _("Ukendt tiltag '%(entry)s'.") % {"entry": entry})
        if not can_edit_region(actor or AnonymousUser(), agreement.region_id):
            raise PermissionDenied(_("Kun regionens sekretariat kan tilbagekalde en markering."))
        if mark_state(agreement, kind, item_id) != expected_version:
            raise RecordConflict(
                agreement,
                _(
                    "Tiltagets markering er ændret af en anden, efter at du åbnede siden. Intet er gemt; se "
                    "tiltaget igen."
                ),
            )
        mark = mark_in_force(agreement, kind, item_id)
        if mark is None:
            raise CatalogueInvalid("entry", _("Tiltaget er ikke markeret til national udbredelse."))
        if not reason.strip():
            raise CatalogueInvalid(
                "reason", _("Feltet 'begrundelse' mangler: skriv, hvorfor markeringen tilbagekaldes.")
            )
        mark.withdrawn_on = on
        mark.withdrawn_by = actor if isinstance(actor, User) else None
        mark.withdrawal_reason = reason.strip()
        mark.version += 1
        mark.save()
        record_change(
            actor=actor,
            action="catalogue_unmark",
            object_type="catalogue_entry",
            object_id=entry,
            region_code=agreement.region_id,
            before={"title": mark.title, "marked_on": mark.marked_on},
            after={"title": mark.title, "withdrawn_on": on},
            reason=mark.withdrawal_reason,
        )
    return mark


def follow(*, actor: User, entry: str, on: dt.date) -> Follow:
    """``actor`` follows the entry from ``on``: told of its changes from then on. Following twice is one follow."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Log ind for at følge et tiltag."))
    agreement, kind, item_id, title = _entry(entry)
    with transaction.atomic():
        row, created = Follow.objects.get_or_create(
            user=actor, agreement=agreement, entry_kind=kind.value, item_id=item_id, defaults={"since": on}
        )
        if created:
            record_change(
                actor=actor,
                action="catalogue_follow",
                object_type="catalogue_entry",
                object_id=entry,
                region_code=actor.region_code or "",
                after={"title": title, "since": on},
            )
    return row


def unfollow(*, actor: User, entry: str) -> bool:
    """Stop following; ``False`` when the actor did not follow the entry."""
    try:
        key, kind, item_id = parse_entry(entry)
    except NotInCatalogue:
        raise CatalogueInvalid("entry", _("Ukendt tiltag '%(entry)s'.") % {"entry": entry}) from None
    with transaction.atomic():
        rows = Follow.objects.filter(user=actor, agreement__key=key, entry_kind=kind.value, item_id=item_id)
        deleted, _rows = rows.delete()
        if deleted:
            record_change(
                actor=actor,
                action="catalogue_unfollow",
                object_type="catalogue_entry",
                object_id=entry,
                region_code=actor.region_code or "",
                before={"title": item_id},
            )
    return bool(deleted)
