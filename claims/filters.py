"""The FilterSets: the claim list's, behind the desk list, the exports and the JSON API
(so a query string means the same everywhere), and the readers' one for published fact-checks."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import get_language

from . import counting, querystring, widgets
from .fields import IdsInRange
from .models import Claim, Rating, Source, speakers_known_by

# Longest text a search box accepts: longer input is an error, not a slow query.
MAX_SEARCH = 200


def speaker_q(prefix, text):
    """Claims whose speaker (``prefix`` = "speaker" or "relayed_by") is known by ``text``:
    a short list of speaker ids found through the indexes (models.speakers_known_by), not a
    join on aliases, so no row comes twice and the claim query uses its speaker index."""
    return Q(**{f"{prefix}__in": speakers_known_by(text)})


class SourceChoice(django_filters.ModelChoiceFilter):
    """A source given by id. The form offers only the chosen one: a select listing every
    article would be 20,000 options on each page."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Source.objects.only("pk", "title"))
        kwargs.setdefault("widget", forms.NumberInput(attrs={"min": 1}))
        super().__init__(*args, **kwargs)


def _given(value):
    """Whether a cleaned filter value filters anything (an empty date range does not)."""
    if isinstance(value, slice):
        return value.start is not None or value.stop is not None
    return bool(value)


class IdsInRangeFilter(django_filters.ModelMultipleChoiceFilter):
    class field_class(IdsInRange, django_filters.fields.ModelMultipleChoiceField):  # noqa: N801
        pass


def _copied(thing):
    """A shallow copy, as copy.copy makes one but in a fifth of the time (its __reduce_ex__
    dance was most of a copied form's cost)."""
    twin = object.__new__(type(thing))
    twin.__dict__.update(thing.__dict__)
    return twin


class _CopiedShallow(dict):
    """Filters that copy.deepcopy copies one level deep: each filter, not what it holds."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, filter_ in self.items():
            copied = copies[name] = _copied(filter_)
            copied.extra = dict(filter_.extra)  # django-filter may set a field argument there
            if filter_.method is not None:  # a method's caller is bound to its filter:
                copied.method = filter_.method  # the copy gets one of its own
        return copies


def _widget_copied(widget):
    """The widget and its attributes; a range widget's parts too (rendering sets their
    input type)."""
    twin = _copied(widget)
    twin.attrs = dict(widget.attrs)
    if isinstance(widget, forms.MultiWidget):
        twin.widgets = [_widget_copied(part) for part in widget.widgets]
    return twin


class _FieldsCopiedShallow(dict):
    """A static form's fields, as each form copies them (Form.__init__ deep-copies its
    class's fields so that a page may change its own: 0.17 ms of each list page for ten
    fields). Each form gets its own fields and widgets (a range widget's parts included),
    with their attributes, so a page may set a field's choices, label or widget, and a
    model choice field gets its own queryset, as Django gives it (a queryset keeps the rows
    it read). What else they point to (choice lists, validators, messages) is shared, and
    nothing changes those in place: a page replaces them (desk/forms.read_choices)."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, field in self.items():
            copied = copies[name] = _copied(field)
            copied.widget = _widget_copied(field.widget)
            if getattr(field, "queryset", None) is not None:
                # Its own queryset, and choices read through it (ModelChoiceField's setter).
                copied.queryset = field.queryset.all()
        return copies


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet, whose form class can be made once rather than per request.

    django-filter makes a new form class for each request, building every filter's form
    field for it (which the form then copies again): 1 ms of each list page and API
    request. A FilterSet whose filters are the same for every request (no queryset or
    choices read from the request, no filters changed in __init__) says so with
    ``static_form = True`` and gets its form class once per language (a label may be
    translated). A form still gets fields of its own (Form.__init__ copies them, one level
    deep: _FieldsCopiedShallow), so a page may set their choices (desk/forms.read_choices)."""

    static_form = False
    _form_classes = {}

    @classmethod
    def get_filters(cls):
        # django-filter deep-copies its filters for each FilterSet (0.13 ms of each list
        # page): their querysets, choices and widgets. Of a copy it sets only the model and
        # the FilterSet (parent); a filter's form field is made once, for the form class. A
        # static form's filters are copied one level deep instead.
        filters = super().get_filters()
        return _CopiedShallow(filters) if cls.static_form else filters

    def errors_found(self):
        """What checking the query string found, as plain values: {field name: [message]},
        empty when every filter was understood."""
        if not self.is_bound:
            return {}
        return {
            name: [error["message"] for error in errors.get_json_data()]
            for name, errors in self.form.errors.items()
        }

    def get_form_class(self):
        if not self.static_form:
            return super().get_form_class()
        key = (type(self), get_language())
        form_class = self._form_classes.get(key)
        if form_class is None:
            form_class = self._form_classes[key] = super().get_form_class()
            form_class.base_fields = _FieldsCopiedShallow(form_class.base_fields)
        return form_class


class ClaimFilter(FilterSet):
    static_form = True  # its filters and their choices are the same for every request

    q = django_filters.CharFilter(
        label="Search",
        method="search",
        max_length=MAX_SEARCH,
        help_text="Words of the statement, a speaker's name or alias, a source title.",
    )
    speaker = django_filters.CharFilter(
        label="Speaker",
        method="filter_speaker",
        max_length=MAX_SEARCH,
        help_text="Name or alias, e.g. Putin.",
    )
    # No DISTINCT: these test a column of the claim itself, so no row can come twice, and a
    # DISTINCT would make the database read every match before the first page.
    status = django_filters.MultipleChoiceFilter(
        choices=Claim.Status.choices, widget=widgets.CheckboxSelectMultiple, distinct=False
    )
    verdict = IdsInRangeFilter(
        field_name="rating",
        queryset=Rating.objects.all(),
        widget=widgets.CheckboxSelectMultiple,
        distinct=False,
    )
    source = SourceChoice(label="Source (article number)")
    relayed_by = django_filters.CharFilter(
        label="Relayed by", method="filter_relayed_by", max_length=MAX_SEARCH
    )
    kind = django_filters.ChoiceFilter(
        choices=Claim.Kind.choices, empty_label="Any kind", widget=widgets.Select
    )
    claimed = django_filters.DateFromToRangeFilter(
        field_name="claimed_on",
        label="Claimed between",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )
    assigned = django_filters.ChoiceFilter(
        label="Assigned to",
        choices=[("me", "Me"), ("anyone", "Anyone"), ("nobody", "Nobody")],
        method="filter_assigned",
        empty_label="Any",
        widget=widgets.Select,
    )
    order = django_filters.OrderingFilter(
        label="Sort by",
        fields=[("updated_at", "updated"), ("claimed_on", "claimed"), ("speaker__name", "speaker")],
        field_labels={
            "updated_at": "Oldest change",
            "-updated_at": "Latest change",
            "claimed_on": "Claimed, oldest",
            "-claimed_on": "Claimed, newest",
            "speaker__name": "Speaker A–Z",
            "-speaker__name": "Speaker Z–A",
        },
        empty_label="Latest change",
        widget=widgets.Select,
    )

    class Meta:
        model = Claim
        fields = []

    @classmethod
    def for_request(cls, request, claims=None):
        """The list's filters as this request's query string sets them, over ``claims``
        (by default every claim). Who reads the results says how: rows as values for the
        lists and most exports, claims with their related rows for ClaimReview's."""
        claims = Claim.objects.all() if claims is None else claims
        return cls(request.GET or None, queryset=claims, request=request)

    def question(self):
        """What this filter's results depend on besides the data, as plain values (the
        key under which list_memory keeps them): the query string, and who asks when it
        filters by "assigned to me"."""
        if not self.is_bound:
            return ()
        asker = self.request.user.pk if "me" in self.data.getlist("assigned") else None
        return (asker, querystring.as_key(self.data))

    # Filters that ClaimTally counts by; any other one is counted on the matching rows.
    TALLIED = {"status", "verdict", "speaker"}

    def counts(self):
        """The number of claims matching, by status and by verdict: exact from ClaimTally
        when only tallied filters apply, else counted up to a bound (claims/counting.py)."""
        if not hasattr(self, "_counts"):
            self._counts = self._count()
        return self._counts

    def _count(self):
        self.qs  # noqa: B018 — runs the filters, which note the speaker ids they matched
        active = (
            {
                name
                for name, value in self.form.cleaned_data.items()
                if name != "order" and _given(value)
            }
            if self.is_bound
            else set()
        )
        speakers = getattr(self, "speaker_ids", None)
        if active <= self.TALLIED and isinstance(speakers, list | type(None)):
            data = self.form.cleaned_data if self.is_bound else {}
            return counting.from_tally(
                speakers=speakers if "speaker" in active else None,
                statuses=data.get("status") or None,
                ratings=[r.pk for r in data.get("verdict") or []] or None,
            )
        return counting.bounded(self.qs)

    def search(self, queryset, name, value):
        self.search_text = value  # results() ranks by it when the matches are few enough
        return queryset.search(value)

    def results(self):
        """The matching claims in the list's order. A search with no chosen order lists the
        best matches first when it matches few enough claims to be counted exactly (ranking
        reads every match); a wider one lists the latest changes first, as without search."""
        claims = self.qs
        text = getattr(self, "search_text", None)
        chosen = self.is_bound and self.form.cleaned_data.get("order")
        if text and not chosen and self.counts().exact:
            return claims.ranked(text)
        return claims

    def filter_speaker(self, queryset, name, value):
        self.speaker_ids = speakers_known_by(value)  # the counts reuse them
        return queryset.filter(speaker__in=self.speaker_ids)

    def filter_relayed_by(self, queryset, name, value):
        return queryset.filter(speaker_q("relayed_by", value))

    def filter_assigned(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assigned_to=self.request.user)
        return queryset.filter(assigned_to__isnull=(value == "nobody"))


class PublicFilter(FilterSet):
    """What readers may filter published fact-checks by."""

    static_form = True

    speaker = django_filters.CharFilter(
        method="filter_speaker", max_length=MAX_SEARCH, label="Speaker"
    )
    verdict = django_filters.ModelChoiceFilter(
        field_name="rating", queryset=Rating.objects.all(), empty_label="Any verdict"
    )

    class Meta:
        model = Claim
        fields = []

    def filter_speaker(self, queryset, name, value):
        return queryset.filter(speaker_q("speaker", value))
