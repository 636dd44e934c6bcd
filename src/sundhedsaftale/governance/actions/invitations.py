"""Invitations to a meeting and the invitees' answers (RSVP).

Sending is the secretariat's explicit, confirmed step: every member of the body on the meeting's date is invited,
and the members of the region's patient involvement committee when the meeting invites the committee. An answer
(attending, not attending, a named substitute) is the invitee's own and plans attendance; the recorded attendance
(``attendance_record``) stays what the secretariat records after the meeting.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import Audience, User
from sundhedsaftale.accounts.permissions import can_edit_region
from sundhedsaftale.core.case import BodyKind, MeetingStatus

from ..meeting_selectors import meeting_participants
from ..models import Body, Invitation, Meeting, Membership, Person, RsvpAnswer
from .bodies import ConflictError as PersonConflict
from .meetings import AnyUser, ConflictError, MeetingInvalid, _check_version, _locked, _require_edit, _text


class InvitationConflict(MeetingInvalid):
    """The answer was changed by someone else after it was opened."""

    def __init__(self, current: Invitation) -> None:
        super().__init__(
            "version",
            _("Svaret er ændret (version %(version)s), efter du åbnede det; intet er gemt. Åbn siden igen.")
            % {"version": current.version},
        )


def _invitees(meeting: Meeting) -> list[tuple[int, str]]:
    """(person id, capacity) of who is invited: the body's members on the date, then the patient involvement
    committee's members when the committee is invited."""
    result: dict[int, str] = {}
    for p in meeting_participants(meeting):
        if p.member:
            result.setdefault(p.person.pk, meeting.body.name)
    if meeting.patient_committee_invited:
        committee = Body.objects.filter(
            region_id=meeting.body.region_id, kind=BodyKind.PATIENT_COMMITTEE.value
        ).first()
        if committee is not None and committee.pk != meeting.body_id:
            day = meeting.date
            for m in Membership.objects.filter(body=committee, start__lte=day).select_related("person"):
                if m.end is None or day <= m.end:
                    result.setdefault(m.person_id, committee.name)
    return list(result.items())


def invitees_planned(meeting: Meeting) -> int:
    """How many would be invited now (for the confirmation)."""
    return len(_invitees(meeting))


def invitations_send(
    *, actor: AnyUser, meeting_pk: int, expected_version: int, now: dt.datetime, mail: bool = True
) -> Meeting:
    """Send the invitation: one ``Invitation`` per invitee not yet invited. Sending again after the body's
    membership changed invites only the new members; the answers already given stay. Each new invitee with an
    e-mail address is written to after the change is committed (``reminders.meeting_mail``, ADR 0046); the
    demo's loader passes ``mail=False``."""
    with transaction.atomic():
        meeting = _locked(meeting_pk)
        _require_edit(actor, meeting.body)
        _check_version(meeting, expected_version)
        if meeting.status != MeetingStatus.PLANNED.value:
            raise MeetingInvalid("invitations", _("Der kan kun sendes indkaldelse til et planlagt møde."))
        already = set(Invitation.objects.filter(meeting=meeting).values_list("person_id", flat=True))
        new = [(pk, capacity) for pk, capacity in _invitees(meeting) if pk not in already]
        if not new:
            raise MeetingInvalid(
                "invitations",
                _("Alle organets medlemmer på mødedatoen er allerede indkaldt; der er ingen at indkalde.")
                if already
                else _("Organet har ingen medlemmer på mødedatoen; der er ingen at indkalde."),
            )
        Invitation.objects.bulk_create(
            Invitation(meeting=meeting, person_id=pk, capacity=capacity, sent_at=now) for pk, capacity in new
        )
        before = {"invitations_sent_at": meeting.invitations_sent_at, "invited": len(already)}
        meeting.invitations_sent_at = now
        meeting.version += 1
        meeting.save(update_fields=["invitations_sent_at", "version", "updated_at"])
        record_change(
            actor=actor,
            action="invitations_send",
            object_type="meeting",
            object_id=meeting.pk,
            region_code=meeting.body.region_id,
            before=before,
            after={
                "invitations_sent_at": now,
                "invited": len(already) + len(new),
                "new": sorted(
                    Invitation.objects.filter(
                        meeting=meeting, person_id__in=[pk for pk, _c in new]
                    ).values_list("person__name", flat=True)
                ),
                "version": meeting.version,
            },
        )
        invited = [pk for pk, _c in new]
        if mail:
            transaction.on_commit(lambda: _mail(meeting.pk, invited, cancelled=False))
    return meeting


def _mail(meeting_pk: int, person_pks: list[int] | None, *, cancelled: bool) -> None:
    """The e-mails to the invitees (``reminders.meeting_mail``, ADR 0046), after the change is committed."""
    from sundhedsaftale.reminders.meeting_mail import meeting_mails_send  # the reminders app reads governance

    meeting_mails_send(meeting_pk, person_pks, cancelled=cancelled)


def _as_dict(invitation: Invitation) -> dict[str, Any]:
    return {
        "meeting_id": invitation.meeting_id,
        "person": invitation.person.name,
        "answer": invitation.answer,
        "substitute_name": invitation.substitute_name,
        "note": invitation.note,
        "version": invitation.version,
    }


def may_answer(user: AnyUser, invitation: Invitation) -> bool:
    """Only the invitee answers, signed in with the account linked to the person."""
    return bool(user.is_authenticated) and invitation.person.user_id == user.pk


def rsvp_answer(
    *,
    actor: AnyUser | None,
    invitation_pk: int,
    answer: str,
    substitute_name: str = "",
    note: str = "",
    expected_version: int,
    now: dt.datetime,
    system: bool = False,
) -> Invitation:
    """Record the invitee's own answer: attending, not attending, or not attending with a named substitute.
    ``system``: the platform's own loaders (demo data) record an answer as given."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("person", "meeting", "meeting__body")
            .get(pk=invitation_pk)
        )
        if not system and (actor is None or not may_answer(actor, invitation)):
            raise PermissionDenied(_("Du kan kun svare på din egen indkaldelse."))
        try:
            choice = RsvpAnswer(answer)
        except ValueError:
            raise MeetingInvalid(
                "answer", _("Vælg et svar: deltager, afbud eller afbud med stedfortræder.")
            ) from None
        if choice is RsvpAnswer.PENDING:
            raise MeetingInvalid("answer", _("Vælg et svar: deltager, afbud eller afbud med stedfortræder."))
        name = _text("substitute_name", substitute_name, 200, _("Stedfortræderens navn"))
        if choice is RsvpAnswer.SUBSTITUTE and not name:
            raise MeetingInvalid(
                "substitute_name", _("Skriv navnet på den stedfortræder, der kommer i dit sted.")
            )
        if choice is not RsvpAnswer.SUBSTITUTE:
            name = ""
        clean_note = _text("note", note, 300, _("Bemærkningen"))
        if invitation.meeting.status != MeetingStatus.PLANNED.value:
            raise MeetingInvalid("answer", _("Mødet er ikke længere planlagt; svaret kan ikke ændres."))
        if invitation.version != expected_version:
            raise InvitationConflict(invitation)
        before = _as_dict(invitation)
        invitation.answer = choice.value
        invitation.substitute_name = name
        invitation.note = clean_note
        invitation.answered_at = now
        invitation.version += 1
        invitation.save()
        record_change(
            actor=actor,
            action="rsvp_answer",
            object_type="invitation",
            object_id=invitation.pk,
            region_code=invitation.meeting.body.region_id,
            before=before,
            after=_as_dict(invitation),
        )
    return invitation


def person_account_link(
    *,
    actor: AnyUser | None,
    person_pk: int,
    user: User | None,
    expected_version: int | None = None,
    system: bool = False,
) -> Person:
    """Link a person to the account the person signs in with (or unlink, ``user=None``): the secretariat of the
    person's region, who keeps the person (ADR 0022), or the platform's own loaders. The account is one of the
    person's region, and answers for one person only. ``expected_version`` is the person's version the form was
    opened on (required unless ``system``); a change made since is refused and nothing is written."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person_pk)
        if not system:
            if actor is None or not can_edit_region(actor, person.region_id or ""):
                raise PermissionDenied(_("Du kan ikke knytte en konto til %(name)s.") % {"name": person.name})
            if expected_version is None or person.version != expected_version:
                raise PersonConflict(person, _("Personen"))
        if user is not None and user.region_code != (person.region_id or ""):
            raise MeetingInvalid(
                "user",
                _("Kontoen hører ikke til personens region; vælg en konto i %(region)s.")
                % {"region": person.region.name if person.region else person.region_id},
            )
        if user is not None and Person.objects.filter(user=user).exclude(pk=person.pk).exists():
            raise MeetingInvalid("user", _("Kontoen er allerede knyttet til en anden person."))
        before = {"user": person.user.username if person.user else None}
        person.user = user
        person.version += 1
        person.save(update_fields=["user", "version", "updated_at"])
        record_change(
            actor=actor,
            action="person_account_link",
            object_type="person",
            object_id=person.pk,
            region_code=person.region_id or "",
            before=before,
            after={"user": user.username if user else None},
            audience=Audience.SECRETARIAT,
        )
    return person


__all__ = [
    "ConflictError",
    "InvitationConflict",
    "invitations_send",
    "invitees_planned",
    "may_answer",
    "person_account_link",
    "rsvp_answer",
]
