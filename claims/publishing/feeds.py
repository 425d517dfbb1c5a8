"""Feeds of published fact-checks: the Atom feed for readers, and the ClaimReview DataFeed
(schema.org DataFeed of ClaimReview items, the shape fact-check aggregators ingest)."""

import json

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from claims import pagination
from claims.models import Claim, Rating
from claims.representation import review_of
from claims.sanitize import clean_html, strip_control_characters

LATEST = 50
CHUNK = 500


def _text(value):
    # XML 1.0 cannot carry control characters at all: one \x0c pasted from a PDF would
    # otherwise make the whole feed fail for every reader.
    return strip_control_characters(str(value))


class LatestFactChecks(Feed):
    """Atom (RFC 4287): the feed names its author, so every entry has one; an entry's
    <updated> moves when a correction is published, and its summary carries the note."""

    feed_type = Atom1Feed
    title = "Latest fact-checks"
    subtitle = "Claims checked and published by the newsroom."

    def link(self):
        return reverse("public:index")

    def feed_url(self):
        return reverse("public:feed")

    def author_name(self):
        return _text(settings.PUBLISHER_NAME)

    def author_link(self):
        return settings.PUBLISHER_URL or None

    def items(self):
        return pagination.in_key_order(
            Claim.objects.for_public()
            .defer("source__body", "notes")
            .prefetch_related("corrections")
        )[:LATEST]

    def item_author_name(self, claim):
        # Repeated on each entry: aggregators often read entries one by one.
        return _text(settings.PUBLISHER_NAME)

    def item_title(self, claim):
        return _text(f"{claim.rating.label}: {claim.checked_claim}")

    def item_description(self, claim):
        # Atom's <summary type="html">: text is escaped exactly once here, and the
        # explanation is the one sanitising policy's HTML.
        parts = [
            f"<p><strong>{escape(claim.rating.label)}</strong>. {escape(claim.speaker.name)} "
            f"said: “{escape(claim.text)}”</p>",
            clean_html(claim.explanation),
        ]
        corrections = list(claim.corrections.all())
        if corrections:
            latest = corrections[-1]
            parts.append(f"<p>Updated {latest.made_at:%Y-%m-%d}: {escape(latest.note)}</p>")
        return _text("\n".join(parts))

    def item_link(self, claim):
        return claim.get_public_url()

    def item_pubdate(self, claim):
        return claim.published_at

    def item_updateddate(self, claim):
        return claim.modified_at


def _json_lines(head, items, tail):
    yield head
    first = True
    for item in items:
        yield ("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False)
        first = False
    yield tail


def claimreview_datafeed(feed_url, public_url):
    """The DataFeed of every published fact-check, streamed in chunks (JSON-LD text).

    ``public_url(claim)`` gives the absolute address of a claim's public page.
    """
    published = Claim.objects.for_public().defer("source__body", "notes")
    modified = published.aggregate(latest=Max(Coalesce("corrected_at", "published_at")))["latest"]
    bounds = Rating.objects.scale_bounds()
    head = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "name": f"{settings.PUBLISHER_NAME}: fact-checks",
            "url": feed_url,
            "dateModified": modified.isoformat() if modified else None,
            "publisher": {"@type": "Organization", "name": settings.PUBLISHER_NAME},
            "dataFeedElement": [],
        },
        ensure_ascii=False,
    )
    head = head[: -len("[]}")] + "["

    def elements():
        for claim in published.order_by("pk").iterator(chunk_size=CHUNK):
            review = review_of(claim, public_url(claim), bounds)
            review.pop("@context")
            element = {
                "@type": "DataFeedItem",
                "dateCreated": claim.published_at.isoformat(),
                "dateModified": claim.modified_at.isoformat(),
                "item": [review],
            }
            yield element

    return _json_lines(head, elements(), "\n]}\n")
