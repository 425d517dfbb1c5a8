"""URLs served only during `make bench`: the project's own, plus two yardsticks.

- ``/_ceiling/<page>/``: the page's own template rendered from rows loaded once and held in
  memory, through the same middleware and sign-in, every part of it written on each
  request: what the page would cost if its queries were free and nothing it writes were
  kept. Each list is measured against this render ceiling. A desk list asked again takes
  the HTML of its parts from the worker's memory (desk/views.py, list_shown), so it can be
  faster than its ceiling.
- ``/_legacy-admin/``: the claim changelist configured as it was before this work (full
  count, date hierarchy, a filter listing every article, icontains search across joins),
  so the bench compares against "today" in the same run, on the same server and data.
"""

from django.contrib import admin
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import include, path

from claims import counting, pagination, reference
from claims.api.views import claim_item
from claims.desk.views import (
    bulk_form,
    dashboard_shown,
    list_shown,
    speaker_shown,
    status_summary,
)
from claims.filters import ClaimFilter, PublicFilter
from claims.models import Claim, Speaker
from claims.permissions import reader_page
from claims.representation import values_of
from factcheck.urls import urlpatterns as project_urls

_memory = {}


def _held(name, build):
    if name not in _memory:
        _memory[name] = build()
    return _memory[name]


def _frozen(form, *names):
    """The form with the model choices of fields ``names`` read once, so that rendering it
    runs no query."""
    for name in names:
        widget = form.fields[name].widget
        widget.choices = list(widget.choices)
    return form


@reader_page
def list_ceiling(request):
    # Every part the list writes (desk/views.list_shown), written on each request from rows
    # and counts held in memory. A list asked again takes those parts from the worker's
    # memory instead, so it can be faster than this ceiling.
    rows, counts = _held(
        "list", lambda: (list(Claim.objects.for_rows()[:25]), counting.from_tally())
    )
    page = pagination.Page(rows, number=1, next_number=2, next_cursor="x")
    filterset = ClaimFilter(None, queryset=Claim.objects.none())
    context = {
        **list_shown(filterset, counts, page, QueryDict()),
        "bulk_form": bulk_form(request.user, reference.current()),
    }
    return render(request, "claims/claim_list.html", context)


@reader_page
def speaker_ceiling(request):
    # Every part the speaker page writes (desk/views.speaker_shown), written on each
    # request from rows and counts held in memory, as list_ceiling writes the list's.
    def read():
        speaker = Speaker.objects.order_by("pk").prefetch_related("aliases").first()
        rows = list(Claim.objects.for_rows().by_speaker(speaker)[:25])
        return speaker, counting.from_tally(speakers=[speaker.pk]), rows

    speaker, counts, rows = _held("speaker", read)
    page = pagination.Page(rows, number=1, next_number=2, next_cursor="x")
    context = {
        **speaker_shown(speaker, counts, page, QueryDict()),
        # The bench's editor may merge speakers: the page shows them the merge form.
        "merging": True,
    }
    return render(request, "claims/speaker_detail.html", context)


@reader_page
def dashboard_ceiling(request):
    # The dashboard's HTML (desk/views.dashboard_shown) written on each request from rows
    # and counts held in memory.
    shown = _held(
        "dashboard",
        lambda: {
            "statuses": status_summary(counting.from_tally().by_status),
            "queue": list(Claim.objects.for_rows().needing_review()[:20]),
            "recent": list(Claim.objects.for_rows()[:10]),
        },
    )
    return render(request, "claims/dashboard.html", dashboard_shown(shown))


def _public_context():
    filterset = PublicFilter(None, queryset=Claim.objects.none())
    _frozen(filterset.form, "verdict")
    rows = list(Claim.objects.for_public()[:20])
    return {
        "filter": filterset,
        "invalid": False,
        "page": pagination.Page(rows, number=1, next_number=2, next_cursor="x"),
        "query": QueryDict(),
    }


@reader_page
def api_ceiling(request):
    # Each row as the API writes it (claim_item: the row and its link), from rows in memory
    # (values_of, as the API reads them).
    rows = _held("api", lambda: list(values_of(Claim.objects.filter(status="new"))[:50]))
    serialise = claim_item(request)
    return JsonResponse(
        {
            "count": 0,
            "count_exact": True,
            "next": request.build_absolute_uri("?after=x"),
            "previous": None,
            "results": [serialise(claim) for claim in rows],
        }
    )


def public_ceiling(request):
    return render(request, "public/index.html", _held("public", _public_context))


class LegacyClaimAdmin(admin.ModelAdmin):
    """ClaimAdmin's changelist options before the scale work."""

    list_display = ["text", "speaker", "relayed_by", "status", "rating", "source", "updated_at"]
    list_filter = ["status", "rating", "speaker__kind", "kind", "machine_proposed", "source"]
    search_fields = ["text", "speaker__name", "speaker__aliases__name", "source__title"]
    list_select_related = ["speaker", "relayed_by", "rating", "source"]
    date_hierarchy = "updated_at"


legacy_site = admin.AdminSite(name="legacy")
legacy_site.register(Claim, LegacyClaimAdmin)

urlpatterns = [
    path("_ceiling/api/", api_ceiling),
    path("_ceiling/public/", public_ceiling),
    path("_ceiling/list/", list_ceiling),
    path("_ceiling/speaker/", speaker_ceiling),
    path("_ceiling/dashboard/", dashboard_ceiling),
    path("_legacy-admin/", legacy_site.urls),
    path("", include(project_urls)),
]
