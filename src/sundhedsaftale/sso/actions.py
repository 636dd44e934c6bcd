"""Writing sign-in: users created just in time, role and organisation following the identity provider, links.

Every change is one transaction with its audit row. A refused sign-in is audited too (only administrators and
reviewers read rows without a region).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import User

from .mapping import Assignment, Claims, Refusal, RefusalReason
from .models import SamlIdentity

# What the audit row shows of a user: role and place, not contact data.
_AUDITED = ("role", "region_code", "cluster_id", "first_name", "last_name")


class LinkError(ValueError):
    """An identity link that cannot be made; the message says why, in Danish."""


def _state(user: User) -> dict[str, Any]:
    return {name: getattr(user, name) for name in _AUDITED}


def _username(claims: Claims) -> str:
    # Derived from who the identity provider says the person is, so it is stable and never chosen by anyone.
    digest = hashlib.sha256(f"{claims.issuer}\n{claims.subject}".encode()).hexdigest()
    return f"saml-{digest[:16]}"


def _apply(user: User, claims: Claims, assignment: Assignment) -> None:
    user.role = assignment.role
    user.region_code = assignment.region_code
    user.cluster_id = assignment.cluster_id
    user.is_staff = assignment.role == "administrator"
    # Names and e-mail follow the identity provider when it sends them; an empty value keeps what is there.
    user.first_name = claims.first_name[:150] or user.first_name
    user.last_name = claims.last_name[:150] or user.last_name
    user.email = claims.email[:254] or user.email


def saml_sign_in(*, claims: Claims, assignment: Assignment) -> User:
    """The user for a verified, mapped identity: created on first sign-in, updated to the IdP's role and
    organisation on every later one (audited when anything changed). Raises :class:`Refusal` for a user an
    administrator has deactivated here."""
    try:
        return _sign_in(claims, assignment)
    except IntegrityError:
        # Two first sign-ins of the same person at once (two tabs): the other one created the user; use it.
        return _sign_in(claims, assignment)


def _sign_in(claims: Claims, assignment: Assignment) -> User:
    with transaction.atomic():
        identity = (
            SamlIdentity.objects.select_for_update()
            .select_related("user")
            .filter(issuer=claims.issuer, subject=claims.subject)
            .first()
        )
        if identity is None:
            user = User(username=_username(claims))
            _apply(user, claims, assignment)
            user.set_unusable_password()
            user.save()
            identity = SamlIdentity.objects.create(
                user=user, issuer=claims.issuer, subject=claims.subject, organisation=claims.organisation
            )
            record_change(
                actor=user,
                action="user_create",
                object_type="user",
                object_id=user.username,
                region_code=assignment.region_code,
                after={**_state(user), "organisation": claims.organisation},
                reason="Oprettet ved første log ind gennem identitetsudbyderen",
            )
        else:
            user = identity.user
            if not user.is_active:
                raise Refusal(RefusalReason.INACTIVE)
            before = _state(user)
            _apply(user, claims, assignment)
            if _state(user) != before:
                record_change(
                    actor=user,
                    action="user_update",
                    object_type="user",
                    object_id=user.username,
                    region_code=assignment.region_code or before["region_code"],
                    before=before,
                    after={**_state(user), "organisation": claims.organisation},
                    reason="Rolle og organisation fra identitetsudbyderen ved log ind",
                )
            user.save()
        identity.organisation = claims.organisation
        identity.last_sign_in_at = timezone.now()
        identity.save(update_fields=["organisation", "last_sign_in_at"])
    return user


def saml_refusal_record(*, claims: Claims, refusal: Refusal) -> None:
    """Audit a genuine identity that got no access, with what it presented and why it was refused."""
    with transaction.atomic():
        linked = SamlIdentity.objects.select_related("user").filter(
            issuer=claims.issuer, subject=claims.subject
        )
        identity = linked.first()
        record_change(
            actor=identity.user if identity else None,
            action="sign_in_refused",
            object_type="user",
            object_id=(identity.user.username if identity else claims.subject)[:64] or "-",
            # No region: the row is for administrators and reviewers, whatever organisation was claimed.
            region_code="",
            after={**claims.as_audit(), "reason": refusal.reason.value, **refusal.details},
        )


def saml_identity_link(*, user: User, issuer: str, subject: str, actor: User | None = None) -> SamlIdentity:
    """Link an existing local account to an identity, so its next sign-in through the IdP lands on it.

    The local password is removed: from then on the person signs in only through the identity provider, so
    leaving the organisation there ends their access here too.
    """
    issuer, subject = issuer.strip(), subject.strip()
    if not issuer or not subject:
        raise LinkError("Både identitetsudbyder (issuer) og bruger-id (subject) skal angives.")
    with transaction.atomic():
        if SamlIdentity.objects.filter(user=user).exists():
            raise LinkError(f"Brugeren '{user.username}' er allerede knyttet til en identitet.")
        taken = SamlIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
        if taken is not None:
            raise LinkError(
                f"Identiteten '{subject}' er allerede knyttet til brugeren '{taken.user.username}'."
            )
        identity = SamlIdentity.objects.create(user=user, issuer=issuer, subject=subject)
        user.set_unusable_password()
        user.save(update_fields=["password"])
        record_change(
            actor=actor,
            action="sso_link",
            object_type="user",
            object_id=user.username,
            region_code=user.region_code,
            after={"issuer": issuer, "subject": subject},
            reason="Lokal bruger knyttet til identitet hos identitetsudbyderen; adgangskoden er fjernet",
        )
    return identity
