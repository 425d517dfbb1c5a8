from django.urls import path

from . import entry, views

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
    path("claims/<int:pk>/relations/", entry.relation_add, name="relation-add"),
    path(
        "claims/<int:pk>/relations/<int:relation>/remove/",
        entry.relation_remove,
        name="relation-remove",
    ),
    path("claims/<int:pk>/evidence/<int:evidence>/", entry.evidence_edit, name="evidence-edit"),
    path(
        "claims/<int:pk>/evidence/<int:evidence>/delete/",
        entry.evidence_delete,
        name="evidence-delete",
    ),
    path("speakers/<int:pk>/", views.speaker_detail, name="speaker-detail"),
    path("speakers/<int:pk>/merge/", entry.speaker_merge, name="speaker-merge"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
    path("sources/<int:pk>/claims/new/", entry.claim_new, name="claim-new"),
]
