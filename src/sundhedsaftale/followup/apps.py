from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "sundhedsaftale.followup"
    label = "followup"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Published status reports are public documents: the portal's region page, JSON and feed list them.
        from sundhedsaftale.public.extensions import register_documents

        from .public import published_status_reports

        register_documents("status_report", published_status_reports)
        # A report sent reaches Sundhedsstyrelsen's reviewers by e-mail; its receipt, the region's secretariat.
        from sundhedsaftale.reminders.sources import register_source

        from .reminders import status_report_candidates

        register_source(status_report_candidates)
