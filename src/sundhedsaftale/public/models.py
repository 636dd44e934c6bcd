"""The publication acts the platform had no record of before the portal (ADR 0042).

Agreements (a version's ``published`` state, afsnit 5.5), Sundhedsstyrelsen's letters (``published_on``) and
agendas (``agenda_published_at``, ADR 0023) carry their own act. A body had none: :class:`BodyPublication`
records that the body's secretariat published the body – its name, its members with organisation and role (never
contact data) and its meeting dates. Written only through :func:`sundhedsaftale.public.actions.body_publish`;
withdrawn only through :func:`sundhedsaftale.public.actions.body_publication_withdraw` (ADR 0048): a withdrawn
publication stays as the record of the act, and nothing of it is public any more.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.governance.models import Body


class BodyPublicationQuerySet(models.QuerySet["BodyPublication"]):
    def in_force(self) -> BodyPublicationQuerySet:
        """The publications not withdrawn: the only ones the portal reads."""
        return self.filter(withdrawn_on__isnull=True)


class BodyPublication(models.Model):
    body = models.OneToOneField(Body, on_delete=models.PROTECT, related_name="publication")
    published_on = models.DateField(_("offentliggjort"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField(_("tilbagetrukket"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(_("begrundelse for tilbagetrækning"), blank=True)

    objects = BodyPublicationQuerySet.as_manager()

    class Meta:
        ordering = ["body"]
        verbose_name = _("offentliggørelse af organ")
        verbose_name_plural = _("offentliggørelser af organer")

    def __str__(self) -> str:
        return f"{self.body} ({self.published_on})"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None
