from django.apps import AppConfig


class DatasupportConfig(AppConfig):
    """Data support for the clusters' population responsibility: computed indicator values and their dashboards
    (ADR 0043, ADR 0049)."""

    name = "sundhedsaftale.datasupport"
    label = "datasupport"
    default_auto_field = "django.db.models.BigAutoField"
