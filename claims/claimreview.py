"""A published claim as schema.org ClaimReview (https://schema.org/ClaimReview).

Pure Python: it takes plain values, so the mapping is tested without a database, and the
public page, the exports and the API all publish the same markup.
"""

import json

# Characters that would let a string close the <script> element it is embedded in.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
PERSON_KINDS = {"person"}


def _speaker(name, kind, same_as):
    author = {"@type": "Person" if kind in PERSON_KINDS else "Organization", "name": name}
    if same_as:
        author["sameAs"] = same_as
    return author


def _day(value):
    return value.date().isoformat() if hasattr(value, "date") else value.isoformat()


def claim_review(
    *,
    url,
    claim_text,
    rating_label,
    rating_value,
    best,
    worst,
    explanation,
    date_published,
    publisher_name,
    publisher_url,
    speaker_name,
    speaker_kind,
    speaker_same_as,
    claim_date,
    source_url,
    source_title,
    source_date,
    date_modified=None,
):
    """The ClaimReview dictionary for one fact-check; ``date_modified`` is the date of the
    last public correction, if any."""
    rating = {"@type": "Rating", "alternateName": rating_label}
    if rating_value is not None:
        rating.update(ratingValue=rating_value, bestRating=best, worstRating=worst)
    organisation = {"@type": "Organization", "name": publisher_name}
    if publisher_url:
        organisation["url"] = publisher_url
    item = {"@type": "Claim", "author": _speaker(speaker_name, speaker_kind, speaker_same_as)}
    appeared = claim_date or source_date
    if appeared:
        item["datePublished"] = appeared.isoformat()
    if source_url:
        appearance = {"@type": "CreativeWork", "url": source_url}
        if source_title:
            appearance["headline"] = source_title
        item["appearance"] = appearance
        item["firstAppearance"] = appearance
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim_text,
        "reviewRating": rating,
        "author": organisation,
        "datePublished": _day(date_published),
        "itemReviewed": item,
    }
    if date_modified:
        review["dateModified"] = date_modified.isoformat()
    if explanation:
        review["reviewBody"] = explanation
    return review


def script_json(data):
    """JSON safe to place inside <script type="application/ld+json">…</script>."""
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)
