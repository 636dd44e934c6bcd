"""Who may see and edit what. One place, used by pages and API alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.contrib.auth.models import AnonymousUser

from sundhedsaftale.registry.clock import region_ended

from .models import Audience, Role, User

AnyUser = User | AnonymousUser


def can_view_region(user: AnyUser, region_code: str) -> bool:
    """Logged-in users see every region's governance (it is public administration); the public sees law and rules."""
    return bool(user.is_authenticated)


def can_edit_region(user: AnyUser, region_code: str) -> bool:
    """Administrators everywhere; a region's secretariat only in its own region. Nobody edits a region that has
    ended (from the day after its ``valid_to``, e.g. Region Sjælland from 1 January 2027): its record stays
    viewable and read-only (ADR 0029)."""
    return _keeps_region(user, region_code) and not region_ended(region_code)


def can_edit_cluster(user: AnyUser, region_code: str, cluster_id: str) -> bool:
    """As :func:`can_edit_region`, plus a cluster secretariat for its own cluster; never in an ended region."""
    return _keeps_cluster(user, region_code, cluster_id) and not region_ended(region_code)


def can_migrate_region(user: AnyUser, region_code: str) -> bool:
    """Who carries a region's people and open work over to the 2027 structure (ADR 0029): the region's own
    secretariat and administrators. Also after the region has ended, since the transition writes only the
    successors' records and leaves the region's own untouched."""
    return _keeps_region(user, region_code)


def can_view_transition(user: AnyUser, region_code: str) -> bool:
    """The transition plan names people and their seats: the region's secretariat and administrators."""
    return _keeps_region(user, region_code)


def _keeps_region(user: AnyUser, region_code: str) -> bool:
    if not user.is_authenticated or not isinstance(user, User) or not user.is_active:
        return False
    if user.role == Role.ADMINISTRATOR:
        return True
    return user.role == Role.REGION_SECRETARIAT and user.region_code == region_code


def _keeps_cluster(user: AnyUser, region_code: str, cluster_id: str | None) -> bool:
    if _keeps_region(user, region_code):
        return True
    return (
        bool(cluster_id)
        and isinstance(user, User)
        and user.is_active
        and user.role == Role.CLUSTER_SECRETARIAT
        and user.region_code == region_code
        and user.cluster_id == cluster_id
    )


def can_edit_person(user: AnyUser, region_code: str | None, cluster_ids: Collection[str | None]) -> bool:
    """A person is kept by one region's secretariat (``region_code``, the person's region): that secretariat and
    administrators edit the person, whoever else gave the person a seat. A cluster secretariat of the same
    region edits a person who sits only on its own cluster's bodies (``cluster_ids``: the cluster of each body
    the person sits or sat on, ``None`` for a body outside the clusters). A person of no region: administrators.
    """
    if region_code is None:
        return _is_administrator(user)
    if can_edit_region(user, region_code):
        return True
    return bool(cluster_ids) and all(
        cluster_id is not None and can_edit_cluster(user, region_code, cluster_id)
        for cluster_id in cluster_ids
    )


def can_run_body(user: AnyUser, region_code: str, cluster_id: str | None = None) -> bool:
    """The body's secretariat: for a cluster's bodies (``cluster_id``) the cluster's secretariat, the region's
    secretariat and administrators; for the region's other bodies the region's secretariat and administrators."""
    if cluster_id:
        return can_edit_cluster(user, region_code, cluster_id)
    return can_edit_region(user, region_code)


def can_view_contacts(user: AnyUser, region_code: str, cluster_id: str | None = None) -> bool:
    """Personal contact data (e-mail, phone) of the people on a body: only the body's secretariat
    (:func:`can_run_body`) needs it. Members, reviewers, other regions and the public never get it, in pages,
    API, exports, feeds or the audit log. The secretariat keeps seeing it after the region has ended."""
    return _keeps_cluster(user, region_code, cluster_id)


def can_view_agenda_drafts(user: AnyUser, region_code: str, cluster_id: str | None = None) -> bool:
    """An agenda not yet published is the body's secretariat's draft (:func:`can_run_body`); everyone else,
    logged in or not, sees a meeting's agenda only once it is published (also after the region has ended)."""
    return _keeps_cluster(user, region_code, cluster_id)


def can_view_letters(user: AnyUser, region_code: str) -> bool:
    """Sundhedsstyrelsen's letters about a region's agreement (receipt, approval, objection) are addressed to its
    councils and its health committee: every active user of that region – members, cluster and region
    secretariats – reads them, and so do the reviewers and administrators; another region's users do not (ADR
    0042). A letter once published is public anyway, in the portal."""
    if not isinstance(user, User) or not user.is_active:
        return False
    if user.role in (Role.ADMINISTRATOR, Role.REVIEWER):
        return True
    return bool(user.region_code) and user.region_code == region_code


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
    return region_record_audiences()


def region_record_audiences() -> frozenset[Audience]:
    """The audiences of the audit rows that are the region's own record: what its secretariat reads, never the
    reviewers' own (ADR 0021). The region's archive keeps these rows (ADR 0028)."""
    return frozenset({Audience.REGION, Audience.SECRETARIAT})


def can_archive_region(user: AnyUser, region_code: str) -> bool:
    """The region's complete archive (ADR 0028): its own secretariat and administrators. It holds the contact
    data and draft agendas only they may see, so no other role downloads it. Unlike editing, it stays open after
    the region has ended: the archive is how its record is kept."""
    return _keeps_region(user, region_code)


def editable_region_codes(user: AnyUser, all_codes: list[str]) -> list[str]:
    return [code for code in all_codes if can_edit_region(user, code)]


def _is_administrator(user: AnyUser) -> bool:
    return isinstance(user, User) and user.is_active and user.role == Role.ADMINISTRATOR


def can_review(user: AnyUser) -> bool:
    """Sundhedsstyrelsen's reviewers (and administrators): they read the submitted agreements, the assessments,
    the letters and the status reports sent to Sundhedsstyrelsen. Writing is :func:`can_review_region`."""
    return isinstance(user, User) and user.is_active and user.role in (Role.REVIEWER, Role.ADMINISTRATOR)


def can_review_region(user: AnyUser, region_code: str, on: dt.date | None = None) -> bool:
    """Sundhedsstyrelsen's acts on an agreement or status report of region ``region_code``: registering a
    submission, verdicts on findings, questions, the decision and its letter, publication, the receipt of a
    status report. Reviewers and administrators, never in a region that has ended: its record is read-only for
    everyone, as :func:`can_edit_region` (ADR 0029, ADR 0052). They keep reading it (:func:`can_review`).
    ``on``: the day asked about (default: the platform's today), for lists made for a given day."""
    return can_review(user) and not region_ended(region_code, on)


def can_verify_law_change(user: AnyUser) -> bool:
    """Recording that a legal change is verified (so its ends apply to rules and deadlines): administrators only."""
    return _is_administrator(user)


def can_read_hearing(
    user: AnyUser,
    region_code: str,
    *,
    sent: bool,
    respondent_ids: Collection[int],
    about_submitted_agreement: bool,
) -> bool:
    """A hearing round (ADR 0036): the region's own secretariat and administrators always; once it is sent, the
    accounts named to answer for one of its addressees; Sundhedsstyrelsen's reviewers only a round about an
    agreement that has been submitted to them (the hearing is part of what they assess). Nobody else – a round
    is the region's own preparation, not public administration until it is sent and answered."""
    if not user.is_authenticated:
        return False
    if _keeps_region(user, region_code):
        return True
    if can_review(user) and about_submitted_agreement:
        return True
    return sent and isinstance(user, User) and user.is_active and user.pk in respondent_ids


def can_answer_hearing(user: AnyUser, region_code: str, *, respondent_id: int | None) -> bool:
    """Who answers for an addressee: the account named for it (a member answering for the body or organisation
    they are listed for), or the region's secretariat recording an answer received; never in an ended region."""
    if can_edit_region(user, region_code):
        return True
    return (
        isinstance(user, User)
        and user.is_active
        and respondent_id is not None
        and user.pk == respondent_id
        and user.region_code == region_code
        and not region_ended(region_code)
    )


def can_list_hearings(user: AnyUser, region_code: str) -> bool:
    """A region's list of hearing rounds: its own people (each sees the rounds :func:`can_read_hearing` lets
    them read), Sundhedsstyrelsen's reviewers (the rounds about submitted agreements) and administrators."""
    if not user.is_authenticated or not isinstance(user, User) or not user.is_active:
        return False
    return _keeps_region(user, region_code) or can_review(user) or user.region_code == region_code


def can_view_status_report(user: AnyUser, region_code: str, state: str) -> bool:
    """A region's status reports (§ 22, stk. 1; kapitel 6): a draft only for the region's own secretariat and its
    members; once sent also for Sundhedsstyrelsen's reviewers; once published for every logged-in user, since
    the report is shared with the other regions."""
    if not user.is_authenticated or not isinstance(user, User) or not user.is_active:
        return False
    if state == "published" or _is_administrator(user):
        return True
    if state != "draft" and can_review(user):
        return True
    return user.region_code == region_code and user.role in (Role.REGION_SECRETARIAT, Role.MEMBER)


def can_find(user: AnyUser, audience: str, region_code: str) -> bool:
    """Whether ``user`` finds a search index row of ``audience`` about ``region_code`` (ADR 0047): each audience
    asks the permission of the pages that show the record, except a draft agreement version, which only its own
    region's people (and administrators) find – never another region's draft. Reviewers' notes, closed agenda
    items and unpublished minutes are never in the index at all."""
    if audience == "public":
        return True
    if audience == "logged_in":
        return can_view_region(user, region_code)
    if audience == "region":
        return (
            isinstance(user, User)
            and user.is_active
            and (
                user.role == Role.ADMINISTRATOR
                or (bool(user.region_code) and user.region_code == region_code)
            )
        )
    if audience == "letters":
        return can_view_letters(user, region_code)
    if audience == "report_draft":
        return can_view_status_report(user, region_code, "draft")
    if audience == "report_sent":
        return can_view_status_report(user, region_code, "sent")
    return False
