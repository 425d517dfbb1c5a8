"""A published fact-check built the way the desk builds one: through the services."""

import datetime

from claims import services
from claims.models import Claim, Evidence, Source, Speaker

from .conftest import make_claim, make_source, make_speaker, rating

BODY = (
    "VOSTOCHNY, Russia — The leaders met at the cosmodrome on Wednesday.\n"
    "Russian state media quoted Putin as saying: “That’s why we have come here.” "
    "He added that Russia would help North Korea build satellites, a claim officials in "
    "Seoul questioned.\n"
    "The talks lasted four hours."
)
WORDS = "Russia would help North Korea build satellites"


def published_claim(editor, **overrides):
    """A published fact-check with a speaker, an article, evidence and a verdict."""
    speaker = (
        overrides.pop("speaker", None)
        or Speaker.objects.filter(name="Vladimir Putin").first()
        or make_speaker(
            name="Vladimir Putin",
            kind="person",
            role="President of Russia",
            same_as="https://en.wikipedia.org/wiki/Vladimir_Putin",
        )
    )
    article = Source.objects.count()
    source = overrides.pop("source", None) or make_source(
        title="Putin and Kim meet at Vostochny",
        publisher="Example Wire",
        url="https://example.org/putin-kim" + (f"-{article}" if article else ""),
        published_on=datetime.date(2023, 9, 13),
        body=BODY,
    )
    verdict = overrides.pop("verdict", "Unproven")
    claim = make_claim(
        source=source,
        speaker=speaker,
        text=overrides.pop("text", WORDS),
        claimed_on=datetime.date(2023, 9, 13),
        **overrides,
    )
    Evidence.objects.create(
        claim=claim, url="https://example.org/kremlin-transcript", title="Kremlin transcript"
    )
    services.update_claim(
        claim.pk,
        editor,
        claim.version,
        status=Claim.Status.REVIEWED,
        rating=rating(verdict),
        claim_reviewed="Russia will help North Korea build satellites.",
        explanation="<p>Neither government has published an agreement; "
        "<a href='https://example.org/analysis'>analysts</a> say AT&amp;T-style "
        "launch deals take years.</p>",
        notes="<p>INTERNAL: call the Seoul bureau before we publish.</p>",
    )
    claim.refresh_from_db()
    services.publish(claim.pk, editor, claim.version)
    claim.refresh_from_db()
    return claim


def correct(claim, editor, note, **changes):
    """Change the ruling of a published claim with a correction note, as the desk does."""
    claim.refresh_from_db()
    services.update_claim(claim.pk, editor, claim.version, correction=note, **changes)
    claim.refresh_from_db()
    return claim
