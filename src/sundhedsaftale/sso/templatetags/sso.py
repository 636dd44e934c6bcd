from __future__ import annotations

from django import template

from ..selectors import saml_enabled as _saml_enabled

register = template.Library()


@register.simple_tag
def saml_enabled() -> bool:
    """Whether to offer "Log ind med MitID Erhverv" (SAML is configured on this installation)."""
    return _saml_enabled()
