"""Governance URLs, gathered from the view modules."""

from __future__ import annotations

from .views import bodies, facts, interchange, meetings, overview, statements

app_name = "governance"

urlpatterns = [
    *overview.urlpatterns,
    *bodies.urlpatterns,
    *facts.urlpatterns,
    *statements.urlpatterns,
    *meetings.urlpatterns,
    *interchange.urlpatterns,
]
