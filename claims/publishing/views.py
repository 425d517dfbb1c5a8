"""What readers and machines get: published fact-checks (no sign-in), and exports (signed in)."""

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from claims import pagination, permissions
from claims.claimreview import script_json
from claims.filters import ClaimFilter, PublicFilter
from claims.models import Claim, Rating
from claims.representation import review_of

from . import exports

PER_PAGE = 20


@require_safe
def fact_check_index(request):
    filterset = PublicFilter(request.GET or None, queryset=Claim.objects.for_public())
    invalid = filterset.is_bound and not filterset.is_valid()
    # Keyset pages over the published-claims index (claims/pagination.py): no count.
    try:
        page = pagination.paginate(filterset.qs, request.GET, PER_PAGE)
    except pagination.BadCursor:
        page = pagination.paginate(filterset.qs, {}, PER_PAGE)
        invalid = True
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


@permissions.reader_page
@require_safe
def claim_export(request, fmt):
    """Exactly the claims the desk's list shows for the same query string, streamed."""
    if fmt not in exports.FORMATS:
        raise Http404("Unknown export format.")
    content_type, filename, produce = exports.FORMATS[fmt]
    claims = ClaimFilter.for_request(request).results()
    response = StreamingHttpResponse(
        produce(claims, lambda claim: request.build_absolute_uri(claim.get_public_url())),
        content_type=content_type,
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
