"""Writing bodies: sub-committees and working groups under a cluster level or the committee, and edits of any body.

Cluster levels, the committee and the patient involvement committee are created by the platform (from the
reference data and case files); a secretariat creates only what § 10, stk. 4 and § 16, stk. 4 let the bodies
set up themselves. Each action checks permission, validates, writes in one transaction and records the audit row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import can_edit_cluster, can_edit_region
from sundhedsaftale.core.case import BodyKind

from ..body_selectors import body_cluster_id
from ..models import Body

Actor = User | AnonymousUser

# Bodies a secretariat may set up, and the bodies they may be set up under (§ 10, stk. 4; § 16, stk. 4).
CHILD_KINDS = (BodyKind.SUBCOMMITTEE, BodyKind.WORKING_GROUP)
PARENT_KINDS = (BodyKind.POLITICAL_LEVEL, BodyKind.PROFESSIONAL_LEVEL, BodyKind.COMMITTEE)


class ConflictError(RecordConflict):
    """Someone else saved the record after it was opened; nothing was overwritten (as for decisions)."""

    def __init__(self, current: models.Model, what: str) -> None:
        version = getattr(current, "version", 0)
        super().__init__(
            current,
            _(
                "%(what)s er ændret af en anden (version %(version)s) efter, at du åbnede den. "
                "Intet er overskrevet; åbn den igen og gentag din ændring."
            )
            % {"what": what, "version": version},
        )


class Invalid(Exception):
    """The input does not fit: one or more Danish messages, each naming the field it concerns.

    ``errors`` holds ``(field, message)`` pairs; ``field`` is the input's attribute name (for forms) and the
    message names the field as the person sees it.
    """

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        super().__init__(" ".join(message for _field, message in errors))

    @property
    def fields(self) -> list[str]:
        return [field for field, _message in self.errors]


def can_edit_body(actor: Actor, body: Body) -> bool:
    """A cluster level and what is set up under it: the cluster's secretariat too; everything else: the region."""
    cluster_id = body_cluster_id(body)
    if cluster_id:
        return can_edit_cluster(actor, body.region_id, cluster_id)
    return can_edit_region(actor, body.region_id)


def require_body_edit(actor: Actor, body: Body) -> None:
    if not can_edit_body(actor, body):
        raise PermissionDenied(
            _("Du har ikke adgang til at redigere %(body)s (region %(region)s).")
            % {"body": body.name, "region": body.region_id}
        )


def body_as_dict(body: Body) -> dict[str, Any]:
    return {
        "key": body.key,
        "region": body.region_id,
        "kind": body.kind,
        "name": body.name,
        "cluster": body.cluster_id,
        "parent": body.parent.key if body.parent_id and body.parent else None,
        "patient_committee_invited": body.patient_committee_invited,
        "version": body.version,
    }


@dataclass(frozen=True)
class BodyInput:
    name: str
    patient_committee_invited: bool = False


def _check_name(data: BodyInput) -> list[tuple[str, str]]:
    name = data.name.strip()
    if not name:
        return [("name", _("Navn: skriv organets navn."))]
    if len(name) > 200:
        return [("name", _("Navn: højst 200 tegn (der er %(n)s).") % {"n": len(name)})]
    return []


def body_create(*, actor: Actor, parent_key: str, kind: BodyKind, data: BodyInput) -> Body:
    """Set up a sub-committee or working group under a cluster level or the committee (§ 10, stk. 4; § 16, stk. 4)."""
    with transaction.atomic():
        parent = Body.objects.select_related("parent").get(key=parent_key)
        require_body_edit(actor, parent)
        errors = _check_name(data)
        if kind not in CHILD_KINDS:
            errors.append(("kind", _("Type: der kan kun oprettes underudvalg og arbejdsgrupper.")))
        if BodyKind(parent.kind) not in PARENT_KINDS:
            errors.append(
                (
                    "parent",
                    _(
                        "Organ: underudvalg og arbejdsgrupper nedsættes under et af klyngens niveauer eller "
                        "sundhedssamarbejdsudvalget (§ 10, stk. 4, og § 16, stk. 4), ikke under %(parent)s."
                    )
                    % {"parent": parent.name},
                )
            )
        if errors:
            raise Invalid(errors)
        # At most 64 characters, so the key is the audit row's object id as it is.
        stem = slugify(data.name)[:30].strip("-") or kind.value.replace("_", "-")
        body = Body.objects.create(
            key=f"{parent.key[:24].strip('-')}-{stem}-{uuid.uuid4().hex[:6]}",
            region_id=parent.region_id,
            kind=kind.value,
            name=data.name.strip(),
            parent=parent,
            patient_committee_invited=data.patient_committee_invited,
        )
        record_change(
            actor=actor,
            action="body_create",
            object_type="body",
            object_id=body.key,
            region_code=body.region_id,
            after=body_as_dict(body),
        )
    return body


def body_update(*, actor: Actor, body_key: str, expected_version: int, data: BodyInput) -> Body:
    """Rename a body or record whether the patient involvement committee is invited (§ 30, stk. 3)."""
    with transaction.atomic():
        body = Body.objects.select_for_update().get(key=body_key)
        require_body_edit(actor, body)
        if body.version != expected_version:
            raise ConflictError(body, _("Organet"))
        errors = _check_name(data)
        if errors:
            raise Invalid(errors)
        before = body_as_dict(body)
        body.name = data.name.strip()
        body.patient_committee_invited = data.patient_committee_invited
        body.version = expected_version + 1
        body.save(update_fields=["name", "patient_committee_invited", "version", "updated_at"])
        record_change(
            actor=actor,
            action="body_update",
            object_type="body",
            object_id=body.key[:64],  # the audit log holds 64 characters
            region_code=body.region_id,
            before=before,
            after=body_as_dict(body),
        )
    return body
