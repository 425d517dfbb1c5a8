from typing import ClassVar
from urllib.parse import urlsplit

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_list import ResultList
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from . import counting, list_memory, permissions, querystring, reference, services
from .fields import as_id
from .models import (
    ApiToken,
    Claim,
    ClaimRelation,
    DuplicateSuggestion,
    Evidence,
    Rating,
    Source,
    Speaker,
    SpeakerAlias,
    named_by,
    pk_urls,
    url_context,
)
from .roles import ROLES, give_role, role_of
from .sanitize import normalise_newlines
from .search import normalise
from .templatetags.claims_tags import TimeWriter
from .widgets import Select, escaped

# How much article text to show either side of a claim's span in the admin preview.
CONTEXT_CHARS = 160


class KeptFiltersChangeList(ChangeList):
    """Rows link to their change page with the list's filters kept, so that saving goes
    back to the same list: Django's ``add_preserved_filters``, which resolves each row's
    URL to see whether it is the list itself: 100 URL resolutions on every searched or
    filtered page. The kept filters are the same on every row, so they are worked out for
    the first row and added to the others. (With the tick boxes below, the claim
    changelist takes 0.8 of the time it did, old and new code timed in turn.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept_filters = self.preserved_filters
        self.preserved_filters = ""  # what Django's row loop would add: added here
        self._kept_query = None
        self._change_url = None  # pk -> the change page's URL, made on the first row

    def url_for_result(self, result):
        # Django reverses each row's URL (100 a page, 0.07 of the claim changelist's time
        # in a profile); for an integer id, pk_urls makes the same string without a reverse
        # (asked once a page: it looks up the URL prefix and URLconf in force).
        pk = getattr(result, self.pk_attname)
        if isinstance(pk, int):
            if self._change_url is None:
                site, opts = self.model_admin.admin_site.name, self.opts
                self._change_url = pk_urls(f"{site}:{opts.app_label}_{opts.model_name}_change")
            url = self._change_url(pk)
        else:
            url = super().url_for_result(result)
        if not self._kept_filters:
            return url
        if self._kept_query is None:
            context = {"preserved_filters": self._kept_filters, "opts": self.opts}
            self._kept_query = urlsplit(add_preserved_filters(context, url)).query
        return f"{url}?{self._kept_query}"


class BoundedDatesChangeList(KeptFiltersChangeList):
    """Django's date drill-down (``?updated_at__year=``) turns the year into a datetime
    unchecked: a year past 9999 raises OverflowError or ValueError, a 500. Here it is an
    unknown filter like any other: the admin shows the list again with "?e=1"."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as exc:
            raise IncorrectLookupParameters(exc) from exc

    def get_results(self, request):
        # The same bad date may surface only when the query is compiled (to count it).
        try:
            return super().get_results(request)
        except (OverflowError, ValueError) as exc:
            raise IncorrectLookupParameters(exc) from exc


class BoundedDatesMixin:
    def get_changelist(self, request, **kwargs):
        return BoundedDatesChangeList


def tick_boxes():
    """A writer of changelist rows' tick boxes, their label translated once per page: what
    Django's ``format_html`` writes (the label is a translation, its record's name escaped
    in it), each value through claims.widgets.escaped."""
    label = gettext("Select this object for an action - {}")
    name = escaped(ACTION_CHECKBOX_NAME)

    def tick_box(obj):
        return mark_safe(  # noqa: S308 — each value escaped here
            f'<input type="checkbox" name="{name}" value="{escaped(obj.pk)}" '
            f'class="action-select" aria-label="{label.format(escaped(obj))}">'
        )

    return tick_box


class ActionForm(helpers.ActionForm):
    """Django's action form, its list of actions written by claims.widgets.Select (through
    Django's templates, one include per action and per attribute: about a millisecond of
    every changelist)."""

    action = forms.ChoiceField(label=gettext_lazy("Action:"), widget=Select)


class ReadOnlyHistoryAdmin(BoundedDatesMixin, SimpleHistoryAdmin):
    """History pages are evidence: anyone may read them, nobody may revert through them.

    Each row's tick box is written directly, in the markup Django's checkbox widget makes
    (tests/test_admin.py compares them): the widget renders it through its templates, 100
    times a page, the largest single cost of the claim changelist in a profile.
    """

    action_form = ActionForm

    def action_checkbox(self, obj):
        return tick_boxes()(obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("The history cannot be changed.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class EveryErrorOnTheForm:
    """A model rule may name a field the form does not show (read-only for this user, or
    not in this inline): its message goes to the top of the form instead of Django's
    "has no field named" error, a 500."""

    def add_error(self, field, error):
        if field is None and hasattr(error, "error_dict"):
            shown, stray = {}, []
            for name, errors in error.error_dict.items():
                if name == NON_FIELD_ERRORS or name in self.fields:
                    shown[name] = errors
                else:
                    stray.extend(errors)
            if stray:
                shown.setdefault(NON_FIELD_ERRORS, []).extend(stray)
            error = ValidationError(shown)
        super().add_error(field, error)


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


class GuardPublished:
    """A published fact-check shows its speaker and its article: renaming one, or moving the
    article's URL, changes the public page, so it needs the publish permission."""

    def has_change_permission(self, request, obj=None):
        if obj is not None and not permissions.can_change_published(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not permissions.can_change_published(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Speaker)
class SpeakerAdmin(GuardPublished, ReadOnlyHistoryAdmin):
    list_display = ["name", "kind", "role", "affiliation", "alias_list"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "role", "affiliation"]
    inlines = [SpeakerAliasInline]
    actions = ["merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_list(self, speaker):
        return ", ".join(alias.name for alias in speaker.aliases.all())

    def has_merge_permission(self, request):
        return permissions.can_merge_speakers(request.user)

    @admin.action(
        description="Merge two speakers (the one recorded first is kept)", permissions=["merge"]
    )
    def merge(self, request, queryset):
        speakers = sorted(queryset, key=lambda s: s.pk)
        if len(speakers) != 2:
            self.message_user(request, "Tick exactly two speakers to merge.", messages.ERROR)
            return
        keep, other = speakers
        try:
            moved = services.merge_speakers(keep, other, request.user)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            self.message_user(
                request, f"{other.name} merged into {keep.name}: {moved} claim(s) moved."
            )


class SourceAdminForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = "__all__"  # noqa: DJ007 — SourceAdmin.fields chooses what is shown

    def clean_body(self):
        # The one line-ending rule, before Source.clean checks every claim's span.
        return normalise_newlines(self.cleaned_data.get("body") or "")

    def clean_title(self):
        return " ".join((self.cleaned_data.get("title") or "").split())


@admin.register(Source)
class SourceAdmin(GuardPublished, ReadOnlyHistoryAdmin):
    form = SourceAdminForm
    list_display = ["title", "publisher", "published_on", "url", "added_at"]
    list_filter = ["publisher", "language"]
    search_fields = ["title", "publisher", "url"]
    readonly_fields = ["added_by", "added_at", "claims_in_article"]
    date_hierarchy = "added_at"
    change_form_template = "admin/claims/source/change_form.html"

    @admin.display(description="claims")
    def claims_in_article(self, source):
        # A list, not an inline: an inline would re-validate every claim against the body
        # being typed, and Source.clean already names the claims an edit would break.
        if not source.pk:
            return "—"
        claims = source.claims.select_related("speaker").order_by("span_start", "pk")
        return (
            format_html_join(
                "",
                '<p><a href="{}">#{}</a> {}: “{}”</p>',
                (
                    (
                        reverse("admin:claims_claim_change", args=[c.pk]),
                        c.pk,
                        c.speaker.name,
                        c.text,
                    )
                    for c in claims
                ),
            )
            or "—"
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


class EvidenceInline(admin.StackedInline):
    model = Evidence
    form = type("EvidenceForm", (EveryErrorOnTheForm, forms.ModelForm), {})
    extra = 0
    fields = ["url", "title", "note", "added_by", "added_at"]
    readonly_fields = ["added_by", "added_at"]


class ClaimRelationInline(admin.TabularInline):
    model = ClaimRelation
    form = type("ClaimRelationForm", (EveryErrorOnTheForm, forms.ModelForm), {})
    fk_name = "from_claim"
    extra = 0
    fields = ["kind", "to_claim"]
    autocomplete_fields = ["to_claim"]
    verbose_name = "answers another claim"
    verbose_name_plural = "answers other claims"


CONFLICT = (
    "Someone else saved this claim while you were editing it (it is now at version {}). "
    "Nothing was saved: open it again to see their change, then re-apply yours."
)


class ClaimAdminForm(EveryErrorOnTheForm, forms.ModelForm):
    # The version the editor loaded; a save from a stale copy (or with no version at all)
    # is refused, not merged.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Claim
        fields = "__all__"  # noqa: DJ007 — ClaimAdmin.fieldsets chooses what is shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean_text(self):
        return normalise_newlines(self.cleaned_data.get("text") or "")

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # The admin runs each save in one transaction: the row lock taken here holds until
        # save_model has written, so a desk or admin save in between waits, then conflicts.
        try:
            with services.locked_claim(self.instance.pk, cleaned.get("loaded_version")) as stored:
                services.check_status_move(stored.status, cleaned.get("status", stored.status))
        except services.EditConflict as conflict:
            raise ValidationError(CONFLICT.format(conflict.current.version)) from conflict
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return cleaned


class EstimatedCountPaginator(Paginator):
    """The changelist's total counted up to a bound and estimated past it (PostgreSQL's
    planner), instead of a COUNT(*) over a million claims on every page."""

    @cached_property
    def count(self):
        return counting.total(self.object_list)[0]


class AutocompleteFilter(admin.SimpleListFilter):
    """Filter by a record chosen in the admin's own autocomplete box (select2 and the
    ``autocomplete/`` view, searched through the related admin's ``search_fields``), not
    from a list of every speaker or article: the page carries only the chosen one.

    ``field_name`` is the claim's foreign key; ``parameter_name`` its id in the query string
    (rows link to it, e.g. ``?source=12``). The box goes to the filtered list when a record
    is chosen or cleared (static/claims/autocomplete-filter.js).
    """

    template = "admin/claims/autocomplete_filter.html"
    field_name = None
    _empty_boxes: ClassVar[dict] = {}  # the empty box's markup: see box()

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.field = model._meta.get_field(self.field_name)
        self.admin_site = model_admin.admin_site

    def lookups(self, request, model_admin):
        return ()  # nothing listed: the box asks the autocomplete view as the editor types

    def has_output(self):
        return True

    def chosen_id(self):
        return as_id(self.value())

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        chosen = self.chosen_id()
        return (
            queryset.none() if chosen is None else queryset.filter(**{self.field.attname: chosen})
        )

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            # Where choosing leads: this list, every other filter kept, back to page 1.
            "query_string": changelist.get_query_string(remove=[self.parameter_name, "p"]),
            "display": "All",
        }

    def box(self):
        """The select2 box, holding the chosen record if any (one query, for its label).

        Empty, as on most pages, it is the same markup for every request in a language
        (Django's widget renders it through the form templates: about 1.5 ms a box, a
        twentieth of the changelist), so it is written once for each of what it depends on:
        the filter and its field, the admin site, the language (select2's), and the URL
        prefix and URLconf (its autocomplete URL). Forgotten when a setting changes (tests).
        """
        chosen = self.chosen_id()
        if chosen is not None:
            return self._render_box(chosen)
        key = (type(self), self.field, self.admin_site.name, get_language(), *url_context())
        if key not in self._empty_boxes:
            self._empty_boxes[key] = self._render_box(None)
        return self._empty_boxes[key]

    def _render_box(self, chosen):
        remote = self.field.remote_field.model
        field = forms.ModelChoiceField(
            queryset=remote._default_manager.all(),
            required=False,
            widget=AutocompleteSelect(self.field, self.admin_site),
        )
        return field.widget.render(
            self.parameter_name,
            chosen,
            attrs={
                "id": f"filter_{self.parameter_name}",
                "aria-label": f"By {self.title}",
                "data-filter-parameter": self.parameter_name,
            },
        )


@receiver(setting_changed)
def _forget_empty_boxes(**kwargs):
    AutocompleteFilter._empty_boxes.clear()


def autocomplete_filter_media(admin_site):
    """The admin's vendored jQuery and select2 (what AutocompleteSelect needs: no CDN) and
    the script that applies a choice."""
    widget = AutocompleteSelect(Claim._meta.get_field("speaker"), admin_site)
    # Listed after the scripts it uses, so that merging media keeps it after them.
    after = ["admin/js/jquery.init.js", "admin/js/autocomplete.js", "claims/autocomplete-filter.js"]
    return widget.media + forms.Media(js=after, css={"screen": ["claims/admin.css"]})


class SpeakerFilter(AutocompleteFilter):
    title = "speaker"
    parameter_name = "speaker"
    field_name = "speaker"


class SourceFilter(AutocompleteFilter):
    title = "source"
    parameter_name = "source"
    field_name = "source"


class VerdictFilter(admin.RelatedFieldListFilter):
    """The verdicts as Django lists them, from the desk's reference data (claims/
    reference.py: kept until the scale changes), not a query on every page."""

    def field_choices(self, field, request, model_admin):
        return [(rating.pk, str(rating)) for rating in reference.current().ratings]


class SpeakerKindFilter(admin.ChoicesFieldListFilter):
    """The speaker's kind (person, government…), titled so: Django titles a filter by its
    field's name, and a claim's own kind (a quote, a paraphrase) is "kind" too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "speaker's kind"


class ClaimChangeList(BoundedDatesChangeList):
    """Bounded date drill-downs, like every history admin's list, and light rows."""

    # What the rows show (ClaimAdmin.list_display, the tick box's label, the row's link).
    SHOWN = [
        "text",
        "status",
        "updated_at",
        "speaker__name",
        "relayed_by__name",
        "rating__label",
        "source__title",
    ]

    def get_queryset(self, request, exclude_parameters=None):
        # Rows show the article's title, never its text.
        return super().get_queryset(request, exclude_parameters).defer("source__body")

    # What get_results finds, kept for a page asked again with the HTML of its parts
    # (ClaimAdmin.changelist_view); the rows are kept written, not as claims.
    KEPT = [
        "result_count",
        "full_result_count",
        "show_full_result_count",
        "show_admin_actions",
        "can_show_all",
        "multi_page",
    ]
    kept = None  # where the page is kept (list_memory.Place), or None: it is not
    written = None  # the HTML of its kept parts, when the page was found kept

    def get_results(self, request):
        # A page asked again is answered from what this worker kept since the last write
        # (claims/list_memory.py), as the desk's lists are: its count, read here, and the
        # HTML of its search bar, table, page links and filters, written with the page
        # (ClaimAdmin.changelist_view), in one answer under the edition read before
        # either. The rest of the page (the user's name and actions, the CSRF token) is
        # written for each request. The key is the query string and the columns, which
        # follow the user's actions; nothing else kept may depend on who asks (an admin
        # whose get_queryset() read the user would need the user in the key). A page with
        # editable rows is Django's own: its formset wants the rows as a queryset.
        if self.list_editable:
            self._light_results(request)
            return
        columns = (tuple(self.list_display), tuple(self.list_display_links or ()))
        question = ("admin claim list", querystring.as_key(request.GET), columns)
        self.kept = list_memory.Place(question)
        held = self.kept.held()
        if held is None:
            self._found = self._find(request)
            return
        for name in self.KEPT:
            setattr(self, name, held[name])
        self.paginator = self.model_admin.get_paginator(request, self.queryset, self.list_per_page)
        self.paginator.count = self.result_count  # known: not counted again
        # The rows are found and read only if a part must be written again.
        self.result_list = UnreadRows(self._page_rows, held["rows"])
        self.written = held["written"]

    def keep(self, written):
        """Keep what get_results found, with ``written``, the HTML of the page's parts."""
        self.kept.keep({**self._found, "written": written})

    def _light_results(self, request):
        super().get_results(request)
        # The page's rows read only what they show: not a claim's notes and explanation,
        # nor its speakers' and article's other columns (100 rows: about 1 ms of the
        # page). Only here: the actions are given the list's queryset, whole claims.
        self.result_list = self.result_list.only(*self.SHOWN)

    def _page_rows(self):
        """The page's rows as Django's get_results picks them, unread (a queryset)."""
        if (self.show_all and self.can_show_all) or not self.multi_page:
            rows = self.queryset._clone()
        else:  # a page that was there when it was kept: the edition has not moved
            rows = self.paginator.page(self.page_num).object_list
        return rows.only(*self.SHOWN)

    def _find(self, request):
        """What get_results finds, to keep: KEPT and the number of rows on the page (the
        actions' "0 of 100 selected"), the rows read here for this request."""
        self._light_results(request)
        try:
            self.result_list = list(self.result_list)
        except (OverflowError, ValueError) as exc:  # as BoundedDatesChangeList says
            raise IncorrectLookupParameters(exc) from exc
        return {"rows": len(self.result_list), **{name: getattr(self, name) for name in self.KEPT}}


class UnreadRows:
    """A kept page's rows: their number known, the rows (``rows()``, a queryset) read from
    the database only when iterated (to write a table that is not kept)."""

    def __init__(self, rows, count):
        self._rows, self._count = rows, count

    def __len__(self):
        return self._count

    @cached_property
    def _read(self):
        return list(self._rows())

    def __iter__(self):
        return iter(self._read)


class ClaimRows:
    """The claim changelist's rows, each cell as Django's ``items_for_result`` writes it,
    a row's cells one item of the result list (tests/test_admin.py compares the two on the
    same rows). Django looks each cell's field up by name, asks the admin for its empty
    value and formats the cell through ``format_html``: 800 cells a page, half of a
    searched changelist's time in a profile. Here what every row writes alike (the empty
    value, the status labels, the link column) is worked out once per page, and each cell
    is one escaped f-string.

    ``rows()`` is None when the page is not one this writer knows (a column it has no
    cell for, a column with an empty value of its own, no link column or several,
    list_editable forms, a popup): Django then writes it."""

    def __init__(self, model_admin, changelist):
        self.admin = model_admin
        self.cl = changelist
        self.empty = model_admin.get_empty_value_display()
        self.statuses = {value: str(label) for value, label in Claim.Status.choices}

    # Each value through claims.widgets.escaped, as format_html escapes its arguments.
    def _text(self, claim):
        text = self.admin.excerpt(claim)
        return escaped(text) if text.strip() else self.empty

    def _related(self, name):
        def cell(claim):
            related = getattr(claim, name)
            return self.empty if related is None else escaped(related)

        return cell

    def _status(self, claim):
        label = self.statuses.get(claim.status)
        return self.empty if label is None else escaped(label)

    def _cells(self):
        """{column: (classes, writer of its value)}."""
        times = TimeWriter()  # the time zone and the month names read once for the page
        return {
            "action_checkbox": ("action-checkbox", tick_boxes()),
            "excerpt": ("field-excerpt", self._text),
            "speaker": ("field-speaker nowrap", self._related("speaker")),
            "relayed_by": ("field-relayed_by nowrap", self._related("relayed_by")),
            "status": ("field-status", self._status),
            "rating": ("field-rating nowrap", self._related("rating")),
            "source_link": ("field-source_link", self.admin.source_link),
            # A time as the desk writes it: Django's localized date cost about 25 µs a row
            # (the month and a.m./p.m. translated on each call), this 2 µs.
            "updated": ("field-updated", lambda claim: times.time(claim.updated_at)),
        }

    def rows(self):
        cl, cells = self.cl, self._cells()
        columns = list(cl.list_display)
        linked = [name for name in columns if name in (cl.list_display_links or ())]
        own_empty = [
            name
            for name in columns
            if getattr(getattr(self.admin, name, None), "empty_value_display", None)
        ]
        if cl.is_popup or cl.formset or len(linked) != 1 or own_empty:
            return None
        if not set(columns) <= cells.keys():
            return None
        # The one linked column holds the link, in a <th>.
        link = linked[0]
        written = []
        for claim in cl.result_list:
            row = []
            for name in columns:
                classes, value = cells[name]
                if name == link:
                    url = escaped(cl.url_for_result(claim))
                    row.append(f'<th class="{classes}"><a href="{url}">{value(claim)}</a></th>')
                else:
                    row.append(f'<td class="{classes}">{value(claim)}</td>')
            # One item per row, its cells written whole: Django's template puts out each
            # item through the template engine (localized, escaped), and 800 cells a page
            # were about a tenth of the changelist's time; the HTML is the same.
            written.append(ResultList(None, [mark_safe("".join(row))]))  # noqa: S308 — each value escaped above
        return written


@admin.register(Claim)
class ClaimAdmin(ReadOnlyHistoryAdmin):
    form = ClaimAdminForm
    list_display = [
        "excerpt",
        "speaker",
        "relayed_by",
        "status",
        "rating",
        "source_link",
        "updated",
    ]
    list_filter = [
        "status",
        ("rating", VerdictFilter),
        ("speaker__kind", SpeakerKindFilter),
        "kind",
        "machine_proposed",
        SpeakerFilter,
        SourceFilter,
    ]
    # The search box goes through the full-text index (get_search_results below).
    search_fields = ["text"]
    list_select_related = ["speaker", "relayed_by", "rating", "source"]
    show_full_result_count = False
    # "Show counts" would count every filter's choices over the whole table on each page.
    show_facets = admin.ShowFacets.NEVER
    paginator = EstimatedCountPaginator
    autocomplete_fields = ["speaker", "relayed_by", "source"]
    readonly_fields = [
        "span_in_context",
        "version",
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["source", "text", "span_start", "span_end", "span_in_context"]}),
        ("Attribution", {"fields": ["speaker", "relayed_by", "kind", "cue", "claimed_on"]}),
        ("Review", {"fields": ["status", "rating", "assigned_to", "notes"]}),
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": [
                    "machine_proposed",
                    "loaded_version",
                    "version",
                    "created_by",
                    "created_at",
                    "updated_by",
                    "updated_at",
                ],
            },
        ),
    ]
    inlines = [ClaimRelationInline, EvidenceInline]
    actions = ["move_to_in_review", "assign_to_me", "publish", "unpublish"]
    # No date_hierarchy: it lists the years with a DISTINCT over every claim on each page.

    # Django's changelist, whose result list takes its rows from result_rows below.
    change_list_template = "admin/claims/claim/change_list_kept.html"

    def get_changelist(self, request, **kwargs):
        return ClaimChangeList

    def changelist_view(self, request, extra_context=None):
        # A kept page's search bar, table, page links and filters, the same for everyone
        # who sees its columns, are written once (ClaimChangeList.get_results says when):
        # change_list_kept.html marks them ({% kept_part %}), the first rendering fills
        # ``written`` with their HTML, kept with the page's count, and later ones take it
        # from there. 100 rows and seven filters were about a third of the page's time.
        response = super().changelist_view(request, extra_context)
        cl = (getattr(response, "context_data", None) or {}).get("cl")
        if not isinstance(cl, ClaimChangeList) or cl.kept is None:
            return response  # a redirect, an action's own page, editable rows
        if cl.written is not None:
            response.context_data["written"] = cl.written
            return response
        # Rendered here to keep what it wrote: before any middleware's
        # process_template_response (none installed changes a changelist), and the
        # handler's render() then does nothing. An exception is not kept.
        response.context_data["written"] = written = {}
        response.render()
        cl.keep(written)
        return response

    def result_rows(self, changelist):
        """The changelist's rows for admin/claims/claim/change_list_kept.html (claims_admin's
        ``claim_result_list``): ClaimRows', or Django's own where it cannot write them."""
        return ClaimRows(self, changelist).rows()

    @property
    def media(self):
        return super().media + autocomplete_filter_media(self.admin_site)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        # Whom and what the words name (a query through three trigram indexes) is kept as
        # the page is, until a write: a kept page still builds its queryset (Django's
        # changelist does before it asks for results), the searched page's only query
        # besides the session's, the user's and the editions'.
        text = normalise(search_term)
        named = list_memory.remembered(("admin search names", text), lambda: named_by(text))
        return queryset.search(text, named=named), False

    @admin.display(description="source", ordering="source__title")
    def source_link(self, claim):
        # format_html's markup, each value through claims.widgets.escaped (a hundred a page).
        return mark_safe(  # noqa: S308 — each value escaped here
            f'<a href="?source={escaped(claim.source_id)}">{escaped(claim.source.title)}</a>'
        )

    @admin.display(description="updated", ordering="updated_at")
    def updated(self, claim):
        # A time as the desk shows it, in a <time> element. ClaimRows writes this column
        # with one TimeWriter a page; this is for the pages Django writes (a popup).
        return mark_safe(TimeWriter().time(claim.updated_at))  # noqa: S308 — escaped by time()

    @admin.display(description="statement", ordering="text")
    def excerpt(self, claim):
        return claim.text if len(claim.text) <= 80 else claim.text[:77] + "…"

    @admin.display(description="in the article")
    def span_in_context(self, claim):
        if not claim.pk:
            return "—"
        body = claim.source.body
        start, end = claim.span_start, claim.span_end
        return format_html(
            "…{}<mark>{}</mark>{}…",
            body[max(0, start - CONTEXT_CHARS) : start],
            body[start:end],
            body[end : end + CONTEXT_CHARS],
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not permissions.can_review(request.user):
            fields += ["status", "rating", "assigned_to"]
        if obj is not None and obj.published_at is not None:
            # A published verdict changes only with a public correction note, which the
            # desk's review form asks for (services.update_claim, the one rule). Read from
            # published_at, which no form sets: a rejected POST re-renders the page with
            # the form's values in ``obj``, and the read-only fields must stay the same.
            fields += ["rating"]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None:
            return permissions.can_edit_claim(request.user, obj)
        return super().has_change_permission(request, obj)

    def get_changeform_initial_data(self, request):
        # "Make a claim from the selection" on the source page opens this form filled in.
        initial = super().get_changeform_initial_data(request)
        for name in ("span_start", "span_end"):
            if name in initial:
                initial[name] = as_id(initial[name])
        return initial

    def save_model(self, request, obj, form, change):
        if change:
            services.save_edited_claim(obj, request.user, form.cleaned_data["loaded_version"])
        else:
            services.create_claim(obj, request.user)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, Evidence):
                services.save_evidence(instance, request.user)
            elif isinstance(instance, ClaimRelation):
                services.save_relation(instance, request.user)
        for instance in formset.deleted_objects:
            if isinstance(instance, Evidence):
                services.delete_evidence(instance, request.user)
            else:
                services.remove_relation(instance, request.user)

    def _report(self, request, result, done):
        if result.changed:
            self.message_user(request, f"{len(result.changed)} claim(s) {done}.")
        for claim, reason in result.refused.items():
            self.message_user(
                request, f"Claim #{claim.pk} left unchanged: {reason}", messages.ERROR
            )
        if not result.changed and not result.refused:
            self.message_user(request, "Nothing to change.", messages.WARNING)

    @admin.action(description="Move to In review", permissions=["review"])
    def move_to_in_review(self, request, queryset):
        result = services.bulk_update(queryset, request.user, status=Claim.Status.IN_REVIEW)
        self._report(request, result, "moved to In review")

    @admin.action(description="Assign to me", permissions=["review"])
    def assign_to_me(self, request, queryset):
        result = services.bulk_update(queryset, request.user, assigned_to=request.user)
        self._report(request, result, "assigned to you")

    def has_review_permission(self, request):
        return permissions.can_review(request.user)

    def has_publish_permission(self, request):
        return permissions.can_publish(request.user)

    def _each(self, request, queryset, action, done, **details):
        changed = 0
        for claim in queryset:
            try:
                action(claim.pk, request.user, claim.version, **details)
                changed += 1
            except (ValidationError, services.EditConflict) as exc:
                reason = "; ".join(getattr(exc, "messages", [str(exc)]))
                self.message_user(request, f"Claim #{claim.pk}: {reason}", messages.ERROR)
        if changed:
            self.message_user(request, f"{changed} claim(s) {done}.")

    @admin.action(description="Publish (Reviewed claims)", permissions=["publish"])
    def publish(self, request, queryset):
        self._each(request, queryset, services.publish, "published")

    @admin.action(description="Unpublish…", permissions=["publish"])
    def unpublish(self, request, queryset):
        """Like the desk's Unpublish: a confirmation page first, and a reason for the record."""
        form = UnpublishReasonForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._each(
                request,
                queryset,
                services.unpublish,
                "unpublished",
                reason=form.cleaned_data["reason"],
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Unpublish fact-checks",
            "claims": queryset.select_related("speaker"),
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/claim/unpublish_confirm.html", context)


class UnpublishReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why are they withdrawn?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Kept in each claim's history. Readers see only that it was withdrawn, and when.",
    )


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "value", "order", "definition"]
    list_editable = ["order"]
    ordering = ["order"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "state", "last_used_at"]
    list_select_related = ["user"]
    fields = ["user", "name", "expires_at", "prefix", "created_at", "revoked_at", "last_used_at"]
    readonly_fields = ["prefix", "created_at", "revoked_at", "last_used_at"]
    search_fields = ["name", "user__username"]
    actions = ["revoke"]

    @admin.display(description="state")
    def state(self, token):
        if token.revoked_at:
            return "revoked"
        return "expired" if token.expires_at <= timezone.now() else "usable"

    def has_change_permission(self, request, obj=None):
        return False  # a token is revoked or deleted, never edited

    def has_revoke_permission(self, request):
        return self.has_delete_permission(request)

    @admin.action(description="Revoke (the key stops working now)", permissions=["revoke"])
    def revoke(self, request, queryset):
        self.message_user(request, f"{queryset.revoke()} token(s) revoked.")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Editors issue tokens for colleagues, never for an account with more rights.
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = get_user_model().objects.filter(is_active=True, is_superuser=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.new_key = obj.assign_new_key()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        # The key is shown on this page, once: never in a message, which would carry it in
        # a cookie to the next page. Not cached, so Back does not show it again either.
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "token": obj,
            "key": obj.new_key,
            "title": "API token issued",
        }
        response = TemplateResponse(request, "admin/claims/apitoken/key.html", context)
        patch_cache_control(response, no_store=True)
        return response


@admin.register(DuplicateSuggestion)
class DuplicateSuggestionAdmin(admin.ModelAdmin):
    list_display = ["claim", "original", "score", "state", "decided_by"]
    list_filter = ["state"]
    list_select_related = ["claim__speaker", "original__speaker", "decided_by"]
    raw_id_fields = ["claim", "original"]
    readonly_fields = ["decided_by", "decided_at"]


ROLE_CHOICES = [(key, name) for key, name in ROLES.items()]


class ColleagueForm(UserChangeForm):
    """What an Editor may change about a colleague: names, e-mail, active, one role."""

    role = forms.ChoiceField(choices=ROLE_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = role_of(self.instance) or "viewer"


class NewColleagueForm(UserCreationForm):
    role = forms.ChoiceField(choices=ROLE_CHOICES)


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class TeamUserAdmin(UserAdmin):
    """Editors add colleagues and give them one of the three roles; only superusers grant
    superuser or staff rights directly, or touch a superuser's account."""

    list_display = ["username", "first_name", "last_name", "role", "is_active", "last_login"]
    list_filter = ["groups", "is_active", "is_staff"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="role")
    def role(self, user):
        if user.is_superuser:
            return "superuser"
        names = {group.name for group in user.groups.all()}
        return next((n for n in reversed(ROLES.values()) if n in names), "—")

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        if obj is None:
            return [(None, {"fields": ["username", "password1", "password2", "role"]})]
        return [
            (None, {"fields": ["username", "password", "role", "is_active"]}),
            ("Name", {"fields": ["first_name", "last_name", "email"]}),
        ]

    def get_form(self, request, obj=None, **kwargs):
        if not request.user.is_superuser:
            kwargs["form"] = ColleagueForm if obj else NewColleagueForm
        return super().get_form(request, obj, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "role" in form.cleaned_data:
            give_role(obj, form.cleaned_data["role"])


def _bound_axes_dates():
    """django-axes' sign-in records have date drill-downs too: the same bound, the admins
    otherwise as the library registers them. ("axes" precedes "claims" in INSTALLED_APPS,
    so its admin is registered by the time this module is imported.)"""
    for model, model_admin in list(admin.site._registry.items()):
        if model._meta.app_label == "axes" and model_admin.date_hierarchy:
            bounded = type(type(model_admin).__name__, (BoundedDatesMixin, type(model_admin)), {})
            admin.site.unregister(model)
            admin.site.register(model, bounded)


_bound_axes_dates()
