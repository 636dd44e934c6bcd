"""Computed indicator values, kept per unit and period (ADR 0049).

Only values after suppression are stored (a count below the threshold is NULL with ``suppressed`` set): the
database never holds a small count. Each value belongs to the computation run that made it; the pages and the API
read the latest run.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ComputationRun(models.Model):
    """One computation of every indicator from one register: where the register came from and when."""

    computed_at = models.DateTimeField(_("beregnet"))
    source = models.CharField(_("kilde"), max_length=300)
    synthetic = models.BooleanField(_("syntetiske data"), default=False)
    fingerprint = models.CharField(_("registrets fingeraftryk (SHA-256)"), max_length=64)
    definitions_version = models.CharField(_("definitionernes version"), max_length=40)
    periods = models.CharField(_("perioder"), max_length=200)
    value_count = models.PositiveIntegerField(_("antal værdier"), default=0)

    class Meta:
        ordering = ["-computed_at", "-pk"]
        verbose_name = _("beregning af indikatorer")
        verbose_name_plural = _("beregninger af indikatorer")

    def __str__(self) -> str:
        return f"{self.source} ({self.computed_at:%Y-%m-%d %H:%M})"


class IndicatorValue(models.Model):
    """One indicator for one unit (kommune, klynge, region, land), period and stratum, after suppression."""

    run = models.ForeignKey(ComputationRun, on_delete=models.CASCADE, related_name="values")
    indicator = models.CharField(_("indikator"), max_length=60)
    name = models.CharField(_("navn"), max_length=200)
    level = models.CharField(_("niveau"), max_length=10)
    unit_id = models.CharField(_("enhed"), max_length=64)
    unit_name = models.CharField(_("enhedens navn"), max_length=200)
    period = models.CharField(_("periode"), max_length=10)
    stratum = models.CharField(_("gruppe"), max_length=20)
    numerator = models.BigIntegerField(_("tæller"), null=True)
    denominator = models.BigIntegerField(_("nævner"), null=True)
    value = models.FloatField(_("værdi"), null=True)
    standardised = models.FloatField(_("standardiseret værdi"), null=True)
    unit = models.CharField(_("enhed for værdien"), max_length=20)
    marker = models.CharField(_("markør"), max_length=8)
    note = models.CharField(_("note"), max_length=500, blank=True)
    suppressed = models.BooleanField(_("undertrykt"), default=False)
    complement = models.CharField(
        _("skjult som komplement"),
        max_length=30,
        blank=True,
        help_text=_("Tællinger skjult, fordi de ellers afslørede en lille: 'numerator', 'denominator'"),
    )
    definition_version = models.CharField(_("definitionens version"), max_length=40)

    class Meta:
        ordering = ["indicator", "level", "unit_id", "period", "stratum"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "indicator", "level", "unit_id", "period", "stratum"],
                name="datasupport_one_value_per_unit_period",
            )
        ]
        indexes = [models.Index(fields=["run", "level", "unit_id"], name="datasupport_value_unit")]
        verbose_name = _("indikatorværdi")
        verbose_name_plural = _("indikatorværdier")

    def __str__(self) -> str:
        return f"{self.indicator} {self.level} {self.unit_id} {self.period}"
