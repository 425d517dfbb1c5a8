"""The reader-facing fact-check page: the claim as checked, who said it where, the verdict on
its scale, the public explanation and sources, byline and dates, share tags, ClaimReview."""

import re

import extruct
import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim

from .conftest import make_claim, rating
from .published import WORDS, correct, published_claim

pytestmark = pytest.mark.django_db

# Google's ClaimReview guidelines: required, then recommended properties.
REQUIRED = {"claimReviewed", "reviewRating", "url", "author"}
RECOMMENDED = {"itemReviewed", "datePublished"}


@pytest.fixture
def fact_check(editor, settings):
    settings.PUBLISHER_NAME, settings.PUBLISHER_URL = "The Daily Check", "https://check.example"
    editor.first_name, editor.last_name = "Maria", "Okafor"
    editor.save()
    return published_claim(editor)


def page(client, claim):
    response = client.get(claim.get_public_url())
    assert response.status_code == 200
    return response.content.decode()


def claim_review(html, url="http://testserver/"):
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=True)
    [review] = [item for item in data["json-ld"] if item.get("@type") == "ClaimReview"]
    return review


def meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    assert found, f"no <meta {attribute}={name}>"
    return found.group(1)


def test_the_page_shows_the_claim_as_checked_beside_the_exact_words_in_context(client, fact_check):
    html = page(client, fact_check)
    assert '<h1 class="claim-as-checked">Russia will help North Korea build satellites.</h1>' in (
        html
    )
    # The exact words, highlighted in a short excerpt of their paragraph, linked to the article.
    assert f"<mark>{WORDS}</mark>" in html
    assert "quoted Putin as saying" in html and "The talks lasted" not in html
    assert 'href="https://example.org/putin-kim"' in html
    assert (
        "Vladimir Putin" in html and "President of Russia" in html and "13 September 2023" in html
    )


def test_the_page_shows_the_verdict_on_its_scale_the_explanation_and_the_sources(
    client, fact_check
):
    html = page(client, fact_check)
    assert '<span class="verdict">Unproven</span>' in html
    assert '<li aria-current="true">Unproven</li>' in html and "<li>Misleading</li>" in html
    assert "Neither government has published an agreement" in html
    assert '<a href="https://example.org/kremlin-transcript"' in html
    assert "Kremlin transcript" in html


def test_internal_notes_never_reach_the_public_page(client, fact_check):
    html = page(client, fact_check)
    assert "INTERNAL" not in html and "Seoul bureau" not in html


def test_the_page_names_the_publisher_the_reviewing_editor_and_the_dates(client, fact_check):
    html = page(client, fact_check)
    assert 'Fact-check by <a href="https://check.example">The Daily Check</a>' in html
    assert "reviewed by Maria Okafor" in html
    assert f'Published <time datetime="{fact_check.published_at.isoformat()}' in html
    assert "Updated" not in html


def test_the_page_uses_the_readers_layout_not_the_desks(client, editor, fact_check):
    client.force_login(editor)
    response = client.get(fact_check.get_public_url())
    assert [t.name for t in response.templates][:2] == [
        "public/fact_check.html",
        "public/base.html",
    ]
    html = response.content.decode()
    assert "Sign out" not in html and "Dashboard" not in html
    assert "public/site." in html and "@media print" in open_css(client, html)


def open_css(client, html):
    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
    return b"".join(client.get(href).streaming_content).decode()


def test_a_shared_link_shows_a_card(client, fact_check):
    html = page(client, fact_check)
    url = "http://testserver" + fact_check.get_public_url()
    title = "Unproven: Russia will help North Korea build satellites."
    assert meta(html, "property", "og:title") == title
    assert meta(html, "property", "og:url") == url
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:site_name") == "The Daily Check"
    assert meta(html, "property", "og:description").startswith("Neither government")
    assert meta(html, "name", "twitter:card") == "summary"
    assert meta(html, "name", "twitter:title") == title
    assert meta(html, "name", "twitter:description").startswith("Neither government")


def test_claimreview_has_every_required_and_recommended_property(client, fact_check):
    review = claim_review(page(client, fact_check))
    assert review.keys() >= REQUIRED | RECOMMENDED
    assert review["claimReviewed"] == "Russia will help North Korea build satellites."
    assert review["url"] == "http://testserver" + fact_check.get_public_url()
    assert review["author"] == {
        "@type": "Organization",
        "name": "The Daily Check",
        "url": "https://check.example",
    }
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven"}
    assert review["datePublished"] == fact_check.published_at.date().isoformat()
    item = review["itemReviewed"]
    assert item["author"]["name"] == "Vladimir Putin" and item["datePublished"] == "2023-09-13"
    assert item["appearance"]["url"] == "https://example.org/putin-kim"
    assert item["firstAppearance"]["headline"] == "Putin and Kim meet at Vostochny"
    # The public explanation as plain text, entities decoded once; never the notes.
    assert review["reviewBody"].startswith("Neither government has published an agreement;")
    assert "AT&T-style" in review["reviewBody"] and "&amp;" not in review["reviewBody"]
    assert "dateModified" not in review


def test_a_scored_verdict_carries_its_place_on_the_scale(client, editor):
    claim = published_claim(editor, verdict="Misleading")
    rating_ = claim_review(page(client, claim))["reviewRating"]
    assert rating_ == {
        "@type": "Rating",
        "alternateName": "Misleading",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_after_a_correction_claimreview_has_date_modified_and_the_page_lists_it(
    client, editor, fact_check
):
    correct(fact_check, editor, "A launch agreement was published.", rating=rating("Mostly true"))
    html = page(client, fact_check)
    review = claim_review(html)
    assert review["dateModified"] == fact_check.corrected_at.isoformat()
    assert review["dateModified"] > fact_check.published_at.isoformat()
    assert review["reviewRating"]["alternateName"] == "Mostly true"
    assert "A launch agreement was published." in html
    assert "verdict (Unproven → Mostly true)" in html
    assert f'Updated <time datetime="{fact_check.corrected_at.isoformat()}' in html
    assert meta(html, "property", "article:modified_time") == fact_check.corrected_at.isoformat()


def test_titles_and_markup_are_escaped_exactly_once(client, editor):
    claim = published_claim(editor)
    correct(claim, editor, "Wording.", claim_reviewed="AT&T says <b>5G</b> causes “nothing”.")
    html = page(client, claim)
    assert "<title>Unproven: AT&amp;T says &lt;b&gt;5G&lt;/b&gt; causes “nothing”." in html
    assert "&amp;amp;" not in html
    assert claim_review(html)["claimReviewed"] == "AT&T says <b>5G</b> causes “nothing”."


def test_publishing_needs_a_verdict_the_claim_as_checked_and_an_explanation(editor):
    claim = make_claim()
    services.update_claim(
        claim.pk, editor, claim.version, status="reviewed", rating=rating("False")
    )
    claim.refresh_from_db()
    with pytest.raises(Exception) as refused:
        services.publish(claim.pk, editor, claim.version)
    assert set(refused.value.message_dict) == {"claim_reviewed", "explanation"}
    assert Claim.objects.get(pk=claim.pk).status == "reviewed"


def test_the_desk_says_what_publishing_still_needs(client, editor):
    client.force_login(editor)
    claim = make_claim()
    claim.status, claim.rating = "reviewed", rating("False")
    claim.save()
    response = client.post(
        reverse("claims:claim-publish", args=[claim.pk]), {"version": claim.version}, follow=True
    )
    html = response.content.decode()
    assert "needs the claim as checked" in html and "needs a public explanation" in html
    assert Claim.objects.get(pk=claim.pk).status == "reviewed"


def test_the_review_form_offers_the_exact_words_as_the_claim_as_checked(client, editor):
    client.force_login(editor)
    claim = make_claim()
    html = client.get(claim.get_absolute_url()).content.decode()
    field = re.search(r'<input [^>]*name="claim_reviewed"[^>]*>', html).group(0)
    assert 'value="the bridge would open in May"' in field
    assert "Public explanation" in html and "Internal: never shown outside the desk" in html


def test_lists_show_the_claim_as_checked(client, editor, fact_check):
    index = client.get(reverse("public:index")).content.decode()
    assert "Russia will help North Korea build satellites." in index


@pytest.mark.parametrize("extra", [0, 6])
def test_the_page_runs_five_queries_however_many_corrections_and_sources(
    client, editor, fact_check, extra, django_assert_num_queries
):
    from claims.models import Evidence

    for i in range(extra):
        Evidence.objects.create(claim=fact_check, url=f"https://example.org/{i}", title=f"S{i}")
        correct(fact_check, editor, f"Fix {i}.", explanation=f"<p>Version {i}.</p>")
    # The public edition; the claim with speaker, article, verdict and byline; the scale;
    # the sources; the corrections.
    with django_assert_num_queries(5):
        page(client, fact_check)
