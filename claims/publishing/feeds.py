"""The Atom feed of the latest published fact-checks."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from claims.models import Claim


class LatestFactChecks(Feed):
    feed_type = Atom1Feed
    title = "Latest fact-checks"
    subtitle = "Claims checked and published by the newsroom."

    def link(self):
        return reverse("public:index")

    def items(self):
        return Claim.objects.for_public()[:50]

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
