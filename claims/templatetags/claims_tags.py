import unicodedata
from html import escape as _e

from django import template
from django.utils.dateformat import DateFormat
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime

from claims.models import Claim, Source, Speaker
from claims.pagination import page_query
from claims.sanitize import clean_html

register = template.Library()


@register.filter
def sanitized(value):
    """Render user HTML: the only road to mark_safe runs through the one bleach policy."""
    return mark_safe(clean_html(value))  # noqa: S308 — cleaned by the policy just above


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
    keeping the request's filters."""
    return f"?{page_query(context['request'].GET, page, forward).urlencode()}"


@register.simple_tag
def time_element(value, display):
    """``<time datetime="{{ value|date:'c' }}">{{ value|date:display }}</time>``, the same
    string, from one conversion to local time and one formatter instead of two: a list
    shows one per row, and the date filter was a sixth of the claim list's rendering."""
    if value in (None, ""):
        return format_html('<time datetime=""></time>')
    local = template_localtime(value)
    formatter = DateFormat(local)
    return format_html(
        '<time datetime="{}">{}</time>', formatter.format("c"), formatter.format(display)
    )


@register.filter(is_safe=True)
def truncated(value, length):
    """``truncatechars`` without walking the characters of a text that is short enough
    (most statements and titles in a list): the same result, a tenth of the time."""
    text, length = unicodedata.normalize("NFC", str(value)), int(length)
    if len(text) <= length:
        return text
    if text.isascii():  # no combining characters: only the first length + 1 count
        text = text[: length + 1]
    return Truncator(text).chars(length)


# A row's labels for its kind and status, as get_FOO_display() gives them.
_KINDS = dict(Claim.Kind.choices)
_STATUSES = dict(Claim.Status.choices)


def _row(claim, select):
    # ``claim``: a row of Claim.objects.for_rows(), {column: value}. One f-string, each
    # value escaped once with html.escape (what Django's escape() does, without a
    # SafeString per value): format_html's conditional_escape of some twenty values was
    # most of a row's cost.
    text, reviewed, pk = claim["text"], claim["claim_reviewed"], claim["pk"]
    checked = (
        f'<div class="checked-as">Checked as: {_e(truncated(reviewed, 140))}</div>'
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
        f'  <td class="statement"><a href="{_e(Claim.url_of(pk))}">'
        f"{_e(truncated(text, 140))}</a>\n"
        f"    {checked}\n"
        f'    <div class="meta">{_e(str(_KINDS.get(kind, kind)))}{cue} · '
        f'<a href="{_e(Source.url_of(claim["source_id"]))}">'
        f"{_e(truncated(claim['source__title'], 60))}</a>"
        "</div></td>\n"
        f'  <td><a href="{_e(Speaker.url_of(claim["speaker_id"]))}">'
        f"{_e(claim['speaker__name'])}</a>{relay}</td>\n"
        f'  <td><span class="badge status-{_e(status)}">'
        f"{_e(str(_STATUSES.get(status, status)))}</span>\n</td>\n"
        f"  <td>{verdict}\n</td>\n"
        f'  <td class="meta">{_e(assignee or "—")}</td>\n'
        f'  <td class="meta">{time_element(claim["updated_at"], "j M Y H:i")}</td>\n'
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
    return mark_safe("".join(_row(claim, select) for claim in claims))  # noqa: S308 — _row escapes each value
