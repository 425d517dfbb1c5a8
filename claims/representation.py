"""A claim as plain values and as ClaimReview: the shapes the API, the exports, the public
pages and the OpenAPI document share.

Each field is declared once, with how to read it from a claim (from
``Claim.objects.for_list()``) and its OpenAPI schema; the JSON row, the CSV columns and the
schema are all derived from ``CLAIM_FIELDS``, so adding a field here adds it everywhere.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from .claimreview import claim_review
from .models import Claim, Rating
from .sanitize import plain_text


@dataclass(frozen=True)
class Field:
    name: str
    read: Callable[[Claim], Any]
    schema: dict
    required: bool = False
    # The columns ``read`` uses (ORM paths from Claim.objects.for_list()), so that rows
    # for the API and the exports load only those (with_claim_fields).
    reads: tuple = ()


def _nullable(kind, **more):
    return {"type": kind, "nullable": True, **more}


def _iso(value):
    return value.isoformat() if value else None


CLAIM_FIELDS = [
    Field("id", lambda c: c.pk, {"type": "integer"}, required=True),
    Field(
        "statement",
        lambda c: c.text,
        {"type": "string", "description": "Exact words: source body[start:end]."},
        required=True,
        reads=("text",),
    ),
    Field(
        "claim_as_checked",
        lambda c: c.checked_claim,
        {
            "type": "string",
            "description": "The claim in one plain sentence, as checked (the editor's; "
            "the exact words until one is written).",
        },
        required=True,
        reads=("claim_reviewed", "text"),
    ),
    Field("kind", lambda c: c.kind, {"type": "string", "enum": Claim.Kind.values}, reads=("kind",)),
    Field("cue", lambda c: c.cue, {"type": "string"}, reads=("cue",)),
    Field(
        "speaker",
        lambda c: c.speaker.name,
        {"type": "string"},
        required=True,
        reads=("speaker__name",),
    ),
    Field("speaker_kind", lambda c: c.speaker.kind, {"type": "string"}, reads=("speaker__kind",)),
    Field(
        "relayed_by",
        lambda c: c.relayed_by.name if c.relayed_by_id else None,
        _nullable("string"),
        reads=("relayed_by__name",),
    ),
    Field(
        "source_id", lambda c: c.source_id, {"type": "integer"}, required=True, reads=("source",)
    ),
    Field("source_title", lambda c: c.source.title, {"type": "string"}, reads=("source__title",)),
    Field(
        "source_url",
        lambda c: c.source.url,
        _nullable("string", format="uri"),
        reads=("source__url",),
    ),
    Field(
        "span_start",
        lambda c: c.span_start,
        {"type": "integer"},
        required=True,
        reads=("span_start",),
    ),
    Field(
        "span_end", lambda c: c.span_end, {"type": "integer"}, required=True, reads=("span_end",)
    ),
    Field(
        "status",
        lambda c: c.status,
        {"type": "string", "enum": Claim.Status.values},
        required=True,
        reads=("status",),
    ),
    Field(
        "verdict",
        lambda c: c.rating.label if c.rating_id else None,
        _nullable("string"),
        reads=("rating__label",),
    ),
    Field(
        "claimed_on",
        lambda c: _iso(c.claimed_on),
        _nullable("string", format="date"),
        reads=("claimed_on",),
    ),
    Field(
        "assigned_to",
        lambda c: c.assigned_to.get_username() if c.assigned_to_id else None,
        _nullable("string"),
        reads=("assigned_to__username",),
    ),
    Field(
        "machine_proposed",
        lambda c: c.machine_proposed,
        {"type": "boolean"},
        reads=("machine_proposed",),
    ),
    Field(
        "published_at",
        lambda c: _iso(c.published_at),
        _nullable("string", format="date-time"),
        reads=("published_at",),
    ),
    Field(
        "created_at",
        lambda c: _iso(c.created_at),
        {"type": "string", "format": "date-time"},
        reads=("created_at",),
    ),
    Field(
        "updated_at",
        lambda c: _iso(c.updated_at),
        {"type": "string", "format": "date-time"},
        reads=("updated_at",),
    ),
]
COLUMNS = [f.name for f in CLAIM_FIELDS]
READS = tuple(dict.fromkeys(path for f in CLAIM_FIELDS for path in f.reads))


def with_claim_fields(queryset):
    """``queryset`` (of Claim.objects.for_list()) loading only what CLAIM_FIELDS read: a
    row of the API or of a CSV or JSON export decoded some 70 columns of six tables it
    never wrote (the speaker's role, the assignee's password hash, the notes)."""
    return queryset.only(*READS)


def claim_row(claim):
    """The claim as {field name: plain value}, in ``COLUMNS`` order."""
    return {f.name: f.read(claim) for f in CLAIM_FIELDS}


def claim_schema(**extra_properties):
    """The OpenAPI schema of ``claim_row``'s result, plus properties an edge adds."""
    return {
        "type": "object",
        "required": [f.name for f in CLAIM_FIELDS if f.required],
        "properties": {
            **{f.name: f.schema for f in CLAIM_FIELDS},
            **extra_properties,
        },
    }


def review_of(claim, url, bounds=None):
    """The ClaimReview dictionary for a published claim whose public page is ``url``:
    the claim as checked, the verdict, the public explanation; never the internal notes.

    ``bounds`` (worst, best) of the rating scale can be passed in to save a query per claim.
    """
    worst, best = bounds or Rating.objects.scale_bounds()
    source = claim.source
    return claim_review(
        url=url,
        claim_text=claim.checked_claim,
        rating_label=claim.rating.label,
        rating_value=claim.rating.value,
        best=best,
        worst=worst,
        # The public explanation only: the reviewer's notes are internal.
        explanation=plain_text(claim.explanation),
        date_published=claim.published_at,
        date_modified=claim.corrected_at,
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
