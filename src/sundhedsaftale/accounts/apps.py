from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sundhedsaftale.accounts"
    label = "accounts"
    verbose_name = "Brugere og revisionsspor"
