"""Writing the one law record kept in the database: an administrator's verification of a legal change, and its
withdrawal when it was recorded by mistake."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import Audience, User
from sundhedsaftale.accounts.permissions import can_verify_law_change
from sundhedsaftale.web.platform import platform

from .models import LawChangeVerification

__all__ = [
    "ChangeVerificationRefused",
    "VerificationInput",
    "change_verification_withdraw",
    "change_verify",
]

_MAX_SOURCE = 500
_MAX_REASON = 2000


class ChangeVerificationRefused(Exception):
    """The verification was not recorded; the message says why (nothing was written)."""


@dataclass(frozen=True)
class VerificationInput:
    change_id: str
    verified_against: str
    note: str = ""


def change_verify(*, actor: User | AnonymousUser, data: VerificationInput) -> LawChangeVerification:
    """Record that ``data.change_id`` is verified against ``data.verified_against``; audited, administrators only.

    From then on the change's ends apply: rules, obligations and deadlines they reach are "bortfaldet pr. …".
    """
    if not can_verify_law_change(actor):
        raise PermissionError(_("Kun administratorer kan registrere, at en lovændring er verificeret."))
    assert isinstance(actor, User)
    change = platform().changes.get(data.change_id)
    if change is None:
        raise ChangeVerificationRefused(
            _("Lovændringen '%(id)s' er ikke registreret i changes.yaml.") % {"id": data.change_id}
        )
    if not change.needs_verification:
        raise ChangeVerificationRefused(
            _("%(act)s bygger kun på lovtekst [V] og anvendes allerede; der er intet at verificere.")
            % {"act": change.act.short}
        )
    source = data.verified_against.strip()
    if not source:
        raise ChangeVerificationRefused(_("Angiv den kilde, ændringen er kontrolleret mod."))
    if len(source) > _MAX_SOURCE:
        raise ChangeVerificationRefused(_("Kilden må højst være %(n)d tegn.") % {"n": _MAX_SOURCE})
    try:
        with transaction.atomic():
            row = LawChangeVerification.objects.create(
                change_id=change.id, verified_by=actor, verified_against=source, note=data.note.strip()
            )
            record_change(
                actor=actor,
                action="law_change_verify",
                object_type="law_change",
                object_id=change.id,
                after={"change_id": change.id, "verified_against": source, "note": row.note},
                audience=Audience.REGION,
            )
    except IntegrityError:
        raise ChangeVerificationRefused(
            _("%(act)s er allerede registreret som verificeret.") % {"act": change.act.short}
        ) from None
    return row


def change_verification_withdraw(
    *, actor: User | AnonymousUser, change_id: str, reason: str
) -> LawChangeVerification:
    """Withdraw the standing verification of ``change_id``, with the reason; audited, administrators only.

    The row is kept as history, marked withdrawn (who, when, why), so the change may be verified again later.
    From then on the change's ends are expected again, not applied: ``verified_changes()`` no longer names it, and
    the stored findings, whose fingerprint holds the verified changes (ADR 0032), are recomputed on their next
    read, as after a verification.
    """
    if not can_verify_law_change(actor):
        raise PermissionError(_("Kun administratorer kan tilbagekalde, at en lovændring er verificeret."))
    assert isinstance(actor, User)
    why = reason.strip()
    if not why:
        raise ChangeVerificationRefused(_("Angiv, hvorfor verifikationen tilbagekaldes."))
    if len(why) > _MAX_REASON:
        raise ChangeVerificationRefused(_("Begrundelsen må højst være %(n)d tegn.") % {"n": _MAX_REASON})
    with transaction.atomic():
        row = (
            LawChangeVerification.objects.select_for_update()
            .filter(change_id=change_id, withdrawn_at__isnull=True)
            .first()
        )
        if row is None:
            raise ChangeVerificationRefused(
                _("Lovændringen '%(id)s' er ikke registreret som verificeret; der er intet at tilbagekalde.")
                % {"id": change_id}
            )
        row.withdrawn_at = timezone.now()
        row.withdrawn_by = actor
        row.withdrawal_reason = why
        row.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        record_change(
            actor=actor,
            action="law_change_verification_withdraw",
            object_type="law_change",
            object_id=change_id,
            after={
                "change_id": change_id,
                "verified_against": row.verified_against,
                "verified_by": row.verified_by.get_full_name() or row.verified_by.username,
                "verified_on": timezone.localdate(row.verified_at),
                "note": row.note,
            },
            reason=why,
            audience=Audience.REGION,
        )
    return row
