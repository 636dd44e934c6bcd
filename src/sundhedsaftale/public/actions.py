"""Publishing a body: the one publication act the portal adds (ADR 0042). Audited, against the body's version."""

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
        if BodyPublication.objects.filter(body=body).exists():
            raise PublicationInvalid(_("Organet er allerede offentliggjort."))
        publication = BodyPublication.objects.create(
            body=body, published_on=on, published_by=actor if isinstance(actor, User) else None
        )
        record_change(
            actor=actor,
            action="body_publish",
            object_type="body",
            object_id=body.key,
            region_code=body.region_id,
            after={"body": body.key, "published_on": on},
        )
    return publication
