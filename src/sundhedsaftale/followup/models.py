"""The committee's yearly reviews and its status reports, as rows beside the agreement's records.

The core's lifecycle keeps only the dates (``YearlyReview``, ``StatusReport`` in the agreement's records); these
rows keep what the committee concluded and reported. Each is written only through :mod:`.actions`, which also
records the core's step through ``apply_step``, so deadlines and obligations read the same facts.

A status report is a draft until it is sent to Sundhedsstyrelsen; from then its content never changes
(``save`` refuses). A correction is a new report with the next ``number``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.agreements.models import AgreementVersion, HealthAgreement
from sundhedsaftale.governance.models import Meeting


class YearlyReviewRecord(models.Model):
    """The yearly review of § 22, stk. 1: "én gang årligt gennemgå aftalen og vurdere behovet for at revidere
    dens indhold", decided at a meeting of the region's sundhedssamarbejdsudvalg."""

    agreement = models.ForeignKey(
        HealthAgreement, on_delete=models.PROTECT, related_name="yearly_review_records"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    revise = models.BooleanField(_("aftalen skal revideres"))
    reasons = models.TextField(_("begrundelse"))
    revision_version = models.ForeignKey(
        AgreementVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "year"]
        verbose_name = _("årlig gennemgang")
        verbose_name_plural = _("årlige gennemgange")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year"], name="followup_one_review_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.year}"


class ReportKind(models.TextChoices):
    # The values are the core's (``core.case.StatusReportKind``).
    MIDTERM = "midterm", _("Midtvejsstatus")
    FINAL = "final", _("Slutstatus")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Udkast")
    SENT = "sent", _("Sendt til Sundhedsstyrelsen")
    RECEIVED = "received", _("Modtaget af Sundhedsstyrelsen")
    PUBLISHED = "published", _("Offentliggjort")


class FrozenReport(Exception):
    """A status report that was sent was about to be changed."""


class StatusReport(models.Model):
    agreement = models.ForeignKey(
        HealthAgreement, on_delete=models.PROTECT, related_name="status_report_rows"
    )
    kind = models.CharField(_("art"), max_length=16, choices=ReportKind.choices)
    number = models.PositiveSmallIntegerField(_("rapportversion"), default=1)
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    state = models.CharField(max_length=16, choices=ReportState.choices, default=ReportState.DRAFT)
    content = models.JSONField(_("indhold"), default=dict)
    sent_on = models.DateField(_("sendt"), null=True, blank=True)
    received_on = models.DateField(_("modtaget"), null=True, blank=True)
    published_on = models.DateField(_("offentliggjort"), null=True, blank=True)
    receipt_reference = models.CharField(_("journalnummer"), max_length=100, blank=True)
    receipt_pdf = models.BinaryField(null=True, blank=True)
    receipt_docx = models.BinaryField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["agreement", "kind", "number"]
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind", "number"], name="followup_report_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.kind} {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # What was sent to Sundhedsstyrelsen is the record (kapitel 6: "til orientering"): its content and the
        # day it was sent never change; only the receipt and the publication are added, once each.
        if self.pk is not None:
            before = StatusReport.objects.filter(pk=self.pk).values("state", "content", "sent_on").first()
            if (
                before is not None
                and before["state"] != ReportState.DRAFT
                and (before["content"] != self.content or before["sent_on"] != self.sent_on)
            ):
                raise FrozenReport(f"Statusrapport {self.pk} er sendt og kan ikke ændres.")
        super().save(*args, **kwargs)

    @property
    def frozen(self) -> bool:
        return self.state != ReportState.DRAFT
