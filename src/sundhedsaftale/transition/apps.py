from django.apps import AppConfig


class TransitionConfig(AppConfig):
    name = "sundhedsaftale.transition"
    label = "transition"
    default_auto_field = "django.db.models.BigAutoField"
