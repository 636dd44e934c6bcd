"""The agreement and its submission record: what § 21 needs. Content and versions come with their own issue."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.registry.models import Region


class HealthAgreement(models.Model):
    key = models.CharField(max_length=100, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="agreements")
    title = models.CharField(_("titel"), max_length=200)
    election_period_start = models.PositiveIntegerField(_("valgperiodens første år"))
    legal_basis = models.CharField(_("retsgrundlag"), max_length=32, default="bek-1248-2022")
    version_number = models.CharField(_("versionsnummer"), max_length=32, blank=True)
    effective_date = models.DateField(_("ikrafttræden"), null=True, blank=True)
    parties = models.JSONField(_("parter"), default=list)

    class Meta:
        ordering = ["region", "-election_period_start"]
        verbose_name = _("sundhedsaftale")
        verbose_name_plural = _("sundhedsaftaler")

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    agreement = models.ForeignKey(HealthAgreement, on_delete=models.CASCADE, related_name="submissions")
    submitted_on = models.DateField(_("indsendt"))
    received_on = models.DateField(_("modtaget"), null=True, blank=True)
    version_number = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["submitted_on"]

    def __str__(self) -> str:
        return f"{self.agreement} indsendt {self.submitted_on}"


class AuthorityDecision(models.Model):
    agreement = models.ForeignKey(HealthAgreement, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(
        max_length=16, choices=[("approved", _("Godkendt")), ("objection", _("Indsigelse"))]
    )
    decided_on = models.DateField(_("afgjort"))
    reference = models.CharField(max_length=200, blank=True)
    remedy_deadline = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["decided_on"]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.kind} {self.decided_on}"
