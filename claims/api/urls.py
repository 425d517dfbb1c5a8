from django.urls import path

from . import views as api

app_name = "api"

urlpatterns = [
    path("claims/", api.claim_list, name="claim-list"),
    path("claims/<int:pk>/", api.claim_detail, name="claim-detail"),
    path("speakers/", api.speaker_list, name="speaker-list"),
    path("speakers/<int:pk>/", api.speaker_detail, name="speaker-detail"),
    path("sources/", api.source_list, name="source-list"),
    path("sources/<int:pk>/", api.source_detail, name="source-detail"),
    path("openapi.json", api.openapi, name="openapi"),
]
