import unicodedata
from datetime import datetime
from html import escape as _e

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, add_truncation_text, calculate_truncate_chars_length
from django.utils.timezone import is_naive
from django.utils.translation import pgettext

from claims.models import Claim, Source, Speaker, pk_urls
from claims.pagination import page_query
from claims.sanitize import clean_html
from claims.widgets import escaped

register = template.Library()


@register.filter
def sanitized(value):
    """Render user HTML: the only road to mark_safe runs through the one bleach policy."""
    return mark_safe(clean_html(value))  # noqa: S308 — cleaned by the policy just above


@register.simple_tag
def field_notes(field):
    """A form field's help text and its errors, each under the id that the field's input
    names in its aria-describedby (Django's BoundField: ``<auto_id>_helptext`` and
    ``<auto_id>_error``), so a screen reader reads them with the input. Every form the
    desk and the readers' pages write by hand puts them out through this."""
    notes = []
    if field.help_text:
        notes.append(
            f'<small class="help" id="{escaped(field.auto_id)}_helptext">'
            f"{escaped(field.help_text)}</small>"
        )
    if field.errors:
        errors = "".join(f'<p class="error" role="alert">{escaped(e)}</p>' for e in field.errors)
        notes.append(f'<div id="{escaped(field.auto_id)}_error">{errors}</div>')
    return mark_safe(" ".join(notes))  # noqa: S308 — each value escaped above


@register.simple_tag
def ld_json(markup):
    """<script type="application/ld+json"> holding ``markup``, made by claimreview.script_json.

    Django's json_script cannot set this type; script_json applies the same escapes (<, >
    and & as \\u escapes), so no string inside can end the element.
    """
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(markup))  # noqa: S308


@register.simple_tag(takes_context=True)
def page_link(context, page, forward):
    """The query string of the next (``forward``) or previous page of a keyset ``page``,
    keeping the filters of ``query`` in the context (the request's query string): from
    it, not from the request, as a kept list's page links are written once for all its
    readers (desk/views.py, list_shown)."""
    return f"?{page_query(context['query'], page, forward).urlencode()}"


class TimeWriter:
    """Writes times as the desk shows them (``j M Y H:i``, in a ``<time>`` element), the
    time zone and the month names read once per page (the admin's claim rows use it too)."""

    def __init__(self):
        self.tz = timezone.get_current_timezone() if settings.USE_TZ else None
        self.months = {month: str(MONTHS_3[month]).title() for month in MONTHS_3}

    def time(self, value):
        """``<time datetime="{{ value|date:'c' }}">{{ value|date:"j M Y H:i" }}</time>``."""
        if value in (None, ""):
            return '<time datetime=""></time>'
        if (
            self.tz is not None
            and isinstance(value, datetime)
            and not is_naive(value)
            and getattr(value, "convert_to_local_time", True)
        ):
            value = value.astimezone(self.tz)  # template_localtime, the zone read once
        shown = (
            f"{value.day} {self.months[value.month]} {value.year:04d} "
            f"{value.hour:02d}:{value.minute:02d}"
        )
        return f'<time datetime="{_e(value.isoformat())}">{_e(shown)}</time>'


class RowWriter(TimeWriter):
    """Writes a claim table's rows. What every row writes alike is worked out once per
    table, for the language, time zone and script prefix in force: the links' shape, the
    month names, the truncation mark and the labels of kinds and statuses. Looked up per
    row, through Django's lazy translations and request-local settings, they were most of a
    row's cost (a date alone 0.12 ms a row, a shortened title 0.05 ms)."""

    def __init__(self):
        super().__init__()
        # What Truncator.chars adds to a shortened text (translatable, "…" in English).
        self.mark = pgettext("String to return when truncating text", "%(truncated_text)s…")
        self.cut_at = {}  # length -> how many characters come before the mark
        self.kinds = {value: str(label) for value, label in Claim.Kind.choices}
        self.statuses = {value: str(label) for value, label in Claim.Status.choices}
        self.claim_url = pk_urls(Claim.DESK_URL)
        self.source_url = pk_urls(Source.DESK_URL)
        self.speaker_url = pk_urls(Speaker.DESK_URL)

    def shortened(self, value, length):
        """``value|truncatechars:length``, unescaped."""
        text = unicodedata.normalize("NFC", str(value))
        if len(text) <= length:
            return text
        if length <= 0:
            return ""
        if length not in self.cut_at:
            self.cut_at[length] = calculate_truncate_chars_length(length, self.mark)
        if text.isascii():  # no combining characters: the first characters are kept
            return add_truncation_text(text[: self.cut_at[length]], self.mark)
        return Truncator(text).chars(length, truncate=self.mark)

    def row(self, claim, select):
        # ``claim``: a row of Claim.objects.for_rows(), {column: value}. One f-string, each
        # value escaped once with html.escape (what Django's escape() does, without a
        # SafeString per value): format_html's conditional_escape of some twenty values was
        # most of a row's cost.
        text, reviewed, pk = claim["text"], claim["claim_reviewed"], claim["pk"]
        checked = (
            f'<div class="checked-as">Checked as: {_e(self.shortened(reviewed, 140))}</div>'
            if reviewed and reviewed != text
            else ""
        )
        cue = f" · “{_e(claim['cue'])}”" if claim["cue"] else ""
        relay = claim["relayed_by__name"]
        relay = f'<div class="meta">via {_e(relay)}</div>' if relay is not None else ""
        verdict = claim["rating__label"]
        verdict = (
            f'<span class="verdict">{_e(verdict)}</span>'
            if verdict is not None
            else '<span class="muted">No verdict</span>'
        )
        assignee = claim["assigned_to__username"] or ""
        kind, status = claim["kind"], claim["status"]
        box = (
            f'<td><input type="checkbox" name="claims" value="{pk}" form="bulk" '
            f'aria-label="Select claim {pk}"></td>'
            if select
            else ""
        )
        return (
            f"<tr>\n  {box}\n"
            f'  <td class="statement"><a href="{_e(self.claim_url(pk))}">'
            f"{_e(self.shortened(text, 140))}</a>\n"
            f"    {checked}\n"
            f'    <div class="meta">{_e(self.kinds.get(kind, kind))}{cue} · '
            f'<a href="{_e(self.source_url(claim["source_id"]))}">'
            f"{_e(self.shortened(claim['source__title'], 60))}</a>"
            "</div></td>\n"
            f'  <td><a href="{_e(self.speaker_url(claim["speaker_id"]))}">'
            f"{_e(claim['speaker__name'])}</a>{relay}</td>\n"
            f'  <td><span class="badge status-{_e(status)}">'
            f"{_e(self.statuses.get(status, status))}</span>\n</td>\n"
            f"  <td>{verdict}\n</td>\n"
            f'  <td class="meta">{_e(assignee or "—")}</td>\n'
            f'  <td class="meta">{self.time(claim["updated_at"])}</td>\n'
            "</tr>\n"
        )


@register.simple_tag
def claim_rows(claims, select=None):
    """The rows of a claim table (templates/claims/_claim_table.html), written here rather
    than by including a row template per claim, as the admin writes its changelist rows
    (``items_for_result``): the template engine spent about 0.2 ms on each row's 40-odd
    variables, filters and includes, a third of the claim list's rendering. The badge and
    verdict markup is that of _status_badge.html and _verdict.html, which the claim page
    includes; tests/test_list_rendering.py checks the rows against the template they
    replace."""
    writer = RowWriter()
    return mark_safe("".join(writer.row(claim, select) for claim in claims))  # noqa: S308 — row() escapes each value
