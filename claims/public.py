"""Pages anyone can read, without signing in: published fact-checks and the rating scale."""

import django_filters
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from .claimreview import script_json
from .filters import MAX_SEARCH, speaker_q
from .models import Claim, Rating
from .published import published_claims, review_of

PER_PAGE = 20


class PublicFilter(django_filters.FilterSet):
    speaker = django_filters.CharFilter(
        method="filter_speaker", max_length=MAX_SEARCH, label="Speaker"
    )
    verdict = django_filters.ModelChoiceFilter(
        field_name="rating", queryset=Rating.objects.all(), empty_label="Any verdict"
    )

    class Meta:
        model = Claim
        fields = []

    def filter_speaker(self, queryset, name, value):
        return queryset.filter(speaker_q("speaker", value)).distinct()


@require_safe
def fact_check_index(request):
    filterset = PublicFilter(request.GET or None, queryset=published_claims())
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
    invalid = filterset.is_bound and not filterset.is_valid()
    return render(
        request, "public/index.html", {"filter": filterset, "page": page, "invalid": invalid}
    )


@require_safe
def fact_check(request, pk):
    claim = get_object_or_404(Claim.objects.select_related("speaker", "source", "rating"), pk=pk)
    if not claim.is_published:
        if claim.first_published_at:
            # Withdrawn: say so, so that search engines drop the page rather than retry.
            return render(request, "public/withdrawn.html", {"claim": claim}, status=410)
        raise Http404("No such fact-check.")
    url = request.build_absolute_uri(claim.get_public_url())
    context = {
        "claim": claim,
        "evidence": claim.evidence.all(),
        "markup": script_json(review_of(claim, url)),
    }
    return render(request, "public/fact_check.html", context)


@require_safe
def rating_scale(request):
    worst, best = Rating.objects.scale_bounds()
    return render(
        request,
        "public/ratings.html",
        {"ratings": Rating.objects.all(), "worst": worst, "best": best},
    )


class LatestFactChecks(Feed):
    feed_type = Atom1Feed
    title = "Latest fact-checks"
    subtitle = "Claims checked and published by the newsroom."

    def link(self):
        return reverse("public:index")

    def items(self):
        return published_claims()[:50]

    def item_title(self, claim):
        return f"{claim.rating.label}: {claim.speaker.name} — “{claim.text[:120]}”"

    def item_description(self, claim):
        return f"{claim.speaker.name} claimed: “{claim.text}”. Verdict: {claim.rating.label}."

    def item_link(self, claim):
        return claim.get_public_url()

    def item_pubdate(self, claim):
        return claim.published_at

    def item_updateddate(self, claim):
        return claim.updated_at
