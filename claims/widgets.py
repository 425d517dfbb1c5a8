"""Choice widgets written in Python, as claims_tags.claim_rows writes the list's rows.

Django writes each option of a select or of a group of checkboxes through two or three
nested template includes (the option, its input, the input's attributes): the claim list's
filters, two groups of checkboxes and three selects of some 30 options in all, took 3–4 ms
of the page that way, as much as its 25 rows. These write the same elements from Django's
own widget context (get_context, so ids, ``checked`` and ``selected`` are Django's), with
format_html; tests/test_list_rendering.py holds them to the markup of Django's templates.
Two differences: the whitespace between tags, and an attribute set to None, which is left
out (Django's templates write it as "None"). Option groups, which no form here uses, are
left to Django's templates. Each keeps the name of the Django widget it writes, so a bound
field's ``widget_type`` is unchanged.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


def _value(option):
    return "" if option["value"] is None else str(option["value"])


class _Written:
    """Render from Django's widget context with ``write(widget, options)``; grouped options
    go to Django's templates."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = widget["optgroups"]
        if any(group for group, _, _ in groups):
            return super().render(name, value, attrs, renderer)
        return self.write(widget, [option for _, options, _ in groups for option in options])


class CheckboxSelectMultiple(_Written, forms.CheckboxSelectMultiple):
    def write(self, widget, options):
        outer = {"id": widget["attrs"].get("id"), "class": widget["attrs"].get("class")}
        return format_html(
            "<div{}>{}</div>",
            flatatt({key: value for key, value in outer.items() if value}),
            format_html_join(
                "",
                '<div><label{}><input type="{}" name="{}" value="{}"{}> {}</label></div>',
                (
                    (
                        flatatt(
                            {"for": option["attrs"]["id"]} if option["attrs"].get("id") else {}
                        ),
                        option["type"],
                        option["name"],
                        _value(option),
                        flatatt(option["attrs"]),
                        option["label"],
                    )
                    for option in options
                ),
            ),
        )


class Select(_Written, forms.Select):
    def write(self, widget, options):
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((_value(option), flatatt(option["attrs"]), option["label"]) for option in options),
            ),
        )
