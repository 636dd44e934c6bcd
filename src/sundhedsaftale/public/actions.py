"""Publishing a body, and withdrawing that publication: the publication acts the portal adds (ADR 0042, ADR 0048).
Audited, against the body's version."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import AnyUser, can_run_body
from sundhedsaftale.governance.body_selectors import body_cluster_id
from sundhedsaftale.governance.models import Body

from .models import BodyPublication


class PublicationInvalid(Exception):
    """The body cannot be published as asked; the message says why, in Danish."""


def body_publish(
    *, actor: AnyUser | None, body_key: str, expected_version: int, on: dt.date, system: bool = False
) -> BodyPublication:
    """Publish the body from ``on``: its name and kind, its members' names, organisations and roles and its
    meeting dates are public from then on, as they stand (never contact data; agendas only once published, ADR
    0023). Only the body's secretariat publishes (``can_run_body``); the body's ``version`` must be the one the
    secretariat saw. ``system``: the platform's own loaders (demo data)."""
    with transaction.atomic():
        body = Body.objects.select_for_update().filter(key=body_key).first()
        if body is None:
            raise PublicationInvalid(_("Ukendt organ '%(key)s'.") % {"key": body_key})
        if not system and not can_run_body(actor or AnonymousUser(), body.region_id, body_cluster_id(body)):
            raise PermissionDenied(_("Kun organets sekretariat kan offentliggøre organet."))
        if body.version != expected_version:
            raise RecordConflict(
                body,
                _(
                    "Organet er ændret af en anden (version %(version)s), efter at du åbnede siden. Intet er "
                    "offentliggjort; se organet igen, før du offentliggør det."
                )
                % {"version": body.version},
            )
        existing = BodyPublication.objects.filter(body=body).first()
        if existing is not None and existing.in_force:
            raise PublicationInvalid(_("Organet er allerede offentliggjort."))
        user = actor if isinstance(actor, User) else None
        if existing is not None:  # published again after a withdrawal: the audit log keeps the earlier act
            existing.published_on, existing.published_by = on, user
            existing.withdrawn_on, existing.withdrawn_by, existing.withdrawal_reason = None, None, ""
            existing.save()
            publication = existing
        else:
            publication = BodyPublication.objects.create(body=body, published_on=on, published_by=user)
        record_change(
            actor=actor,
            action="body_publish",
            object_type="body",
            object_id=body.key,
            region_code=body.region_id,
            after={"body": body.key, "published_on": on},
        )
    return publication


def body_publication_withdraw(
    *, actor: AnyUser | None, body_key: str, expected_version: int, on: dt.date, reason: str
) -> BodyPublication:
    """Withdraw the body's publication from ``on``: from then on nothing the publication made public (members,
    meeting dates) is in the portal, its JSON or its feed; a published agenda stays public by its own act (ADR
    0023). Only the body's secretariat withdraws; the body's ``version`` must be the one it saw; a reason is
    required, as the audit row and the archive keep it (ADR 0048)."""
    with transaction.atomic():
        body = Body.objects.select_for_update().filter(key=body_key).first()
        if body is None:
            raise PublicationInvalid(_("Ukendt organ '%(key)s'.") % {"key": body_key})
        if not can_run_body(actor or AnonymousUser(), body.region_id, body_cluster_id(body)):
            raise PermissionDenied(_("Kun organets sekretariat kan trække offentliggørelsen tilbage."))
        if body.version != expected_version:
            raise RecordConflict(
                body,
                _(
                    "Organet er ændret af en anden (version %(version)s), efter at du åbnede siden. Intet er "
                    "trukket tilbage; se organet igen, før du trækker offentliggørelsen tilbage."
                )
                % {"version": body.version},
            )
        publication = BodyPublication.objects.in_force().filter(body=body).first()
        if publication is None:
            raise PublicationInvalid(_("Organet er ikke offentliggjort; der er intet at trække tilbage."))
        if not reason.strip():
            raise PublicationInvalid(
                _("Feltet 'begrundelse' mangler: skriv, hvorfor offentliggørelsen trækkes tilbage.")
            )
        publication.withdrawn_on = on
        publication.withdrawn_by = actor if isinstance(actor, User) else None
        publication.withdrawal_reason = reason.strip()
        publication.save()
        record_change(
            actor=actor,
            action="body_publication_withdraw",
            object_type="body",
            object_id=body.key,
            region_code=body.region_id,
            before={"body": body.key, "published_on": publication.published_on},
            after={"body": body.key, "withdrawn_on": on},
            reason=publication.withdrawal_reason,
        )
    return publication
