"""Regions, municipalities and clusters as database rows, so governance records can point at them.

The reference data files are the source; :func:`sundhedsaftale.registry.actions.sync_reference_data`
writes them here. Nobody edits these rows by hand.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    code = models.CharField(_("regionskode"), max_length=4, primary_key=True)
    name = models.CharField(_("navn"), max_length=100)
    name_en = models.CharField(_("navn på engelsk"), max_length=100)
    valid_from = models.DateField(_("gyldig fra"), null=True, blank=True)
    valid_to = models.DateField(_("gyldig til"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("efterfølger"),
    )
    # No official code is published (Region Østdanmark): the key is the platform's own until DAGI has one.
    provisional_code = models.BooleanField(_("foreløbig kode"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regioner")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("kommunekode"), max_length=3, primary_key=True)
    name = models.CharField(_("navn"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return f"{self.name} Kommune"


class HealthCluster(models.Model):
    """A sundhedsklynge (§ 1); a municipality may take part in several (§ 1, stk. 2)."""

    id = models.CharField(max_length=64, primary_key=True)
    name = models.CharField(_("navn"), max_length=100)
    acute_hospital = models.CharField(_("akutsygehus"), max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="clusters")
    municipalities = models.ManyToManyField(Municipality, related_name="clusters")
    verified = models.CharField(_("verificeret"), max_length=16)

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("sundhedsklynge")
        verbose_name_plural = _("sundhedsklynger")

    def __str__(self) -> str:
        return self.name


class HealthCouncil(models.Model):
    """A sundhedsråd from ``valid_from`` (the 2027 structure), with its municipalities as the reference data has
    them; ``disputed_codes`` are municipalities whose council the sources disagree on."""

    id = models.CharField(max_length=64, primary_key=True)
    name = models.CharField(_("navn"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="councils")
    valid_from = models.DateField(_("gyldig fra"))
    municipalities = models.ManyToManyField(Municipality, related_name="councils")
    disputed_codes = models.JSONField(_("omstridte kommuner"), default=list, blank=True)
    marker = models.CharField(_("markør"), max_length=3)
    source = models.TextField(_("kilde"))

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("sundhedsråd")
        verbose_name_plural = _("sundhedsråd")

    def __str__(self) -> str:
        return self.name
