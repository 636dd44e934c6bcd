from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "sundhedsaftale.knowledge"
    label = "knowledge"
    verbose_name = "Vidensdeling"

    def ready(self) -> None:
        from sundhedsaftale.public.extensions import register_paths
        from sundhedsaftale.reminders.sources import register_source

        from .notices import catalogue_candidates
        from .selectors import public_catalogue_paths

        register_source(catalogue_candidates)
        register_paths(public_catalogue_paths)
