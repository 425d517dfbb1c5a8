from django.urls import path
from django.views.decorators.http import require_safe

from . import feeds, views
from .cache import kept_for_readers

app_name = "public"

# Public: no sign-in. Mounted at /fact-checks/ by the root URLconf.
urlpatterns = [
    path("", views.fact_check_index, name="index"),
    path("ratings/", views.rating_scale, name="ratings"),
    # Syndication's Feed answers any method; a feed is only ever read.
    path("feed/", require_safe(kept_for_readers(feeds.LatestFactChecks())), name="feed"),
    # The stable address aggregators are given: every published fact-check as ClaimReview.
    path("claimreview-datafeed.json", views.claimreview_datafeed, name="datafeed"),
    path("<int:pk>/", views.fact_check, name="fact-check"),
]

# Signed in: the desk list's exports. The root URLconf mounts these in the desk's
# "claims" namespace, beside the list they export.
desk_urlpatterns = [
    path("export/<slug:fmt>/", views.claim_export, name="claim-export"),
]
