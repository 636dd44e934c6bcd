"""Which identity at which identity provider is which platform user."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.accounts.models import User


class SamlIdentity(models.Model):
    """A person's persistent identifier at one identity provider, linked to one platform user.

    Kept apart from :class:`~sundhedsaftale.accounts.models.User` so a user is found by who the identity provider
    says they are, never by a name or e-mail address someone could choose to match another account.
    """

    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="saml_identity")
    issuer = models.CharField(_("identitetsudbyder"), max_length=255)
    subject = models.CharField(_("bruger-id hos identitetsudbyderen"), max_length=255)
    organisation = models.CharField(_("CVR-nummer"), max_length=8, blank=True)
    linked_at = models.DateTimeField(_("tilknyttet"), auto_now_add=True)
    last_sign_in_at = models.DateTimeField(_("sidst logget ind"), null=True, blank=True)

    class Meta:
        verbose_name = _("SAML-identitet")
        verbose_name_plural = _("SAML-identiteter")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_unique")]

    def __str__(self) -> str:
        return f"{self.subject} @ {self.issuer}"
