"""A claim as plain values and as ClaimReview: the shapes the API, the exports, the public
pages and the OpenAPI document share.

Each field is declared once, with the columns it is made from and its OpenAPI schema; the
JSON row, the CSV columns and the schema are all derived from ``CLAIM_FIELDS``, so adding a
field here adds it everywhere. Lists read those columns as plain values (values_of); one
claim's page may pass its instance (claim_row follows the same paths).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models.constants import LOOKUP_SEP

from .claimreview import claim_review
from .models import Claim, Rating, checked_claim
from .sanitize import plain_text


@dataclass(frozen=True)
class Field:
    name: str
    schema: dict
    # The columns the value is made from (ORM paths from Claim, as ``values()`` takes them):
    # rows for the API and the exports read those and nothing else.
    reads: tuple
    # The value from those columns' values, in ``reads`` order; by default the one column's.
    make: Callable[..., Any] | None = None
    required: bool = False

    def value(self, columns):
        """This field's value from ``columns``, a {path: value} row (values_of)."""
        given = [columns[path] for path in self.reads]
        return self.make(*given) if self.make else given[0]


def _nullable(kind, **more):
    return {"type": kind, "nullable": True, **more}


def _iso(value):
    return value.isoformat() if value else None


CLAIM_FIELDS = [
    Field("id", {"type": "integer"}, ("pk",), required=True),
    Field(
        "statement",
        {"type": "string", "description": "Exact words: source body[start:end]."},
        ("text",),
        required=True,
    ),
    Field(
        "claim_as_checked",
        {
            "type": "string",
            "description": "The claim in one plain sentence, as checked (the editor's; "
            "the exact words until one is written).",
        },
        ("claim_reviewed", "text"),
        make=checked_claim,
        required=True,
    ),
    Field("kind", {"type": "string", "enum": Claim.Kind.values}, ("kind",)),
    Field("cue", {"type": "string"}, ("cue",)),
    Field("speaker", {"type": "string"}, ("speaker__name",), required=True),
    Field("speaker_kind", {"type": "string"}, ("speaker__kind",)),
    # A claim relayed by nobody, unassigned or without a verdict reads None through its
    # LEFT JOIN; an instance's path stops at the empty relation (_follow).
    Field("relayed_by", _nullable("string"), ("relayed_by__name",)),
    Field("source_id", {"type": "integer"}, ("source_id",), required=True),
    Field("source_title", {"type": "string"}, ("source__title",)),
    Field("source_url", _nullable("string", format="uri"), ("source__url",)),
    Field("span_start", {"type": "integer"}, ("span_start",), required=True),
    Field("span_end", {"type": "integer"}, ("span_end",), required=True),
    Field("status", {"type": "string", "enum": Claim.Status.values}, ("status",), required=True),
    Field("verdict", _nullable("string"), ("rating__label",)),
    Field("claimed_on", _nullable("string", format="date"), ("claimed_on",), make=_iso),
    Field("assigned_to", _nullable("string"), ("assigned_to__username",)),
    Field("machine_proposed", {"type": "boolean"}, ("machine_proposed",)),
    Field("published_at", _nullable("string", format="date-time"), ("published_at",), make=_iso),
    Field("created_at", {"type": "string", "format": "date-time"}, ("created_at",), make=_iso),
    Field("updated_at", {"type": "string", "format": "date-time"}, ("updated_at",), make=_iso),
]
COLUMNS = [f.name for f in CLAIM_FIELDS]
READS = tuple(dict.fromkeys(path for f in CLAIM_FIELDS for path in f.reads))


def values_of(queryset):
    """``queryset`` (of claims) as {path: value} rows of the columns CLAIM_FIELDS read: the
    API's pages and the exports are written from these, not from model instances. Building
    a claim and its speaker, relay, article, verdict and assignee as six objects cost twice
    what reading the row did (a 30,000-row CSV export: 2.9 s of rows as instances, 1.5 s
    as values)."""
    return queryset.values(*READS)


def _follow(claim, path):
    value = claim
    for part in path.split(LOOKUP_SEP):
        value = getattr(value, part)
        if value is None:
            return None
    return value


def claim_row(claim):
    """The claim as {field name: plain value}, in ``COLUMNS`` order, from a row of
    values_of or from a Claim instance (with its related rows)."""
    columns = claim if isinstance(claim, dict) else {p: _follow(claim, p) for p in READS}
    return {f.name: f.value(columns) for f in CLAIM_FIELDS}


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
