"""Reading reminder preferences: a user's own row, or the defaults of the role."""

from __future__ import annotations

from sundhedsaftale.accounts.models import Role, User

from .models import Language, ReminderKind, ReminderPreference

# Secretariats run the bodies and answer for the deadlines of their region (a cluster secretariat: its cluster),
# so they get deadlines, meetings and hearings unless they choose otherwise; everyone else chooses to receive –
# except a member's hearings: a member hears of a round only when named to answer it (ADR 0036), so is told.
_RECEIVES_BY_DEFAULT = (Role.REGION_SECRETARIAT, Role.CLUSTER_SECRETARIAT)
_HEARINGS_BY_DEFAULT = (*_RECEIVES_BY_DEFAULT, Role.MEMBER)
# A sent status report is Sundhedsstyrelsen's to receive; its receipt letter is the region secretariat's news.
_STATUS_REPORTS_BY_DEFAULT = (Role.REGION_SECRETARIAT, Role.REVIEWER)


def preference_for(user: User) -> ReminderPreference:
    """The user's saved choice, or an unsaved one with the role's defaults (``pk`` is None)."""
    saved = ReminderPreference.objects.filter(user=user).first()
    if saved is not None:
        return saved
    on = user.role in _RECEIVES_BY_DEFAULT
    return ReminderPreference(
        user=user,
        deadlines_approaching=on,
        deadlines_passed=on,
        meetings=on,
        hearings=user.role in _HEARINGS_BY_DEFAULT,
        status_reports=user.role in _STATUS_REPORTS_BY_DEFAULT,
        catalogue=True,
        language=Language.DANISH,
        version=0,
    )


def receives(preference: ReminderPreference, kind: ReminderKind) -> bool:
    return {
        ReminderKind.DEADLINE_APPROACHING: preference.deadlines_approaching,
        ReminderKind.DEADLINE_PASSED: preference.deadlines_passed,
        ReminderKind.MEETING_PLANNED: preference.meetings,
        ReminderKind.MEETING_CANCELLED: preference.meetings,
        ReminderKind.HEARING: preference.hearings,
        ReminderKind.STATUS_REPORT: preference.status_reports,
        ReminderKind.CATALOGUE: preference.catalogue,
    }[kind]
