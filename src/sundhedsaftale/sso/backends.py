"""The authentication backend djangosaml2 calls with an assertion pysaml2 has verified."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from djangosaml2.backends import Saml2Backend

from sundhedsaftale.accounts.models import User

from .actions import saml_refusal_record, saml_sign_in
from .mapping import Refusal, assign, claims_from
from .selectors import sign_in_mapping

# Where the backend leaves the refusal for the assertion consumer view: authenticate() can only answer None.
REFUSAL_ATTRIBUTE = "saml_refusal"


class SamlBackend(Saml2Backend):
    """Maps the identity through the configured mapping file; never a default role (ADR 0014)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        session_info: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> User | None:
        if request is None or not session_info or "ava" not in session_info:
            return None
        mapping = sign_in_mapping()
        name_id = session_info.get("name_id")
        claims = claims_from(
            mapping,
            issuer=str(session_info.get("issuer") or ""),
            name_id=str(getattr(name_id, "text", "") or ""),
            attributes=session_info["ava"],
        )
        try:
            return saml_sign_in(claims=claims, assignment=assign(mapping, claims))
        except Refusal as refusal:
            saml_refusal_record(claims=claims, refusal=refusal)
            setattr(request, REFUSAL_ATTRIBUTE, refusal)
            return None
