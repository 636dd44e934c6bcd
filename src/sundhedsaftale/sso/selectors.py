"""Reading sign-in configuration and identity links."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings

from sundhedsaftale.accounts.models import Role, User
from sundhedsaftale.web.platform import platform

from .mapping import SignInMapping, load_mapping
from .models import SamlIdentity


def saml_enabled() -> bool:
    return bool(getattr(settings, "SAML_ENABLED", False))


def sign_in_mapping() -> SignInMapping:
    """The configured mapping file, checked against the platform's roles, regions and clusters."""
    return _load(str(settings.SAML_MAPPING_FILE))


@lru_cache(maxsize=4)
def _load(path: str) -> SignInMapping:
    reference = platform().reference
    return load_mapping(
        Path(path),
        roles=Role.values,
        regions=reference.regions.keys(),
        clusters={cluster_id: c.region_code for cluster_id, c in reference.clusters.items()},
    )


def identity_user(*, issuer: str, subject: str) -> User | None:
    identity = SamlIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    return identity.user if identity else None
