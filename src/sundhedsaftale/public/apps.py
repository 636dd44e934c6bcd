from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "sundhedsaftale.public"
    label = "public"
    verbose_name = _("Offentlig portal")
    default_auto_field = "django.db.models.BigAutoField"
