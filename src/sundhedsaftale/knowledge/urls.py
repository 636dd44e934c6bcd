"""The catalogue's addresses (ADR 0048)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("offentlig/katalog/", views.public_catalogue, name="public_catalogue"),
    path("offentlig/katalog/katalog.<str:fmt>", views.public_catalogue_file, name="public_catalogue_file"),
    path("offentlig/katalog/tiltag/<str:entry>/", views.public_entry, name="public_entry"),
    path(
        "offentlig/katalog/tiltag/<str:entry>/fil.<str:fmt>",
        views.public_entry_file,
        name="public_entry_file",
    ),
    path("offentlig/katalog/tiltag/<str:entry>/dokumentation", views.public_evidence, name="public_evidence"),
    path("katalog/", views.catalogue, name="catalogue"),
    path("katalog/<str:entry>/", views.entry, name="entry"),
    path("katalog/<str:entry>/dokumentation", views.evidence, name="evidence"),
    path("katalog/<str:entry>/udbredelse/", views.mark, name="mark"),
    path("katalog/<str:entry>/udbredelse/tilbagekald/", views.unmark, name="unmark"),
    path("katalog/<str:entry>/foelg/", views.follow_entry, name="follow"),
    path("katalog/<str:entry>/foelg/stop/", views.unfollow_entry, name="unfollow"),
]
