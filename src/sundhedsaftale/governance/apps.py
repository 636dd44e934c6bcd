from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "sundhedsaftale.governance"
    label = "governance"
    verbose_name = "Organer, medlemmer og møder"

    def ready(self) -> None:
        # Published minutes are public: the portal's meeting page reads them through its extension point.
        from sundhedsaftale.public.extensions import register_minutes

        from .meeting_selectors import public_minutes

        register_minutes(public_minutes)
