"""Template filters that show values and keys in words (``sundhedsaftale.web.words``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from .. import words

register = template.Library()


@register.filter
def in_words(value: Any) -> str:
    return words.in_words(value)


@register.filter
def parameter_label(key: str) -> str:
    return words.parameter_label(key)


@register.filter
def parameter_value(value: Any, key: str) -> str:
    """``{{ decision.value|parameter_value:decision.parameter }}``"""
    return words.parameter_value(key, value)


@register.filter
def field_label(name: str) -> str:
    return words.field_label(name)


@register.filter
def in_language(finding: Mapping[str, Any]) -> Mapping[str, Any]:
    """A finding dict in the request's language (``words.finding_in_language``)."""
    return words.finding_in_language(finding)


@register.filter
def get_item(mapping: Mapping[str, Any], key: str) -> Any:
    return mapping.get(key) if mapping else None
