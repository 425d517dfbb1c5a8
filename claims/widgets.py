"""Form widgets and templates written in Python, as claims_tags.RowWriter writes the
list's rows.

- Choice widgets: Django writes each option of a select or of a group of checkboxes through
  two or three nested template includes (the option, its input, the input's attributes):
  the claim list's filters, two groups of checkboxes and three selects of some 30 options
  in all, took 3–4 ms of the page that way, as much as its 25 rows. These write the same
  elements from Django's own widget context (get_context, so ids, ``checked`` and
  ``selected`` are Django's). Two differences, both ignored by tests/test_list_rendering.py,
  which holds them to Django's markup: the whitespace between tags, and an attribute set to
  None, which is left out (Django's templates write it as "None"). Option groups, which no
  form here uses, are left to Django's templates. Each keeps the name of the Django widget
  it writes, so a bound field's ``widget_type`` is unchanged.
- Renderer, the FORM_RENDERER: a plain <input>, a <textarea> and a field's <label>, byte for
  byte as Django's templates write them.
"""

from html import escape
from pathlib import Path

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeData, mark_safe


def escaped(value):
    """``{{ value|stringformat:'s' }}`` under autoescaping, and what format_html does to
    each of its arguments (conditional_escape): escaped unless what it reads as is marked
    safe (a lazily translated ``mark_safe`` label is safe once read). html.escape is what
    Django's escape() does, without the SafeString per value and the check for lazy
    arguments that made format_html most of a widget's cost (and of an admin row's: the
    admin's rows and tick boxes write their values through this too)."""
    text = str(value)
    return text if isinstance(text, SafeData) else escape(text)


def _attrs(attrs):
    """Django's attrs.html: False leaves an attribute out, True writes its bare name."""
    return "".join(
        f" {escaped(name)}" if value is True else f' {escaped(name)}="{escaped(value)}"'
        for name, value in (attrs or {}).items()
        if value is not False
    )


def _without_none(attrs):
    return {name: value for name, value in attrs.items() if value is not None}


def _value(option):
    return "" if option["value"] is None else str(option["value"])


def _label_for(option):
    return {"for": option["attrs"]["id"]} if option["attrs"].get("id") else {}


class _Written:
    """Render from Django's widget context with ``write(widget, options)``; grouped options
    go to Django's templates."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = widget["optgroups"]
        if any(group for group, _, _ in groups):
            return super().render(name, value, attrs, renderer)
        options = [option for _, options, _ in groups for option in options]
        return mark_safe(self.write(widget, options))  # noqa: S308 — write() escapes each value


class CheckboxSelectMultiple(_Written, forms.CheckboxSelectMultiple):
    def write(self, widget, options):
        outer = {"id": widget["attrs"].get("id"), "class": widget["attrs"].get("class")}
        boxes = "".join(
            f"<div><label{_attrs(_label_for(option))}>"
            f'<input type="{escaped(option["type"])}" name="{escaped(option["name"])}" '
            f'value="{escaped(_value(option))}"{_attrs(_without_none(option["attrs"]))}> '
            f"{escaped(option['label'])}</label></div>"
            for option in options
        )
        return f"<div{_attrs({key: value for key, value in outer.items() if value})}>{boxes}</div>"


class Select(_Written, forms.Select):
    def write(self, widget, options):
        listed = "".join(
            f'<option value="{escaped(_value(option))}"{_attrs(_without_none(option["attrs"]))}>'
            f"{escaped(option['label'])}</option>"
            for option in options
        )
        return (
            f'<select name="{escaped(widget["name"])}"{_attrs(_without_none(widget["attrs"]))}>'
            f"{listed}</select>"
        )


# Django's templates for a plain <input> (text, number, date, …: each includes input.html)
# and for a field's <label>, which the renderer below writes in Python, and the templates
# those include: if an app overrides any of them, the renderer leaves them all to it.
INPUT_TEMPLATES = {
    f"django/forms/widgets/{kind}.html"
    for kind in (
        *("input", "checkbox", "color", "date", "datetime", "email", "file", "hidden"),
        *("number", "password", "search", "tel", "text", "time", "url"),
    )
}
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
LABEL_TEMPLATE = "django/forms/label.html"
INCLUDED = {"django/forms/widgets/attrs.html", "django/forms/attrs.html"}
DJANGOS_OWN = Path(forms.__file__).parent / "templates"


class Renderer(DjangoTemplates):
    """Django's default form renderer (FORM_RENDERER), but the templates every form uses
    most, a plain <input>, a <textarea> and a field's <label>, are written here from the
    context Django gives them: through the template engine each took about 0.2 ms (three
    nested includes for an input), 4 ms of the claim list's filters and a third of its
    rendering once its rows were written in Python; the claim page's forms have three or
    four text areas. tests/test_list_rendering.py holds the output to that of Django's
    templates; every other template is Django's, and so are these when an installed app
    overrides them (or a template they include)."""

    def written_here(self):
        """Whether inputs, text areas and labels are written here: no installed app
        overrides them."""
        if not hasattr(self, "_written"):
            names = INPUT_TEMPLATES | INCLUDED | {TEXTAREA_TEMPLATE, LABEL_TEMPLATE}
            origins = {Path(self.get_template(name).origin.name).parent for name in names}
            self._written = all(origin.is_relative_to(DJANGOS_OWN) for origin in origins)
        return self._written

    def render(self, template_name, context, request=None):
        if not self.written_here():
            return super().render(template_name, context, request)
        if template_name in INPUT_TEMPLATES:
            widget = context["widget"]
            value = widget["value"]
            shown = "" if value is None else f' value="{escaped(value)}"'
            return (
                f'<input type="{escaped(widget["type"])}" name="{escaped(widget["name"])}"'
                f"{shown}{_attrs(widget['attrs'])}>"
            )
        if template_name == TEXTAREA_TEMPLATE:
            widget = context["widget"]
            # The template's line break after the tag: a browser drops it, and keeps a
            # value's own first line break.
            shown = escaped(widget["value"]) if widget["value"] else ""
            return (
                f'<textarea name="{escaped(widget["name"])}"{_attrs(widget["attrs"])}>\n'
                f"{shown}</textarea>"
            )
        if template_name == LABEL_TEMPLATE:
            label = escaped(context["label"])
            if not context["use_tag"]:
                return label.strip()
            tag = escaped(context["tag"])
            return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>"
        return super().render(template_name, context, request)
