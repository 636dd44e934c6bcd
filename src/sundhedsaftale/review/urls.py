from __future__ import annotations

from django.urls import path

from . import decision_views, views

app_name = "review"

urlpatterns = [
    path("sst/", views.queue, name="queue"),
    path("sst/aftaler/<str:key>/", views.case_page, name="case"),
    path("sst/aftaler/<str:key>/modtagelse/", views.receipt, name="receipt"),
    path("sst/aftaler/<str:key>/fund/<str:rule_id>/", views.finding, name="finding"),
    path("sst/aftaler/<str:key>/spoergsmaal/", views.information_request, name="information_request"),
    path("sst/aftaler/<str:key>/afgoerelse/", decision_views.decision, name="decision"),
    path("sst/aftaler/<str:key>/sagsfil.json", views.case_file, name="case_file"),
    path("sst/aftaler/<str:key>/breve/<int:letter_id>/offentliggoer/", views.publish, name="publish"),
    path("aftaler/<str:key>/afgoerelser/", views.region_letters, name="region_letters"),
    path("aftaler/<str:key>/spoergsmaal/svar/", views.information_answer, name="information_answer"),
    path("aftaler/<str:key>/breve/<int:letter_id>.<str:fmt>", views.letter_file, name="letter_file"),
]
