"""Users with a role and an organisation, and the append-only audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Value
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    REGION_SECRETARIAT = "region_secretariat", _("Sekretariat for sundhedssamarbejdsudvalget")
    CLUSTER_SECRETARIAT = "cluster_secretariat", _("Klyngesekretariat")
    REVIEWER = "reviewer", _("Sagsbehandler i Sundhedsstyrelsen")
    MEMBER = "member", _("Medlem")


class User(AbstractUser):
    """A local account. ``region_code`` (and ``cluster_id`` for cluster secretariats) bound what it may edit.

    Identity may later come from SAML or OIDC; the role and organisation stay here.
    """

    role = models.CharField(_("rolle"), max_length=32, choices=Role.choices, default=Role.MEMBER)
    region_code = models.CharField(_("region"), max_length=4, blank=True, help_text=_("Regionskode, fx 1084"))
    cluster_id = models.CharField(_("sundhedsklynge"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Audience(models.TextChoices):
    """Who may read an audit row besides administrators. The writer decides; every reader filters by it.

    A row about the region's own records is read by the region's secretariat and by Sundhedsstyrelsen. What
    Sundhedsstyrelsen's reviewers write for themselves (a verdict on a finding and its internal reason) is theirs
    alone until it reaches the region in a letter; a row carrying a person's contact data stays with the
    secretariat that keeps the person.
    """

    REGION = "region", _("Regionens sekretariat og Sundhedsstyrelsen")
    AUTHORITY = "authority", _("Kun Sundhedsstyrelsen")
    SECRETARIAT = "secretariat", _("Kun regionens sekretariat")


class AuditEntry(models.Model):
    """One change: who, when, what, before and after. Rows can be added, never changed or deleted.

    The database refuses UPDATE and DELETE on this table (a trigger, see migration 0002), so no role,
    not even an administrator with database access through the application, can edit the trail.
    ``audience`` says who may read the row (:class:`Audience`); a row without one is read by administrators only.
    """

    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor_name = models.CharField(_("udført af"), max_length=200)
    action = models.CharField(_("handling"), max_length=64)
    object_type = models.CharField(_("objekttype"), max_length=64)
    object_id = models.CharField(_("objekt"), max_length=200)
    region_code = models.CharField(_("region"), max_length=4, blank=True, db_index=True)
    before = models.JSONField(_("før"), null=True, blank=True)
    after = models.JSONField(_("efter"), null=True, blank=True)
    reason = models.TextField(_("begrundelse"), blank=True)
    # Nullable with a database default so that adding it is a plain ADD COLUMN on SQLite too: rebuilding the
    # table would drop the append-only triggers with the old table.
    audience = models.CharField(  # noqa: DJ001 (NULL: a row no writer classified; read by administrators only)
        _("synlighed"),
        max_length=16,
        choices=Audience.choices,
        null=True,
        db_default=Value(Audience.REGION.value),
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("revisionsspor")
        verbose_name_plural = _("revisionsspor")

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.action} {self.object_type} {self.object_id}"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("revisionssporet kan ikke ændres")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("revisionssporet kan ikke slettes")
