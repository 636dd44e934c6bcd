from __future__ import annotations

from django.urls import include, path

from sundhedsaftale.api.main import api

from . import views
from .health import healthz
from .region_archive import region_archive

web_patterns = [
    path("", views.home, name="home"),
    path("oversigt/", views.dashboard, name="dashboard"),
    path("regioner/<str:code>/", views.region_detail, name="region"),
    path("regioner/<str:code>/beslutninger/ny/", views.decision_new, name="decision_create"),
    path("regioner/<str:code>/beslutninger/<str:key>/rediger/", views.decision_edit, name="decision_edit"),
    path("revisionsspor/", views.audit_log, name="audit"),
    path("regioner/<str:code>/arkiv/", region_archive, name="region_archive"),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include((web_patterns, "web"))),
    path("", include("sundhedsaftale.accounts.urls")),
    path("", include("sundhedsaftale.sso.urls")),
    path("", include("sundhedsaftale.lawbook.urls")),
    path("", include("sundhedsaftale.governance.urls")),
    path("", include("sundhedsaftale.agreements.urls")),
    path("", include("sundhedsaftale.review.urls")),
    path("", include("sundhedsaftale.transition.views")),
    path("", include("sundhedsaftale.reminders.views")),
    path("", include("sundhedsaftale.hearings.views")),
    path("", include("sundhedsaftale.followup.views")),
    path("", include("sundhedsaftale.datasupport.views")),
    path("", include("sundhedsaftale.public.urls")),
    path("", include("sundhedsaftale.search.views")),
    path("", include("sundhedsaftale.knowledge.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]

handler403 = "sundhedsaftale.web.views.permission_denied"
