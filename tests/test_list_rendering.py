"""The list's cheaper pieces say exactly what Django's own would: links, times and
shortened texts (claims/models.py pk_urls, claims_tags.RowWriter's time and shortened), rows,
and the choice widgets of the filters and forms (claims/widgets.py)."""

import copy
import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.test.html import parse_html
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from claims import widgets
from claims.desk.forms import BulkForm, ReviewForm
from claims.filters import ClaimFilter
from claims.models import Claim, pk_url
from claims.templatetags.claims_tags import RowWriter

from .conftest import make_claim, make_source, make_speaker, rating


@pytest.mark.parametrize(
    "name", ["claims:claim-detail", "claims:speaker-detail", "claims:source-detail"]
)
@pytest.mark.parametrize("prefix", ["/", "/desk/"])
def test_row_links_are_the_urls_reverse_gives(name, prefix):
    set_script_prefix(prefix)
    try:
        for pk in (1, 7, 2147483646, 10**12):
            assert pk_url(name, pk) == reverse(name, args=[pk])
    finally:
        clear_script_prefix()


def render(source, **context):
    return Template("{% load claims_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(
    "moment",
    [
        timezone.now(),
        datetime.datetime(2024, 3, 31, 1, 30, tzinfo=datetime.UTC),  # a clock change in Europe
        datetime.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.UTC),
    ],
)
@pytest.mark.parametrize(("zone", "language"), [("UTC", "en-gb"), ("Europe/Berlin", "de")])
def test_the_time_of_a_row_reads_as_the_date_filter_writes_it(moment, zone, language):
    # The month names and the time zone are read once per table: in another language and
    # zone the row still says what the date filter says there.
    django = """<time datetime="{{ t|date:'c' }}">{{ t|date:"j M Y H:i" }}</time>"""
    with timezone.override(zone), translation.override(language):
        assert RowWriter().time(moment) == render(django, t=moment)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "short",
        "x" * 60,
        "x" * 61,
        "A statement long enough to be cut " * 5,
        "Café crème, naïve façade — “quoted” words " * 3,
        "e\u0301" * 70,  # combining accents do not count as characters
        "<b>Not & markup</b> " * 10,
    ],
)
@pytest.mark.parametrize("length", [1, 60, 140])
@pytest.mark.parametrize("language", ["en-gb", "ckb"])  # Sorani's truncation mark is "..."
def test_shortened_texts_are_what_truncatechars_gives(text, length, language):
    with translation.override(language):
        ours = conditional_escape(RowWriter().shortened(text, length))  # a row escapes it
        assert ours == render(f"{{{{ t|truncatechars:{length} }}}}", t=text)


# The row template that claim_rows replaced, as it was: the rows must read the same.
ROW_TEMPLATE = """{% load claims_tags %}{% for claim in claims %}<tr>
  {% if select %}<td><input type="checkbox" name="claims" value="{{ claim.pk }}" form="bulk" aria-label="Select claim {{ claim.pk }}"></td>{% endif %}
  <td class="statement"><a href="{{ claim.get_absolute_url }}">{{ claim.text|truncatechars:140 }}</a>
    {% if claim.claim_reviewed and claim.claim_reviewed != claim.text %}<div class="checked-as">Checked as: {{ claim.claim_reviewed|truncatechars:140 }}</div>{% endif %}
    <div class="meta">{{ claim.get_kind_display }}{% if claim.cue %} · “{{ claim.cue }}”{% endif %} · <a href="{{ claim.source.get_absolute_url }}">{{ claim.source.title|truncatechars:60 }}</a></div></td>
  <td><a href="{{ claim.speaker.get_absolute_url }}">{{ claim.speaker.name }}</a>{% if claim.relayed_by %}<div class="meta">via {{ claim.relayed_by.name }}</div>{% endif %}</td>
  <td>{% include "claims/_status_badge.html" with status=claim.status label=claim.get_status_display %}</td>
  <td>{% include "claims/_verdict.html" with rating=claim.rating %}</td>
  <td class="meta">{{ claim.assigned_to.get_username|default:"—" }}</td>
  <td class="meta"><time datetime="{{ claim.updated_at|date:'c' }}">{{ claim.updated_at|date:"j M Y H:i" }}</time></td>
</tr>
{% endfor %}"""  # noqa: E501 — the template as it was, line for line


@pytest.mark.django_db
@pytest.mark.parametrize("select", [True, None])
@pytest.mark.parametrize(("zone", "language"), [("UTC", "en-gb"), ("America/New_York", "fr")])
def test_claim_rows_read_as_the_row_template_wrote_them(editor, select, zone, language):
    body = "The <minister> said “taxes & fees” would fall, twice: taxes & fees would fall."
    source = make_source(title="A <long> title & more " * 4, body=body)
    plain = make_claim(source=source, text="taxes & fees")
    relayed = make_claim(
        source=source,
        speaker=make_speaker(name="O'Brien <&>"),
        relayed_by=make_speaker(name="Wire & co"),
        text="would fall",
        cue="said",
        kind="direct",
        assigned_to=editor,
        claim_reviewed="Taxes <will> fall",
    )
    Claim.objects.filter(pk=relayed.pk).update(status="reviewed", rating=rating("False"))
    chosen = Claim.objects.filter(pk__in=[plain.pk, relayed.pk]).order_by("pk")
    rows = list(chosen.for_rows())  # the list's rows are values; the template read claims
    with timezone.override(zone), translation.override(language):
        ours = render("{% claim_rows rows select %}", rows=rows, select=select)
        assert ours == render(ROW_TEMPLATE, claims=list(chosen.for_list()), select=select)


CHOICES = [("", "Any"), ("new", "New"), ("a&b", "<b>“Quoted” & more</b>"), (7, "Seven")]


@pytest.mark.parametrize(
    ("ours", "djangos"),
    [
        (widgets.CheckboxSelectMultiple, forms.CheckboxSelectMultiple),
        (widgets.Select, forms.Select),
    ],
)
@pytest.mark.parametrize("value", [None, "", "new", ["new"], ["new", "a&b"], [7], "7"])
@pytest.mark.parametrize(
    "attrs",
    [
        None,
        {"id": "id_status"},
        {"id": "id_status", "class": "wide", "required": True, "disabled": False},
    ],
)
def test_choice_widgets_write_the_markup_of_djangos_templates(ours, djangos, value, attrs):
    # The same elements, attributes, ids, checked and selected options and escaping; only
    # the whitespace between tags, which HTML ignores, may differ.
    written = ours(choices=CHOICES).render("status", value, attrs=attrs)
    assert parse_html(written) == parse_html(
        djangos(choices=CHOICES).render("status", value, attrs=attrs)
    )
    assert "<b>" not in written


@pytest.mark.django_db
def test_the_lists_filters_and_forms_use_the_written_widgets(rf, client, editor):
    # Each choice field of the list's filters, its ticked-claims form and the review form
    # (the pages read every day) is written in Python, and keeps what a request chose.
    request = rf.get("/", {"status": ["new", "reviewed"], "order": "-claimed"})
    request.user = editor
    form = ClaimFilter.for_request(request).form
    html = str(form["status"]) + str(form["order"])
    assert 'value="new" id="id_status_0" checked' in html
    assert '<option value="-claimed" selected>' in html
    chosen = [
        *(form.fields[name].widget for name in ("status", "verdict", "kind", "assigned", "order")),
        *(BulkForm().fields[name].widget for name in ("status", "assignee")),
        *(
            ReviewForm(instance=make_claim()).fields[name].widget
            for name in ("status", "rating", "assigned_to")
        ),
    ]
    assert all(
        isinstance(widget, widgets.CheckboxSelectMultiple | widgets.Select) for widget in chosen
    )
    # The page still groups each set of checkboxes under its name (it tests widget_type).
    client.force_login(editor)
    page = client.get(reverse("claims:claim-list")).content.decode()
    assert "<fieldset><legend>Status</legend>" in page
    assert "<fieldset><legend>Verdict</legend>" in page


DJANGOS = DjangoTemplates()  # Django's own renderer: every template through the engine


@pytest.mark.parametrize(
    "widget",
    [
        forms.TextInput(),
        forms.NumberInput(attrs={"min": 1}),
        forms.DateInput(attrs={"type": "date"}),
        forms.EmailInput(attrs={"placeholder": "<you> & “me”"}),
        forms.HiddenInput(),
        forms.PasswordInput(render_value=True),
        forms.CheckboxInput(),
        forms.TextInput(attrs={"maxlength": 200, "autofocus": True, "disabled": False}),
    ],
)
@pytest.mark.parametrize("value", [None, "", "Putin", 'a "quoted" <b>& more', 7, True])
@pytest.mark.parametrize("attrs", [None, {"id": "id_q"}, {"id": "x", "aria-invalid": "true"}])
def test_inputs_are_written_as_djangos_templates_write_them(widget, value, attrs):
    # Byte for byte: the same attributes in the same order, the same escaping.
    ours = widget.render("q", value, attrs=attrs, renderer=widgets.Renderer())
    assert ours == widget.render("q", value, attrs=attrs, renderer=DJANGOS)
    assert "<b>" not in ours


@pytest.mark.parametrize("widget", [forms.Textarea(), forms.Textarea(attrs={"rows": 2})])
@pytest.mark.parametrize(
    "value", [None, "", "One line", "\nLeading break\r\nand <b>more</b> & “quotes”", 0]
)
@pytest.mark.parametrize("attrs", [None, {"id": "id_notes", "aria-describedby": "x y"}])
def test_text_areas_are_written_as_djangos_template_writes_them(widget, value, attrs):
    ours = widget.render("notes", value, attrs=attrs, renderer=widgets.Renderer())
    assert ours == widget.render("notes", value, attrs=attrs, renderer=DJANGOS)
    assert "<b>" not in ours


class LabelledForm(forms.Form):
    plain = forms.CharField(label="Speaker")
    asked = forms.CharField(label="Who said it?", required=False)
    marked = forms.CharField(label="<Source> & “title”")
    ticked = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    required_css_class = "required"


@pytest.mark.parametrize("auto_id", ["id_%s", False])
@pytest.mark.parametrize("suffix", [None, ":", " →"])
def test_labels_are_written_as_djangos_template_writes_them(auto_id, suffix):
    ours = LabelledForm(auto_id=auto_id, renderer=widgets.Renderer())
    django = LabelledForm(auto_id=auto_id, renderer=DJANGOS)
    for name in ours.fields:
        for kwargs in ({}, {"label_suffix": suffix}, {"attrs": {"class": "wide"}, "tag": "legend"}):
            # Django adds to the attrs it is given: each call has its own copy.
            ours_tag = ours[name].label_tag(**copy.deepcopy(kwargs))
            assert ours_tag == django[name].label_tag(**copy.deepcopy(kwargs))
        assert ours[name].legend_tag() == django[name].legend_tag()


@pytest.mark.django_db
def test_forms_are_rendered_through_the_written_renderer(rf, editor):
    # The setting is what puts it to work: the list's filters write their inputs with it.
    request = rf.get("/", {"q": "Putin & co"})
    request.user = editor
    form = ClaimFilter.for_request(request).form
    assert isinstance(form.renderer, widgets.Renderer)
    assert form.renderer.written_here()  # no app here overrides Django's form templates
    assert 'name="q" value="Putin &amp; co"' in str(form["q"])


class LazySafeForm(forms.Form):
    # A label or choice marked safe lazily is safe once read: Django's templates write it
    # as it is, and so must the renderer and the written widgets.
    markup = mark_safe(gettext_lazy("Accept the <a href='/t'>terms</a>"))  # noqa: S308 — a constant
    terms = forms.CharField(label=markup)
    pick = forms.ChoiceField(
        choices=[("a", mark_safe(gettext_lazy("<b>bold</b>"))), ("b", "<i>plain</i>")],  # noqa: S308
        widget=widgets.Select,
    )


def test_labels_and_choices_marked_safe_lazily_are_written_as_they_are():
    ours, django = LazySafeForm(renderer=widgets.Renderer()), LazySafeForm(renderer=DJANGOS)
    assert ours["terms"].label_tag() == django["terms"].label_tag()
    assert "<a href='/t'>terms</a>" in ours["terms"].label_tag()
    written = str(ours["pick"])
    assert parse_html(written) == parse_html(
        forms.Select(choices=LazySafeForm.base_fields["pick"].choices).render(
            "pick", None, attrs={"id": "id_pick"}, renderer=DJANGOS
        )
    )
    assert "<b>bold</b>" in written and "&lt;i&gt;plain&lt;/i&gt;" in written


def test_an_app_that_overrides_the_input_template_keeps_its_override(tmp_path):
    # Django's form renderer reads each app's templates/django/forms/… first; the renderer
    # writes the input and label in Python only when those are Django's own.
    override = tmp_path / "django" / "forms" / "widgets" / "input.html"
    override.parent.mkdir(parents=True)
    override.write_text('<input class="theirs" name="{{ widget.name }}">')

    class Overridden(widgets.Renderer):
        @cached_property
        def engine(self):
            base = super().engine
            return self.backend(
                {"APP_DIRS": False, "DIRS": [tmp_path, *base.dirs], "NAME": "f", "OPTIONS": {}}
            )

    assert not Overridden().written_here()
    assert forms.TextInput().render("q", "x", renderer=Overridden()) == (
        '<input class="theirs" name="q">'
    )
    assert 'value="x"' in forms.TextInput().render("q", "x", renderer=widgets.Renderer())
