"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest

from sundhedsaftale import __version__


def platform(request: HttpRequest) -> dict[str, object]:
    return {"platform_version": __version__}
