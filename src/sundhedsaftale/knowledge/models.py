"""The catalogue's own records: a committee's mark of an initiative for national spread, and who follows an entry.

A catalogue entry is not a row: it is a collaboration agreement or a collaboration model in an agreement's version
(``core.case.AgreementContent``), addressed by the agreement's key, its kind and its id. These rows name an entry
that way. Written only through :mod:`.actions`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.agreements.models import HealthAgreement
from sundhedsaftale.governance.models import Meeting


class EntryKind(models.TextChoices):
    # Afsnit 4.1 (samarbejdsaftaler, § 20) and afsnit 4.3 (nye samarbejdsmodeller, e.g. a cluster initiative).
    COLLABORATION_AGREEMENT = "samarbejdsaftale", _("Samarbejdsaftale")
    COLLABORATION_MODEL = "samarbejdsmodel", _("Samarbejdsmodel")


class SpreadMark(models.Model):
    """The region's sundhedssamarbejdsudvalg marks an initiative for national spread (§ 15, stk. 2, nr. 5), as
    decided at one of its meetings, with its evidence. A withdrawn mark stays as the record of both acts."""

    agreement = models.ForeignKey(HealthAgreement, on_delete=models.PROTECT, related_name="spread_marks")
    entry_kind = models.CharField(_("art"), max_length=20, choices=EntryKind.choices)
    item_id = models.CharField(max_length=100)
    title = models.CharField(_("titel"), max_length=500)
    evidence = models.TextField(_("dokumentation"))
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    document = models.FileField(_("dokument"), upload_to="katalog/", blank=True)
    document_name = models.CharField(max_length=255, blank=True)
    marked_on = models.DateField(_("markeret"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField(_("tilbagekaldt"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(_("begrundelse for tilbagekaldelse"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["agreement", "entry_kind", "item_id", "marked_at"]
        verbose_name = _("markering til national udbredelse")
        verbose_name_plural = _("markeringer til national udbredelse")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "entry_kind", "item_id"],
                condition=models.Q(withdrawn_on__isnull=True),
                name="knowledge_one_mark_in_force_per_entry",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.marked_on})"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None


class Follow(models.Model):
    """A user follows a catalogue entry: told (on "Mit arbejde" and by e-mail, as chosen) when it changes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="catalogue_follows"
    )
    agreement = models.ForeignKey(HealthAgreement, on_delete=models.CASCADE, related_name="+")
    entry_kind = models.CharField(max_length=20, choices=EntryKind.choices)
    item_id = models.CharField(max_length=100)
    since = models.DateField(_("følger fra"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "agreement", "entry_kind", "item_id"]
        verbose_name = _("følger af tiltag")
        verbose_name_plural = _("følgere af tiltag")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agreement", "entry_kind", "item_id"], name="knowledge_follow_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.agreement_id}:{self.entry_kind}:{self.item_id}"
