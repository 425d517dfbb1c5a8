"""Exports of a filtered claim list: CSV, JSON and ClaimReview JSON-LD, streamed.

Rows are produced one at a time from a database iterator, so an export of a million
claims holds a chunk of rows in memory, never the whole list. They come in the list's
order, empty dates last as the list has them (pagination.in_key_order), where each
database would put them at one end of its own (PostgreSQL first in a newest-first export,
SQLite in an oldest-first one). Rows are the one claim shape
of claims/representation.py, which the JSON API serves too.
"""

import csv
import json

from claims.models import Rating
from claims.pagination import in_key_order
from claims.representation import COLUMNS, claim_row, review_of, values_of

CHUNK = 2000

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# ("=HYPERLINK(...)", "+cmd|..."), and a Contributor controls cell text through a plain .txt
# import. Such text cells get a leading apostrophe (OWASP's advice): spreadsheets show the
# text, not a formula; the JSON export keeps the exact words.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
EXCEL_BOM = "\ufeff"


class _Line:
    """A file-like object whose write() returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def safe_cell(value):
    """A CSV cell a spreadsheet shows as text: numbers as they are, text that would start a
    formula with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_rows(queryset, bom=False):
    """The CSV export; ``bom`` starts it with a byte-order mark, without which Excel reads
    UTF-8 as Windows-1252 and shows curly quotes as â€œ."""
    writer = csv.writer(_Line())
    yield (EXCEL_BOM if bom else "") + writer.writerow(COLUMNS)
    for columns in values_of(in_key_order(queryset)).iterator(chunk_size=CHUNK):
        row = claim_row(columns)
        yield writer.writerow([safe_cell(row[c]) for c in COLUMNS])


def _json_array(items):
    yield "["
    first = True
    for item in items:
        yield ("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "\n]\n"


def json_rows(queryset):
    rows = values_of(in_key_order(queryset)).iterator(chunk_size=CHUNK)
    return _json_array(claim_row(columns) for columns in rows)


def claimreview_rows(queryset, public_url):
    """ClaimReview markup of the published claims among ``queryset``.

    ``public_url(claim)`` gives the absolute address of a claim's public page.
    """
    bounds = Rating.objects.scale_bounds()
    # Each review names the claim's speaker, article and verdict: read with the claims.
    published = in_key_order(queryset).published().for_list()
    return _json_array(
        review_of(claim, public_url(claim), bounds)
        for claim in published.iterator(chunk_size=CHUNK)
    )


FORMATS = {
    # format: (content type, file name, producer taking (queryset, public_url))
    "csv": ("text/csv; charset=utf-8", "claims.csv", lambda qs, url: csv_rows(qs)),
    "excel": (
        "text/csv; charset=utf-8",
        "claims-excel.csv",
        lambda qs, url: csv_rows(qs, bom=True),
    ),
    "json": ("application/json", "claims.json", lambda qs, url: json_rows(qs)),
    "claimreview": ("application/ld+json", "claimreview.json", claimreview_rows),
}
