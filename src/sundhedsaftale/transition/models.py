"""What a confirmed transition wrote: one run per region, one row per carried-over item (ADR 0029).

The 2022 bodies, memberships and agreements are never edited or deleted: their history stays where it is. A
carried-over row points at the successor (a sundhedsråd or a region) and at what it came from; an item that needs
a decision is recorded as an open decision, with the candidate successors, not as a fact.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.governance.models import Person
from sundhedsaftale.registry.models import HealthCouncil, Region


class TransitionRun(models.Model):
    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, related_name="transition", verbose_name=_("region")
    )
    successor = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("efterfølger")
    )
    on = models.DateField(_("overgangsdato"))
    digest = models.CharField(_("planens fingeraftryk"), max_length=64)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    applied_by_name = models.CharField(max_length=200)
    applied_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("overgang")
        verbose_name_plural = _("overgange")

    def __str__(self) -> str:
        return f"{self.region} → {self.successor} ({self.on})"


class CarriedOver(models.Model):
    run = models.ForeignKey(TransitionRun, on_delete=models.PROTECT, related_name="items")
    key = models.CharField(max_length=200)
    section = models.CharField(max_length=16)
    source_kind = models.CharField(max_length=40)
    source_id = models.CharField(max_length=200)
    source_name = models.CharField(max_length=300)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    person_name = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    organisation_after = models.CharField(max_length=200, blank=True)
    # One-to-one: the successor. Needs a decision: neither; the candidates are in ``candidates``.
    council = models.ForeignKey(
        HealthCouncil, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    needs_decision = models.BooleanField(default=False)
    candidates = models.JSONField(default=list)
    reason = models.TextField()

    class Meta:
        ordering = ["run", "section", "key"]
        constraints = [models.UniqueConstraint(fields=["run", "key"], name="carried_over_key_unique_per_run")]

    def __str__(self) -> str:
        return self.key
