from __future__ import annotations

from django.urls import path

from . import annex_views, approval_views, content_views, views

app_name = "agreements"

urlpatterns = [
    path("aftaler/", views.agreement_list, name="list"),
    path("aftaler/ny/<str:code>/", views.agreement_new, name="new"),
    path("aftaler/<str:key>/", views.agreement_detail, name="detail"),
    path("aftaler/<str:key>/trin/<str:step>/", views.agreement_step, name="step"),
    path("aftaler/<str:key>/versioner/", views.agreement_versions, name="versions"),
    path("aftaler/<str:key>/godkendelser/", approval_views.agreement_approvals, name="approvals"),
    path("aftaler/<str:key>/bilag/", annex_views.agreement_annexes, name="annexes"),
    path("aftaler/<str:key>/bilag/<int:annex_pk>/", annex_views.annex_download, name="annex_download"),
    path("aftaler/<str:key>/version/<int:number>.<str:fmt>", views.agreement_document, name="document"),
    path("aftaler/<str:key>/indhold/", content_views.content_edit, name="content_edit"),
    path("aftaler/<str:key>/indhold/grundoplysninger/", content_views.content_basics, name="content_basics"),
    path("aftaler/<str:key>/indhold/omfang/", content_views.content_scope, name="content_scope"),
    path("aftaler/<str:key>/indhold/<str:section>/ny/", content_views.content_item, name="content_item_add"),
    path(
        "aftaler/<str:key>/indhold/<str:section>/<str:item_id>/",
        content_views.content_item,
        name="content_item_edit",
    ),
    path(
        "aftaler/<str:key>/indhold/<str:section>/<str:item_id>/fjern/",
        content_views.content_item_remove,
        name="content_item_remove",
    ),
    path("regioner/<str:code>/frister/", views.region_obligations, name="region_obligations"),
    path("regioner/<str:code>/frister.ics", views.region_obligations_ical, name="region_obligations_ical"),
]
