from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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
