from django.apps import AppConfig


class LawbookConfig(AppConfig):
    name = "sundhedsaftale.lawbook"
    label = "lawbook"
    verbose_name = "Lovgrundlag og regler"
