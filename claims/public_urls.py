from django.urls import path

from . import public

app_name = "public"

urlpatterns = [
    path("", public.fact_check_index, name="index"),
    path("ratings/", public.rating_scale, name="ratings"),
    path("feed/", public.LatestFactChecks(), name="feed"),
    path("<int:pk>/", public.fact_check, name="fact-check"),
]
