from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "sundhedsaftale.registry"
    label = "registry"
    verbose_name = "Regioner, kommuner og sundhedsklynger"
