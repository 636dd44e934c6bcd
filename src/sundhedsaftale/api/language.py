"""Findings in the language the client asks for (ADR 0051): ``?lang=en`` or ``Accept-Language: en``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sundhedsaftale.core.rules import finding_in_english
from sundhedsaftale.web import words
from sundhedsaftale.web.platform import english


def findings_in_language(found: Iterable[dict[str, Any]], lang: str | None) -> list[dict[str, Any]]:
    """The findings as given (Danish), or in English when ``lang`` says so or, without ``lang``, the request's
    language (LocaleMiddleware reads Accept-Language) is English."""
    if (lang or words.language()) != "en":
        return list(found)
    texts = english()
    return [finding_in_english(f, texts) for f in found]
