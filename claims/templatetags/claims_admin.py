"""The claim changelist's result list: Django's ``result_list`` with the rows written by
ClaimAdmin.result_rows (claims/admin.py, ClaimRows), through Django's own template
(admin/change_list_results.html), so the table around the rows is Django's."""

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
