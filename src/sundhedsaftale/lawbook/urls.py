from __future__ import annotations

from django.urls import path

from . import views

app_name = "lawbook"

urlpatterns = [
    path("lov/", views.index, name="index"),
    path("lov/opslag/", views.lookup, name="lookup"),
    # Before the source route: "aendringer" is never a source id (ids are bek-…/vej-…).
    path("lov/aendringer/", views.changes, name="changes"),
    path("lov/aendringer/verificer/", views.change_verify_view, name="change_verify"),
    path("lov/aendringer/<str:change_id>/tilbagekald/", views.change_withdraw_view, name="change_withdraw"),
    path("lov/<str:source_id>/", views.source, name="source"),
    # Before the unit route: "henvisninger" is never a unit id (ids are sec_…, title, preamble, signature).
    path("lov/<str:source_id>/henvisninger/", views.references, name="references"),
    path("lov/<str:source_id>/<str:unit_id>/", views.unit, name="unit"),
    path("regler/", views.rules, name="rules"),
]
