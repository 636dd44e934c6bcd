"""The one thing about the law kept in the database: an administrator's record that a legal change is verified.

The law itself lives in the core's data files (``data/law``); a change recorded there (``changes.yaml``) whose
date or provisions are not read in the law's text is only *expected* until a row here says an administrator
checked it against a named source. The core takes the verified change ids as input (ADR 0026).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.accounts.models import User


class LawChangeVerification(models.Model):
    """An administrator verified one recorded legal change (``change_id`` from changes.yaml) against a source.

    At most one standing verification per change: a second one is refused by the partial unique constraint, so
    two administrators verifying at once cannot both write. A verification recorded by mistake is withdrawn, not
    deleted (``withdrawn_at``, by whom, why): the row stays as history, no longer counts, and the change may be
    verified again. Every write is in the audit log.
    """

    change_id = models.CharField(_("lovændring"), max_length=64)
    verified_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    verified_at = models.DateTimeField(_("verificeret"), auto_now_add=True)
    verified_against = models.CharField(
        _("verificeret mod"),
        max_length=500,
        help_text=_("Den kilde, ændringen er kontrolleret mod, fx adressen på loven på Retsinformation."),
    )
    note = models.TextField(_("bemærkning"), blank=True, max_length=2000)
    withdrawn_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    withdrawal_reason = models.TextField(_("begrundelse for tilbagekaldelse"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("verificeret lovændring")
        verbose_name_plural = _("verificerede lovændringer")
        constraints = [
            models.UniqueConstraint(
                fields=["change_id"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="lawbook_one_standing_verification_per_change",
            )
        ]

    def __str__(self) -> str:
        return self.change_id
