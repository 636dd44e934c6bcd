from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "sundhedsaftale.agreements"
    label = "agreements"
    verbose_name = "Sundhedsaftaler"
