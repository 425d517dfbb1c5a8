"""Exports of a filtered claim list: CSV, JSON and ClaimReview JSON-LD, streamed.

Rows are produced one at a time from a database iterator, so an export of a million
claims holds a chunk of rows in memory, never the whole list. The same row shape is the
JSON API's representation of a claim.
"""

import csv
import json

from .models import Rating
from .published import review_of

CHUNK = 2000
COLUMNS = [
    "id",
    "statement",
    "kind",
    "cue",
    "speaker",
    "speaker_kind",
    "relayed_by",
    "source_id",
    "source_title",
    "source_url",
    "span_start",
    "span_end",
    "status",
    "verdict",
    "claimed_on",
    "assigned_to",
    "machine_proposed",
    "created_at",
    "updated_at",
]


def claim_row(claim):
    """A claim as plain values (the queryset should come from ``Claim.objects.for_list()``)."""
    return {
        "id": claim.pk,
        "statement": claim.text,
        "kind": claim.kind,
        "cue": claim.cue,
        "speaker": claim.speaker.name,
        "speaker_kind": claim.speaker.kind,
        "relayed_by": claim.relayed_by.name if claim.relayed_by_id else None,
        "source_id": claim.source_id,
        "source_title": claim.source.title,
        "source_url": claim.source.url,
        "span_start": claim.span_start,
        "span_end": claim.span_end,
        "status": claim.status,
        "verdict": claim.rating.label if claim.rating_id else None,
        "claimed_on": claim.claimed_on.isoformat() if claim.claimed_on else None,
        "assigned_to": claim.assigned_to.get_username() if claim.assigned_to_id else None,
        "machine_proposed": claim.machine_proposed,
        "created_at": claim.created_at.isoformat(),
        "updated_at": claim.updated_at.isoformat(),
    }


class _Line:
    """A file-like object whose write() returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def csv_rows(queryset):
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    for claim in queryset.iterator(chunk_size=CHUNK):
        row = claim_row(claim)
        yield writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])


def _json_array(items):
    yield "["
    first = True
    for item in items:
        yield ("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "\n]\n"


def json_rows(queryset):
    return _json_array(claim_row(claim) for claim in queryset.iterator(chunk_size=CHUNK))


def claimreview_rows(queryset, public_url):
    """ClaimReview markup of the published claims among ``queryset``.

    ``public_url(claim)`` gives the absolute address of a claim's public page.
    """
    bounds = Rating.objects.scale_bounds()
    published = queryset.published()
    return _json_array(
        review_of(claim, public_url(claim), bounds)
        for claim in published.iterator(chunk_size=CHUNK)
    )


FORMATS = {
    # format: (content type, file name, producer taking (queryset, public_url))
    "csv": ("text/csv; charset=utf-8", "claims.csv", lambda qs, url: csv_rows(qs)),
    "json": ("application/json", "claims.json", lambda qs, url: json_rows(qs)),
    "claimreview": ("application/ld+json", "claimreview.json", claimreview_rows),
}
