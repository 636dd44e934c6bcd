"""SAML settings from the environment, and the pysaml2 configuration built from them.

``web/settings.py`` calls :func:`saml_settings_from_env` in its SAML block; djangosaml2 reads the resulting
``SAML_CONFIG`` through :func:`sp_config`, which keeps the parsed configuration (keys, IdP metadata) instead of
reading files and fetching metadata on every request. Nothing here imports Django models, so settings may
import it.
"""

from __future__ import annotations

import copy
import ipaddress
import json
import shutil
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

ENV_PREFIX = "SUNDHEDSAFTALE_SAML"
# Paths of the service provider's endpoints below the base URL; sso/urls.py serves them.
ACS_PATH = "/saml2/acs/"
SLS_PATH = "/saml2/ls/"
SLS_POST_PATH = "/saml2/ls/post/"
METADATA_PATH = "/saml2/metadata/"
# A remote IdP metadata document is fetched again after this long, so a rolled-over IdP certificate is picked up
# without a restart.
METADATA_REFRESH_SECONDS = 3600

BINDING_HTTP_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
BINDING_HTTP_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
NAMEID_FORMAT_PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
SIG_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
DIGEST_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"


@dataclass(frozen=True)
class SamlSettings:
    base_url: str
    entity_id: str
    idp_metadata: str  # a file path, or an http(s) URL
    key_file: Path
    cert_file: Path
    mapping_file: Path
    xmlsec_binary: str
    idp_origins: tuple[str, ...] = ()

    @property
    def secure(self) -> bool:
        return self.base_url.startswith("https://")


def saml_settings_from_env(env: Mapping[str, str], *, debug: bool) -> SamlSettings | None:
    """The SAML settings when ``SUNDHEDSAFTALE_SAML=1``, else ``None``.

    Refuses (ImproperlyConfigured, naming the variable) a missing or unreadable setting, and outside DEBUG a
    base URL or metadata URL that is not https: the identity provider posts the signed assertion to it.
    """
    if env.get(ENV_PREFIX, "0") != "1":
        return None

    def required(name: str) -> str:
        value = env.get(f"{ENV_PREFIX}_{name}", "").strip()
        if not value:
            raise ImproperlyConfigured(
                f"{ENV_PREFIX}_{name} skal sættes, når {ENV_PREFIX}=1 (docs/sign-in.md)"
            )
        return value

    def existing_file(name: str) -> Path:
        path = Path(required(name))
        if not path.is_file():
            raise ImproperlyConfigured(f"{ENV_PREFIX}_{name}: filen '{path}' findes ikke")
        return path

    base_url = required("BASE_URL").rstrip("/")
    if not base_url.startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"{ENV_PREFIX}_BASE_URL skal begynde med https:// (fik '{base_url}')")
    if not debug and not base_url.startswith("https://"):
        raise ImproperlyConfigured(f"{ENV_PREFIX}_BASE_URL skal bruge https, når SUNDHEDSAFTALE_DEBUG=0")
    metadata = required("IDP_METADATA")
    if metadata.startswith(("http://", "https://")):
        if metadata.startswith("http://") and not (debug or _is_loopback(metadata)):
            raise ImproperlyConfigured(
                f"{ENV_PREFIX}_IDP_METADATA skal hentes over https, når SUNDHEDSAFTALE_DEBUG=0 (fik '{metadata}')"
            )
    elif not Path(metadata).is_file():
        raise ImproperlyConfigured(f"{ENV_PREFIX}_IDP_METADATA: filen '{metadata}' findes ikke")
    xmlsec = env.get(f"{ENV_PREFIX}_XMLSEC", "").strip() or shutil.which("xmlsec1") or ""
    if not xmlsec or not Path(xmlsec).is_file():
        raise ImproperlyConfigured(
            f"xmlsec1 mangler (Debian-pakken 'xmlsec1'; eller sæt {ENV_PREFIX}_XMLSEC til programmets sti)"
        )
    return SamlSettings(
        base_url=base_url,
        entity_id=env.get(f"{ENV_PREFIX}_ENTITY_ID", "").strip() or base_url + METADATA_PATH,
        idp_metadata=metadata,
        key_file=existing_file("KEY_FILE"),
        cert_file=existing_file("CERT_FILE"),
        mapping_file=existing_file("MAPPING_FILE"),
        xmlsec_binary=xmlsec,
        idp_origins=_idp_origins(env.get(f"{ENV_PREFIX}_IDP_ORIGINS", ""), metadata),
    )


def _idp_origins(configured: str, metadata: str) -> tuple[str, ...]:
    """Where the browser is sent for sign-in and single logout: the Content-Security-Policy's form-action must
    allow them, since "Log ud" is a form whose answer redirects to the IdP. Configured explicitly
    (SUNDHEDSAFTALE_SAML_IDP_ORIGINS, comma separated), or read from a local metadata file's endpoints, or the origin
    of a metadata URL."""
    if configured.strip():
        origins = [o.strip().rstrip("/") for o in configured.split(",") if o.strip()]
        bad = [o for o in origins if not o.startswith(("https://", "http://")) or urlsplit(o).path]
        if bad:
            raise ImproperlyConfigured(
                f"{ENV_PREFIX}_IDP_ORIGINS: '{bad[0]}' er ikke en oprindelse som https://idp.example.dk"
            )
        return tuple(dict.fromkeys(origins))
    if metadata.startswith(("http://", "https://")):
        parts = urlsplit(metadata)
        return (f"{parts.scheme}://{parts.netloc}",)
    from defusedxml import ElementTree

    found = []
    for element in ElementTree.parse(metadata).iter():
        location = element.get("Location")
        if location:
            parts = urlsplit(location)
            found.append(f"{parts.scheme}://{parts.netloc}")
    return tuple(dict.fromkeys(found))


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def pysaml2_config(saml: SamlSettings) -> dict[str, Any]:
    """The service provider's pysaml2 configuration, in the shape of the OIOSAML 3 profile.

    Requests and logout messages are signed (SHA-256); the IdP must sign the assertion, may encrypt it to our
    certificate, and may answer only a request this browser session made (no unsolicited responses, so a
    response cannot be replayed in another session or after it was used).
    """
    if saml.idp_metadata.startswith(("http://", "https://")):
        metadata: dict[str, Any] = {"remote": [{"url": saml.idp_metadata}]}
    else:
        metadata = {"local": [saml.idp_metadata]}
    return {
        "entityid": saml.entity_id,
        "xmlsec_binary": saml.xmlsec_binary,
        # OIOSAML 3 attributes have URI names that pysaml2 has no converter for; keep them by their full name.
        "allow_unknown_attributes": True,
        "accepted_time_diff": 60,
        "metadata": metadata,
        "key_file": str(saml.key_file),
        "cert_file": str(saml.cert_file),
        "encryption_keypairs": [{"key_file": str(saml.key_file), "cert_file": str(saml.cert_file)}],
        "service": {
            "sp": {
                "name": "Sundhedsaftale",
                "endpoints": {
                    "assertion_consumer_service": [(saml.base_url + ACS_PATH, BINDING_HTTP_POST)],
                    "single_logout_service": [
                        (saml.base_url + SLS_PATH, BINDING_HTTP_REDIRECT),
                        (saml.base_url + SLS_POST_PATH, BINDING_HTTP_POST),
                    ],
                },
                "name_id_format": NAMEID_FORMAT_PERSISTENT,
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "allow_unsolicited": False,
                "force_authn": False,
            }
        },
    }


_lock = threading.Lock()
_cached: dict[str, tuple[float, Any]] = {}


def sp_config(request: object = None) -> Any:
    """djangosaml2's config loader (``SAML_CONFIG_LOADER``): the parsed SPConfig of ``settings.SAML_CONFIG``.

    Parsed once per configuration and kept; a remote metadata document is fetched again after
    :data:`METADATA_REFRESH_SECONDS`.
    """
    from django.conf import settings
    from saml2.config import SPConfig

    raw = settings.SAML_CONFIG
    key = json.dumps(raw, sort_keys=True, default=str)
    now = time.monotonic()
    with _lock:
        hit = _cached.get(key)
        if hit is not None and now - hit[0] < METADATA_REFRESH_SECONDS:
            return hit[1]
        config = SPConfig()
        config.load(copy.deepcopy(raw))
        _cached.clear()
        _cached[key] = (now, config)
        return config
