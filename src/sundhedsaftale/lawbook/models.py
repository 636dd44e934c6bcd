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

    One row per change: a second verification of the same change is refused by the unique constraint, so two
    administrators verifying at once cannot both write. Rows are kept; every write is in the audit log.
    """

    change_id = models.CharField(_("lovændring"), max_length=64, unique=True)
    verified_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    verified_at = models.DateTimeField(_("verificeret"), auto_now_add=True)
    verified_against = models.CharField(
        _("verificeret mod"),
        max_length=500,
        help_text=_("Den kilde, ændringen er kontrolleret mod, fx adressen på loven på Retsinformation."),
    )
    note = models.TextField(_("bemærkning"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("verificeret lovændring")
        verbose_name_plural = _("verificerede lovændringer")

    def __str__(self) -> str:
        return self.change_id
