from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "sundhedsaftale.review"
    label = "review"
    verbose_name = "Sundhedsstyrelsens sagsbehandling"
