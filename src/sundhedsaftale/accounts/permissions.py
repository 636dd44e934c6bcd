"""Who may see and edit what. One place, used by pages and API alike."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from .models import Audience, Role, User

AnyUser = User | AnonymousUser


def can_view_region(user: AnyUser, region_code: str) -> bool:
    """Logged-in users see every region's governance (it is public administration); the public sees law and rules."""
    return bool(user.is_authenticated)


def can_edit_region(user: AnyUser, region_code: str) -> bool:
    """Administrators everywhere; a region's secretariat only in its own region."""
    if not user.is_authenticated or not isinstance(user, User) or not user.is_active:
        return False
    if user.role == Role.ADMINISTRATOR:
        return True
    return user.role == Role.REGION_SECRETARIAT and user.region_code == region_code


def can_edit_cluster(user: AnyUser, region_code: str, cluster_id: str) -> bool:
    """As :func:`can_edit_region`, plus a cluster secretariat for its own cluster."""
    if can_edit_region(user, region_code):
        return True
    return (
        isinstance(user, User)
        and user.is_active
        and user.role == Role.CLUSTER_SECRETARIAT
        and user.region_code == region_code
        and user.cluster_id == cluster_id
    )


def can_view_audit(user: AnyUser, region_code: str | None = None) -> bool:
    if not isinstance(user, User) or not user.is_active:
        return False
    if user.role in (Role.ADMINISTRATOR, Role.REVIEWER):
        return True
    return (
        user.role == Role.REGION_SECRETARIAT and region_code is not None and user.region_code == region_code
    )


def audit_audiences(user: AnyUser, region_code: str | None = None) -> frozenset[Audience]:
    """The audiences of the audit rows of ``region_code`` (``None``: every region) the user may read.

    Administrators read every row. Sundhedsstyrelsen's reviewers read the regions' rows and their own, never a
    person's contact data. A region's secretariat reads its own region's rows, never the reviewers' own. Anyone
    else reads none.
    """
    if not can_view_audit(user, region_code):
        return frozenset()
    assert isinstance(user, User)
    if user.role == Role.ADMINISTRATOR:
        return frozenset(Audience)
    if user.role == Role.REVIEWER:
        return frozenset({Audience.REGION, Audience.AUTHORITY})
    return frozenset({Audience.REGION, Audience.SECRETARIAT})


def editable_region_codes(user: AnyUser, all_codes: list[str]) -> list[str]:
    return [code for code in all_codes if can_edit_region(user, code)]


def can_review(user: AnyUser) -> bool:
    """Sundhedsstyrelsen's reviewers (and administrators) register, assess and decide on agreements."""
    return isinstance(user, User) and user.is_active and user.role in (Role.REVIEWER, Role.ADMINISTRATOR)
