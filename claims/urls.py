from django.urls import path

from . import views

app_name = "claims"

urlpatterns = [
    path("", views.claim_list, name="claim-list"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("speakers/<int:pk>/", views.speaker_detail, name="speaker-detail"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
]
