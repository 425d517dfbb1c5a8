"""Reading published fact-checks: the queryset for readers and their ClaimReview markup."""

from django.conf import settings
from django.utils.html import strip_tags

from .claimreview import claim_review
from .models import Claim, Rating


def published_claims():
    """Published fact-checks, newest first, with everything their markup needs."""
    return (
        Claim.objects.published()
        .select_related("speaker", "source", "rating")
        .order_by("-published_at", "-pk")
    )


def review_of(claim, url, bounds=None):
    """The ClaimReview dictionary for a published claim whose public page is ``url``."""
    worst, best = bounds or Rating.objects.scale_bounds()
    source = claim.source
    return claim_review(
        url=url,
        claim_text=claim.text,
        rating_label=claim.rating.label,
        rating_value=claim.rating.value,
        best=best,
        worst=worst,
        explanation=strip_tags(claim.notes).strip(),
        date_published=claim.published_at,
        publisher_name=settings.PUBLISHER_NAME,
        publisher_url=settings.PUBLISHER_URL,
        speaker_name=claim.speaker.name,
        speaker_kind=claim.speaker.kind,
        speaker_same_as=claim.speaker.same_as,
        claim_date=claim.claimed_on,
        source_url=source.url,
        source_title=source.title,
        source_date=source.published_on,
    )
