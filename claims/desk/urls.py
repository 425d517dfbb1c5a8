from django.urls import path

from . import views

app_name = "claims"

urlpatterns = [
    path("", views.claim_list, name="claim-list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("claims/bulk/", views.claim_bulk, name="claim-bulk"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("claims/<int:pk>/review/", views.claim_review, name="claim-review"),
    path("claims/<int:pk>/evidence/", views.evidence_add, name="evidence-add"),
    path("claims/<int:pk>/publish/", views.claim_publish, name="claim-publish"),
    path(
        "claims/<int:pk>/suggestions/<int:suggestion>/<str:decision>/",
        views.suggestion_decide,
        name="suggestion-decide",
    ),
    path("claims/<int:pk>/unpublish/", views.claim_unpublish, name="claim-unpublish"),
    path("speakers/<int:pk>/", views.speaker_detail, name="speaker-detail"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
]
