from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sundhedsaftale.web"
    label = "web"
    verbose_name = "Sundhedsaftale"

    def ready(self) -> None:
        # Load and check law, reference data and rulebook once, at start-up: a malformed data file or a
        # citation to a unit that does not exist stops the platform here, naming file and line.
        from .platform import platform

        platform()
