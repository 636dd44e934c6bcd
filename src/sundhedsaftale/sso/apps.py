from __future__ import annotations

from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "sundhedsaftale.sso"
    label = "sso"
    verbose_name = "Log ind med MitID Erhverv (SAML)"

    def ready(self) -> None:
        # With SAML on, read the mapping file and the keys and IdP metadata once at start-up: a mistake in
        # any of them stops the platform here, naming the file and line, instead of at the first sign-in.
        from django.conf import settings

        if getattr(settings, "SAML_ENABLED", False):
            from .config import sp_config
            from .selectors import sign_in_mapping

            sign_in_mapping()
            sp_config()
