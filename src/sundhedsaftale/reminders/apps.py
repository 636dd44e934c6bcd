from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "sundhedsaftale.reminders"
    label = "reminders"
    default_auto_field = "django.db.models.BigAutoField"
