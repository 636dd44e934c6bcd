from django.apps import AppConfig


class HearingsConfig(AppConfig):
    name = "sundhedsaftale.hearings"
    label = "hearings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from sundhedsaftale.reminders.sources import register_source

        from .reminders import hearing_candidates

        register_source(hearing_candidates)
