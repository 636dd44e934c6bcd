"""The portal's stable addresses (ADR 0042): a page, its JSON twin under ``/api/v1/public/``, and the feed."""

from __future__ import annotations

from django.urls import path

from . import views
from .feeds import PublishedDocumentsFeed

app_name = "public"

urlpatterns = [
    path("offentlig/", views.index, name="index"),
    path("offentlig/feed.atom", PublishedDocumentsFeed(), name="feed"),
    path("offentlig/regioner/<str:code>/", views.region, name="region"),
    path("offentlig/kommuner/<str:municipality_code>/", views.municipality, name="municipality"),
    path("offentlig/klynger/<str:cluster_id>/", views.cluster, name="cluster"),
    path("offentlig/aftaler/<str:key>/", views.agreement, name="agreement"),
    path(
        "offentlig/aftaler/<str:key>/version/<int:number>.<str:fmt>",
        views.agreement_document,
        name="agreement_document",
    ),
    path("offentlig/breve/<int:letter_id>.<str:fmt>", views.letter_file, name="letter_file"),
    path("offentlig/organer/<str:body_key>/", views.body, name="body"),
    path("offentlig/moeder/<int:pk>/", views.meeting, name="meeting"),
    path("offentlig/dagsordener/<int:pk>.<str:fmt>", views.agenda_file, name="agenda_file"),
    path("organer/<str:body_key>/offentliggoer/", views.publish_body, name="body_publish"),
    path(
        "organer/<str:body_key>/offentliggoer/tilbagetraek/",
        views.withdraw_body,
        name="body_publication_withdraw",
    ),
]
