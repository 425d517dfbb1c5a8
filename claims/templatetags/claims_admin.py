"""The claim changelist's tags: its result list, Django's ``result_list`` with the rows
written by ClaimAdmin.result_rows (claims/admin.py, ClaimRows), through Django's own
template (admin/change_list_results.html), so the table around the rows is Django's; and
``kept_part``, a part of the page kept written (ClaimAdmin.changelist_view)."""

from django import template
from django.contrib.admin.templatetags.admin_list import (
    result_headers,
    result_hidden_fields,
    result_list,
)
from django.contrib.admin.templatetags.base import InclusionAdminNode

register = template.Library()


def claim_result_list(cl):
    rows = cl.model_admin.result_rows(cl)
    if rows is None:
        return result_list(cl)
    # result_list's context, with these rows instead of items_for_result's.
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": rows,
    }


@register.tag(name="claim_result_list")
def claim_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser,
        token,
        func=claim_result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )


class KeptPartNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        written = context.get("written")
        if written is None:  # a page not kept
            return self.nodelist.render(context)
        if self.name not in written:
            written[self.name] = self.nodelist.render(context)
        return written[self.name]


@register.tag(name="kept_part")
def kept_part_tag(parser, token):
    """``{% kept_part "name" %}…{% endkept_part %}``: what it encloses, taken from the page's
    ``written`` when the page was kept with it, else written and put there (claims/admin.py,
    ClaimAdmin.changelist_view)."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one quoted name")
    nodelist = parser.parse(("endkept_part",))
    parser.delete_first_token()
    return KeptPartNode(bits[1][1:-1], nodelist)
