"""The FilterSets: the claim list's, behind the desk list, the exports and the JSON API
(so a query string means the same everywhere), and the readers' one for published fact-checks."""

import django_filters
from django import forms
from django.db.models import Q

from .fields import IdsInRange
from .models import Claim, Rating, Source

# Longest text a search box accepts: longer input is an error, not a slow query.
MAX_SEARCH = 200


def speaker_q(prefix, text):
    """Claims whose speaker (``prefix`` = "speaker" or "relayed_by") is known by ``text``."""
    return Q(**{f"{prefix}__name__icontains": text}) | Q(
        **{f"{prefix}__aliases__name__icontains": text}
    )


class IdsInRangeFilter(django_filters.ModelMultipleChoiceFilter):
    class field_class(IdsInRange, django_filters.fields.ModelMultipleChoiceField):  # noqa: N801
        pass


class ClaimFilter(django_filters.FilterSet):
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
    status = django_filters.MultipleChoiceFilter(
        choices=Claim.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    verdict = IdsInRangeFilter(
        field_name="rating", queryset=Rating.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    source = django_filters.ModelChoiceFilter(
        queryset=Source.objects.only("pk", "title").order_by("title"), empty_label="Any source"
    )
    relayed_by = django_filters.CharFilter(
        label="Relayed by", method="filter_relayed_by", max_length=MAX_SEARCH
    )
    kind = django_filters.ChoiceFilter(choices=Claim.Kind.choices, empty_label="Any kind")
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
    )

    class Meta:
        model = Claim
        fields = []

    @classmethod
    def for_request(cls, request):
        """The list's filters as this request's query string sets them."""
        return cls(request.GET or None, queryset=Claim.objects.for_list(), request=request)

    def search(self, queryset, name, value):
        # A claim matching through several aliases would appear twice without distinct().
        return queryset.filter(
            Q(text__icontains=value)
            | speaker_q("speaker", value)
            | Q(source__title__icontains=value)
        ).distinct()

    def filter_speaker(self, queryset, name, value):
        return queryset.filter(speaker_q("speaker", value)).distinct()

    def filter_relayed_by(self, queryset, name, value):
        return queryset.filter(speaker_q("relayed_by", value)).distinct()

    def filter_assigned(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assigned_to=self.request.user)
        return queryset.filter(assigned_to__isnull=(value == "nobody"))


class PublicFilter(django_filters.FilterSet):
    """What readers may filter published fact-checks by."""

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
        return queryset.filter(speaker_q("speaker", value)).distinct()
