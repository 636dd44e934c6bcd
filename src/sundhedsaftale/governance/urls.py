"""Governance URLs, gathered from the view modules."""

from __future__ import annotations

from .views import bodies, facts, interchange, meetings, overview

app_name = "governance"

urlpatterns = [
    *overview.urlpatterns,
    *bodies.urlpatterns,
    *facts.urlpatterns,
    *meetings.urlpatterns,
    *interchange.urlpatterns,
]
