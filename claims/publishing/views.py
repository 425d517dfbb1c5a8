"""What readers and machines get: published fact-checks (no sign-in), and exports (signed in)."""

from django.conf import settings
from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from claims import pagination, permissions, querystring
from claims.claimreview import script_json
from claims.filters import ClaimFilter, PublicFilter
from claims.highlight import excerpt
from claims.models import Claim, Rating, bounds_of
from claims.representation import review_of

from . import exports, feeds
from .cache import kept_for_readers

PER_PAGE = 20


def _public(request, template, context, status=200):
    """Render a reader-facing page: its base names the publisher."""
    context = {
        "publisher_name": settings.PUBLISHER_NAME,
        "publisher_url": settings.PUBLISHER_URL,
        **context,
    }
    return render(request, template, context, status=status)


@require_safe
@kept_for_readers(parameters=(*PublicFilter.base_filters, "page", "after", "before"))
def fact_check_index(request):
    filterset = PublicFilter(request.GET or None, queryset=Claim.objects.for_public())
    invalid = filterset.is_bound and not filterset.is_valid()
    # Keyset pages over the published-claims index (claims/pagination.py): no count.
    try:
        page = pagination.paginate(filterset.qs, request.GET, PER_PAGE)
    except pagination.BadCursor:
        page = pagination.paginate(filterset.qs, {}, PER_PAGE)
        invalid = True
    return _public(
        request,
        "public/index.html",
        {"filter": filterset, "page": page, "invalid": invalid, "query": request.GET},
    )


@require_safe
@kept_for_readers
def fact_check(request, pk):
    claim = get_object_or_404(
        Claim.objects.select_related("speaker", "source", "rating", "reviewed_by"), pk=pk
    )
    if not claim.is_published:
        if claim.first_published_at:
            # Withdrawn: say so, so that search engines drop the page rather than retry.
            return _public(request, "public/withdrawn.html", {"claim": claim}, status=410)
        raise Http404("No such fact-check.")
    url = request.build_absolute_uri(claim.get_public_url())
    ratings = list(Rating.objects.all())
    review = review_of(claim, url, bounds_of(ratings))
    context = {
        "claim": claim,
        "excerpt": excerpt(claim.source.body, claim.span_start, claim.span_end),
        "scale": ratings,
        "evidence": claim.evidence.all(),
        "corrections": claim.corrections.all(),
        "markup": script_json(review),
        "page_url": url,
        "summary": review.get("reviewBody", ""),
    }
    return _public(request, "public/fact_check.html", context)


@require_safe
def claimreview_datafeed(request):
    response = StreamingHttpResponse(
        feeds.claimreview_datafeed(
            request.build_absolute_uri(request.path),
            lambda claim: request.build_absolute_uri(claim.get_public_url()),
        ),
        content_type="application/ld+json; charset=utf-8",
    )
    return response


@require_safe
@kept_for_readers
def rating_scale(request):
    worst, best = Rating.objects.scale_bounds()
    return _public(
        request,
        "public/ratings.html",
        {"ratings": Rating.objects.all(), "worst": worst, "best": best},
    )


@permissions.reader_page
@require_safe
def claim_export(request, fmt):
    """Exactly the claims the desk's list shows for the same query string, streamed."""
    if fmt not in exports.FORMATS:
        raise Http404("Unknown export format.")
    content_type, filename, produce = exports.FORMATS[fmt]
    filterset = ClaimFilter.for_request(request)
    # An export that silently dropped a filter would hand over the wrong (bigger) list.
    problem = querystring.refusal(request.GET, filterset)
    if problem:
        return HttpResponseBadRequest(
            "Nothing exported. " + querystring.describe(problem) + "\n",
            content_type="text/plain; charset=utf-8",
        )
    claims = filterset.results()
    response = StreamingHttpResponse(
        produce(claims, lambda claim: request.build_absolute_uri(claim.get_public_url())),
        content_type=content_type,
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
