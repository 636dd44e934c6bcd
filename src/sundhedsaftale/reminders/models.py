"""Each user's choice of reminders, and the log of what was sent (one row per user and reminder, ADR 0034)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    DEADLINE_APPROACHING = "deadline_approaching", _("Frist nærmer sig")
    DEADLINE_PASSED = "deadline_passed", _("Frist overskredet")
    MEETING_PLANNED = "meeting_planned", _("Møde planlagt")
    MEETING_CANCELLED = "meeting_cancelled", _("Møde aflyst")
    HEARING = "hearing", _("Høring")
    STATUS_REPORT = "status_report", _("Statusrapport")
    CATALOGUE = "catalogue", _("Tiltag, du følger")


class Language(models.TextChoices):
    DANISH = "da", _("Dansk")
    ENGLISH = "en", _("English")


class ReminderPreference(models.Model):
    """The kinds of reminder one user receives and in which language. A user without a row has the defaults of
    the role (``reminders.selectors.preference_for``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    deadlines_approaching = models.BooleanField(_("frister, der nærmer sig"))
    deadlines_passed = models.BooleanField(_("frister, der er overskredet"))
    meetings = models.BooleanField(_("møder, der planlægges eller aflyses"))
    hearings = models.BooleanField(_("høringer"))
    # A status report sent to Sundhedsstyrelsen (its reviewers) and its receipt letter issued (the region's
    # secretariat); kapitel 6. On unless the user turns it off.
    status_reports = models.BooleanField(_("statusrapporter"), default=True)
    # Following a catalogue entry is itself the choice to hear of it (ADR 0048); this turns the e-mail off.
    catalogue = models.BooleanField(_("tiltag, jeg følger i vidensdelingskataloget"), default=True)
    language = models.CharField(_("sprog"), max_length=2, choices=Language.choices, default=Language.DANISH)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("valg af påmindelser")
        verbose_name_plural = _("valg af påmindelser")

    def __str__(self) -> str:
        return f"{self.user}"


class SentReminder(models.Model):
    """One reminder sent to one user. The unique key is what makes a rerun, or two runs at once, send nothing
    twice: a run inserts the row in the transaction that sends the message (ADR 0034)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    kind = models.CharField(max_length=32, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="sent_reminder_once_per_user")]
        verbose_name = _("sendt påmindelse")
        verbose_name_plural = _("sendte påmindelser")

    def __str__(self) -> str:
        return f"{self.user} {self.key}"
