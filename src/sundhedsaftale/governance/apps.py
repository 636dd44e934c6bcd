from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "sundhedsaftale.governance"
    label = "governance"
    verbose_name = "Organer, medlemmer og møder"
