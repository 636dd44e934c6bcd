"""The search index: one row per searchable unit (ADR 0047, docs/search.md).

A row is derived from the records (the law corpus, agreement versions, letters, status reports, published agendas
and minutes) by :mod:`.indexer`, in the transaction of the write that changed them; ``search_reindex`` rebuilds
every row. Who finds a row is decided by its ``audience`` and ``region_code`` through ``accounts.permissions``.
On PostgreSQL ``vector`` holds the ``danish`` tsvector (GIN index); on SQLite the FTS5 table ``search_fts``
holds ``stemmed`` under the row's id. Both are made by migration 0001 for the database in use.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    LAW = "law", _("Lovgrundlag")
    AGREEMENT = "agreement", _("Sundhedsaftale")
    COLLABORATION = "collaboration_agreement", _("Samarbejdsaftale")
    STATUS_REPORT = "status_report", _("Statusrapport")
    LETTER = "letter", _("Sundhedsstyrelsens brev")
    AGENDA = "agenda", _("Dagsorden")
    MINUTES = "minutes", _("Referat")


class Audience(models.TextChoices):
    """Who may find a row; each value is decided by ``accounts.permissions.can_find`` for the row's region."""

    PUBLIC = "public", _("Offentligt")
    LOGGED_IN = "logged_in", _("Alle, der er logget ind")
    REGION = "region", _("Kun regionens egne")
    LETTERS = "letters", _("Regionens egne og Sundhedsstyrelsen")
    REPORT_DRAFT = "report_draft", _("Regionens sekretariat og medlemmer")
    REPORT_SENT = "report_sent", _("Regionens sekretariat og medlemmer samt Sundhedsstyrelsen")


class SearchEntry(models.Model):
    key = models.CharField(max_length=200, unique=True)
    owner = models.CharField(max_length=100, db_index=True)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    audience = models.CharField(max_length=16, choices=Audience.choices)
    region_code = models.CharField(_("region"), max_length=4, blank=True, db_index=True)
    day = models.DateField(_("dato"), null=True, blank=True)
    title = models.CharField(_("titel"), max_length=500)
    text = models.TextField(_("tekst"), blank=True)
    stemmed = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["key"]
        verbose_name = _("søgeindeks")
        verbose_name_plural = _("søgeindeks")

    def __str__(self) -> str:
        return self.key
