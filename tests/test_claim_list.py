"""The claim list: each filter with a valid and an invalid value, counts, sorting, paging."""

import datetime
import re

import pytest
from django.urls import reverse

from claims.models import Claim

from .conftest import make_claim, make_source, make_speaker, rating

pytestmark = pytest.mark.django_db
LIST = reverse("claims:claim-list")


@pytest.fixture
def desk(client, editor, seed):
    client.force_login(editor)
    return client


def listed(client, params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response, {row["pk"] for row in response.context["page"].object_list}


def ids(seed, *keys):
    return {seed[k].pk for k in keys}


def test_speaker_filter_matches_names_and_aliases(desk, seed):
    _, found = listed(desk, {"speaker": "Putin"})
    assert found == ids(seed, "putin-came-here", "putin-no-hurry", "putin-glad")
    _, found = listed(desk, {"speaker": "kim jong"})  # an alias, in another case
    assert found == ids(seed, "strategic-importance")


def test_status_filter_takes_several_statuses(desk, seed):
    Claim.objects.filter(pk=seed["putin-glad"].pk).update(status="in_review")
    _, found = listed(desk, {"status": "in_review"})
    assert found == ids(seed, "putin-glad")
    _, found = listed(desk, {"status": ["in_review", "new"]})
    assert len(found) == 15


def test_verdict_filter(desk, seed):
    Claim.objects.filter(pk=seed["us-accusation"].pk).update(
        status="reviewed", rating=rating("Mostly true")
    )
    _, found = listed(desk, {"verdict": rating("Mostly true").pk})
    assert found == ids(seed, "us-accusation")


def test_source_filter(desk, seed):
    other = make_claim()
    _, found = listed(desk, {"source": other.source_id})
    assert found == {other.pk}
    _, found = listed(desk, {"source": seed["putin-glad"].source_id})
    assert len(found) == 15


def test_relayed_by_filter_matches_aliases(desk, seed):
    _, found = listed(desk, {"relayed_by": "KCNA"})
    assert found == ids(seed, "strategic-importance")
    _, found = listed(desk, {"relayed_by": "coast guard"})
    assert found == ids(seed, "missiles-fallen")


def test_kind_filter(desk, seed):
    _, found = listed(desk, {"kind": "direct"})
    assert found == ids(seed, "putin-came-here", "putin-no-hurry", "no-un-member")


def test_claimed_date_range(desk, seed):
    Claim.objects.filter(pk=seed["putin-glad"].pk).update(claimed_on=datetime.date(2023, 9, 13))
    Claim.objects.filter(pk=seed["us-accusation"].pk).update(claimed_on=datetime.date(2022, 11, 2))
    _, found = listed(desk, {"claimed_after": "2023-01-01", "claimed_before": "2023-12-31"})
    assert found == ids(seed, "putin-glad")
    _, found = listed(desk, {"claimed_before": "2023-01-01"})
    assert found == ids(seed, "us-accusation")


def test_assigned_filter(desk, seed, editor, contributor):
    Claim.objects.filter(pk=seed["putin-glad"].pk).update(assigned_to=editor)
    Claim.objects.filter(pk=seed["outside-help"].pk).update(assigned_to=contributor)
    _, found = listed(desk, {"assigned": "me"})
    assert found == ids(seed, "putin-glad")
    _, found = listed(desk, {"assigned": "anyone"})
    assert found == ids(seed, "putin-glad", "outside-help")
    _, found = listed(desk, {"assigned": "nobody"})
    assert len(found) == 13


def test_search_covers_statement_speaker_alias_and_source_title(desk, seed):
    _, found = listed(desk, {"q": "Wagner"})
    assert found == ids(seed, "us-accusation")
    _, found = listed(desk, {"q": "Soo-suk"})
    assert found == ids(seed, "seoul-monitoring", "no-un-member")
    _, found = listed(desk, {"q": "tokyo's defense"})  # only an alias of the speaker
    assert found == ids(seed, "missiles-fallen")
    other = make_claim(
        source=make_source(title="Budget hearing", body="He said taxes rise."), text="taxes rise"
    )
    _, found = listed(desk, {"q": "budget HEARING"})
    assert found == {other.pk}


def test_search_does_not_list_a_claim_twice_when_several_aliases_match(desk, seed):
    response, found = listed(desk, {"q": "Kim"})
    rows = [row["pk"] for row in response.context["page"].object_list]
    assert len(rows) == len(set(rows)) == response.context["counts"].total


def test_sorting_by_speaker(desk, seed):
    response, _ = listed(desk, {"order": "speaker"})
    assert response.context["page"].object_list[0]["speaker__name"] == "Dmitry Peskov"
    response, _ = listed(desk, {"order": "-speaker"})
    assert response.context["page"].object_list[0]["speaker__name"] == "Vladimir Putin"


def test_counts_per_status_and_verdict_follow_the_filter(desk, seed):
    Claim.objects.filter(pk=seed["putin-glad"].pk).update(status="reviewed", rating=rating("True"))
    response, _ = listed(desk, {"speaker": "Putin"})
    statuses = {value: n for value, _, n, _ in response.context["statuses"]}
    assert statuses == {"new": 2, "in_review": 0, "reviewed": 1, "published": 0}
    verdicts = {(r.label if r else None): n for r, n, _ in response.context["verdicts"]}
    assert verdicts["True"] == 1 and verdicts[None] == 2
    assert "<strong>3</strong> claims" in response.content.decode()


def test_pagination_keeps_the_filters(desk):
    speaker = make_speaker(name="Prolific Speaker")
    for _ in range(30):
        make_claim(speaker=speaker)
    response, found = listed(desk, {"speaker": "Prolific", "status": "new"})
    assert len(found) == 25
    html = response.content.decode()
    link = re.search(r'href="(\?[^"]*)" rel="next"', html).group(1).replace("&amp;", "&")
    assert link.startswith("?speaker=Prolific&status=new&page=2&after=")
    second = {row["pk"] for row in desk.get(LIST + link).context["page"].object_list}
    assert len(second) == 5 and not (second & found)
    _, by_number = listed(desk, {"speaker": "Prolific", "status": "new", "page": 2})
    assert by_number == second


def test_facet_and_export_links_keep_the_filters_and_start_again_at_page_one(desk):
    speaker = make_speaker(name="Prolific Speaker")
    for _ in range(30):
        make_claim(speaker=speaker)
    reviewed = make_claim(speaker=speaker)
    Claim.objects.filter(pk=reviewed.pk).update(status="reviewed", rating=rating("False"))
    make_claim(speaker=make_speaker(name="Someone Else"))
    first, _ = listed(desk, {"speaker": "Prolific", "status": "new"})
    after = first.context["page"].next_cursor
    response, _ = listed(desk, {"speaker": "Prolific", "status": "new", "page": 2, "after": after})
    html = response.content.decode().replace("&amp;", "&")
    # The status facet replaces the chosen status; the verdict facet adds to the filters.
    links = {value: link for value, _, _, link in response.context["statuses"]}
    assert links["reviewed"] == "?speaker=Prolific&status=reviewed"
    false = next(link for r, _, link in response.context["verdicts"] if r and r.label == "False")
    assert false.startswith("?speaker=Prolific&status=new&verdict=")
    assert f'href="{links["reviewed"]}"' in html and f'href="{false}"' in html
    csv = reverse("claims:claim-export", args=["csv"])
    assert f'href="{csv}?speaker=Prolific&status=new"' in html
    # Followed, a facet shows what it names; with no filter, the exports keep nothing.
    narrowed = desk.get(LIST + links["reviewed"]).context["page"].object_list
    assert [row["pk"] for row in narrowed] == [reviewed.pk]
    assert f'href="{csv}"' in desk.get(LIST).content.decode()


INVALID = [
    ({"q": "x" * 201}, "at most 200 characters"),
    ({"speaker": "x" * 201}, "at most 200 characters"),
    ({"status": "approved"}, "approved is not one of the available choices"),
    ({"verdict": "9999"}, "9999 is not one of the available choices"),
    ({"verdict": "abc"}, "is not a valid value"),
    ({"source": "9999"}, "Select a valid choice"),
    ({"relayed_by": "x" * 201}, "at most 200 characters"),
    ({"kind": "poem"}, "poem is not one of the available choices"),
    ({"claimed_after": "13/13/2023"}, "Enter a valid date"),
    ({"assigned": "everyone"}, "everyone is not one of the available choices"),
    ({"order": "password"}, "password is not one of the available choices"),
]


@pytest.mark.parametrize(("params", "message"), INVALID, ids=lambda v: str(v)[:30])
def test_invalid_filters_give_a_message_and_no_error(desk, seed, params, message):
    response, found = listed(desk, params)
    html = response.content.decode()
    assert "were not understood" in html
    assert message in html
    assert len(found) == 15  # the invalid filter is left out, not applied


def test_a_page_number_out_of_range_shows_the_last_page(desk, seed):
    response, found = listed(desk, {"page": "999"})
    assert len(found) == 15
    response, found = listed(desk, {"page": "abc"})
    assert len(found) == 15


def test_one_requests_filter_form_leaves_the_next_ones_alone(rf, editor, seed):
    # The filters' form class is made once (filters.FilterSet); each request's form must
    # still have fields of its own: what one page does to its choices, or a bound value,
    # never shows on another.
    from claims.desk.forms import read_choices
    from claims.filters import ClaimFilter

    first = ClaimFilter(rf.get(LIST, {"q": "arms"}).GET).form
    first.fields["status"].choices = [("new", "Only this page")]
    first.fields["q"].help_text = "changed"
    first.fields["q"].widget.attrs["placeholder"] = "Only this page"
    read_choices(first.fields["verdict"], lambda: [])  # as the list gives the scale it keeps
    second = ClaimFilter(rf.get(LIST).GET or None).form
    assert "Only this page" not in str(second["status"])
    assert "Only this page" not in str(second["q"])
    assert rating().label in str(second["verdict"])
    assert rating().label not in str(first["verdict"])
    assert second.fields["q"].help_text != "changed"
    assert second["q"].value() is None
    assert first.fields["q"] is not second.fields["q"]


def test_a_filterset_whose_filters_follow_the_request_builds_its_form_each_time(rf):
    # Only a FilterSet that says its filters are static gets its form class once: by
    # default each request's filters make its form, as django-filter does.
    import django_filters

    from claims.filters import FilterSet

    class ByRequest(FilterSet):
        status = django_filters.ChoiceFilter(choices=[])

        class Meta:
            model = Claim
            fields = []

        def __init__(self, data=None, *args, **kwargs):
            super().__init__(data, *args, **kwargs)
            self.filters["status"].extra["choices"] = [(data["only"], data["only"])]

    first = ByRequest(rf.get(LIST, {"only": "new"}).GET).form
    second = ByRequest(rf.get(LIST, {"only": "reviewed"}).GET).form
    assert [value for value, _ in first.fields["status"].choices] == ["", "new"]
    assert [value for value, _ in second.fields["status"].choices] == ["", "reviewed"]


def _described_by_nothing(html):
    """The ids an input's aria-describedby names that no element of the page has."""
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    named = [one for ref in re.findall(r'aria-describedby="([^"]+)"', html) for one in ref.split()]
    assert named  # the page has fields described by something
    return [one for one in named if one not in ids]


@pytest.mark.parametrize(
    "url",
    [
        LIST + "?kind=nonsense&q=bridge",  # help texts, and an error beside a filter
        reverse("public:index") + "?verdict=nonsense",
        "claim-new",
    ],
)
def test_every_help_text_and_error_an_input_points_to_is_on_the_page(client, editor, url):
    # A screen reader reads an input's help and errors through the ids its
    # aria-describedby names (Django's BoundField adds them): each must exist. Asked twice,
    # so that a list answered from memory is held to it too.
    claim = make_claim()
    if url == "claim-new":  # the entry form of an article (its help texts)
        url = reverse("claims:claim-new", args=[claim.source_id])
    client.force_login(editor)
    for _ in range(2):
        assert _described_by_nothing(client.get(url).content.decode()) == []
