"""Writing the one law record kept in the database: an administrator's verification of a legal change."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import Audience, User
from sundhedsaftale.accounts.permissions import can_verify_law_change
from sundhedsaftale.web.platform import platform

from .models import LawChangeVerification

__all__ = ["ChangeVerificationRefused", "VerificationInput", "change_verify"]

_MAX_SOURCE = 500


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
