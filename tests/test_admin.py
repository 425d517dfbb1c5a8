"""Data entry through the Django admin: every page renders, changes land in the history."""

import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from claims import services
from claims.admin import KeptFiltersChangeList
from claims.models import ApiToken, Claim, DuplicateSuggestion, Rating, Source, Speaker

from .conftest import make_claim, make_source, make_speaker, publish, rating

pytestmark = pytest.mark.django_db


def _request(user):
    """A bare request by ``user``, to ask a ModelAdmin what it permits."""
    request = RequestFactory().get("/")
    request.user = user
    return request


def form_data(response):
    """The POST data the admin change form would submit unchanged, inlines included."""
    data = {}
    form = response.context["adminform"].form
    for name, _field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, _field in formset.management_form.fields.items():
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for sub in formset.forms:
            for name in sub.fields:
                value = sub[name].value()
                if value is not None:
                    data[sub.add_prefix(name)] = value
    return {k: v for k, v in data.items() if v is not None}


# django-axes' sign-in records are smoke-tested in test_security.py, with attempts made.
CLAIMS_MODELS = [model for model in admin.site._registry if model._meta.app_label == "claims"]


@pytest.mark.parametrize("model", CLAIMS_MODELS, ids=lambda m: m.__name__)
def test_every_admin_page_renders(client, superuser, seed, model):
    ApiToken.issue(superuser, "smoke test")
    DuplicateSuggestion.objects.create(
        claim=seed["russia-denial"], original=seed["putin-glad"], score=80
    )
    client.force_login(superuser)
    opts = model._meta
    base = f"admin:{opts.app_label}_{opts.model_name}"
    assert client.get(reverse(f"{base}_changelist")).status_code == 200
    assert client.get(reverse(f"{base}_changelist"), {"q": "Putin"}).status_code == 200
    if admin.site._registry[model].has_add_permission(_request(superuser)):
        assert client.get(reverse(f"{base}_add")).status_code == 200
    obj = model.objects.first()
    assert obj is not None, f"no {opts.model_name} in the seed to open"
    assert client.get(reverse(f"{base}_change", args=[obj.pk])).status_code == 200


def test_the_editor_sees_the_seed_claims_in_the_admin(client, editor, seed):
    client.force_login(editor)
    response = client.get(reverse("admin:claims_claim_changelist"))
    assert response.status_code == 200
    assert "15 claims" in response.content.decode()
    page = client.get(reverse("admin:claims_claim_change", args=[seed["putin-came-here"].pk]))
    assert "<mark>That’s why we have come here.</mark>" in page.content.decode()


def test_admin_search_finds_claims_by_speaker_alias(client, editor, seed):
    client.force_login(editor)
    response = client.get(reverse("admin:claims_claim_changelist"), {"q": "Peskov"})
    assert list(response.context["cl"].result_list) == [seed["shoigu-delegation"]]


def test_the_admin_verdict_filter_lists_the_scale_in_its_order_and_a_new_verdict_at_once(
    client, editor
):
    """The verdict filter's choices come from the reference data, not a query a page: the
    whole scale in its order, and a verdict added in between on the next page."""
    client.force_login(editor)
    make_claim()
    url = reverse("admin:claims_claim_changelist")

    def listed():
        page = client.get(url).content.decode()
        return re.findall(r'\?rating__id__exact=(\d+)">([^<]*)</a>', page)

    scale = [(str(r.pk), r.label) for r in Rating.objects.order_by("order", "pk")]
    assert len(scale) > 1 and listed() == scale
    added = Rating.objects.create(label="Needs context", value=9, order=99)
    assert listed() == [*scale, (str(added.pk), "Needs context")]


def test_an_admin_search_for_a_speaker_s_new_name_finds_their_claims(client, editor):
    """Whom the words name is kept with the page: a speaker renamed, a search for the new
    name finds their claims at once, and the old name no longer does."""
    client.force_login(editor)
    claim = make_claim(speaker=make_speaker(name="Jane Doe"))
    url = reverse("admin:claims_claim_changelist")

    def found(words):
        return (
            f"/admin/claims/claim/{claim.pk}/change/"
            in client.get(url, {"q": words}).content.decode()
        )

    assert found("Jane Doe") and not found("Janet Newname")
    Speaker.objects.filter(pk=claim.speaker_id).update(name="Janet Newname")
    assert found("Janet Newname") and not found("Jane Doe")


def test_a_status_change_in_the_admin_is_in_the_history_with_its_user(client, editor, seed):
    claim = seed["putin-came-here"]
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = form_data(client.get(url))
    data.update(status="reviewed", rating=str(rating("Mostly true").pk))
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = claim.history.first()
    assert latest.history_user == editor
    assert latest.status == "reviewed"
    delta = latest.diff_against(latest.prev_record)
    assert {c.field: (c.old, c.new) for c in delta.changes}["status"] == ("new", "reviewed")
    history_page = client.get(reverse("admin:claims_claim_history", args=[claim.pk]))
    assert "editor" in history_page.content.decode()


def test_a_stale_admin_form_is_refused_and_changes_nothing(client, editor, seed):
    claim = seed["putin-glad"]
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = form_data(client.get(url))
    Claim.objects.get(pk=claim.pk).save()  # someone else saves meanwhile
    data.update(cue="stated")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Someone else saved this claim" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).cue == "said"


def test_bulk_actions_move_to_review_and_assign_with_history(client, editor, seed):
    client.force_login(editor)
    chosen = [seed["putin-came-here"].pk, seed["us-accusation"].pk]
    url = reverse("admin:claims_claim_changelist")
    client.post(url, {"action": "move_to_in_review", "_selected_action": chosen})
    client.post(url, {"action": "assign_to_me", "_selected_action": chosen})
    for claim in Claim.objects.filter(pk__in=chosen):
        assert claim.status == "in_review" and claim.assigned_to == editor
        assert [h.history_user for h in claim.history.all()[:2]] == [editor, editor]
    assert Claim.objects.filter(status="new").count() == 13


def test_history_cannot_be_reverted_even_by_a_superuser(client, superuser, seed):
    claim = seed["putin-glad"]
    claim.cue = "stated"
    claim.save()
    client.force_login(superuser)
    old = claim.history.last()
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, old.history_id])
    assert client.get(url).status_code == 200
    assert client.post(url, {"cue": "said"}).status_code == 403
    assert Claim.objects.get(pk=claim.pk).cue == "stated"


def test_a_contributor_cannot_set_status_or_verdict_in_the_admin(client, contributor, seed):
    contributor.is_staff = True
    contributor.save()
    client.force_login(contributor)
    claim = seed["putin-glad"]
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = form_data(client.get(url))
    assert "status" not in data and "rating" not in data
    data.update(status="reviewed", rating=str(Rating.objects.first().pk), cue="told")
    assert client.post(url, data).status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.rating, claim.cue) == ("new", None, "told")


def test_a_contributor_cannot_change_a_claim_under_review(client, contributor, seed):
    contributor.is_staff = True
    contributor.save()
    claim = seed["putin-glad"]
    Claim.objects.filter(pk=claim.pk).update(status="in_review")
    client.force_login(contributor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = client.get(url)
    assert response.status_code == 200 and not response.context["has_change_permission"]


def source_form_data(response):
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    return data


def test_saving_the_seed_article_with_browser_line_breaks_keeps_every_claim(client, editor, seed):
    source = seed["putin-came-here"].source
    client.force_login(editor)
    url = reverse("admin:claims_source_change", args=[source.pk])
    data = source_form_data(client.get(url))
    data["body"] = data["body"].replace("\n", "\r\n")  # as every browser sends a textarea
    data["publisher"] = "TASS (corrected)"
    response = client.post(url, data)
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.publisher == "TASS (corrected)" and "\r" not in source.body
    assert not source.broken_claims(source.body)


def test_an_article_edit_that_breaks_spans_is_refused_on_the_form(client, editor, seed):
    source = seed["putin-came-here"].source
    client.force_login(editor)
    url = reverse("admin:claims_source_change", args=[source.pk])
    data = source_form_data(client.get(url))
    data["body"] = "A new article. " + data["body"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "This edit would break the spans of 15 claim(s)" in response.content.decode()
    assert Source.objects.get(pk=source.pk).body == source.body


def test_the_source_page_in_the_admin_offers_claims_from_selected_words(client, editor, seed):
    source = seed["putin-came-here"].source
    client.force_login(editor)
    html = client.get(reverse("admin:claims_source_change", args=[source.pk])).content.decode()
    assert "data-select-claim" in html and "claims/select-claim" in html
    add = client.get(
        reverse("admin:claims_claim_add"),
        {"source": source.pk, "span_start": 10, "span_end": 20, "text": source.body[10:20]},
    )
    form = add.context["adminform"].form
    assert (form["span_start"].value(), form["span_end"].value()) == (10, 20)


def test_a_claim_typed_in_the_admin_with_a_straight_apostrophe_is_found(client, editor, seed):
    source = seed["putin-came-here"].source
    client.force_login(editor)
    words = "That's why we have come here."
    response = client.post(
        reverse("admin:claims_claim_add"),
        {
            "source": source.pk,
            "text": words,
            "speaker": seed["putin-came-here"].speaker_id,
            "kind": "direct",
            "status": "new",
            "claimed_on": "",
            "cue": "",
            **EMPTY_INLINES,
        },
    )
    # The words occur once in the article with a curly apostrophe: recorded as printed.
    assert response.status_code == 302, response.context["adminform"].form.errors
    claim = Claim.objects.latest("pk")
    assert claim.text == "That’s why we have come here." and claim.created_by == editor


EMPTY_INLINES = {
    f"{prefix}-{name}": 0
    for prefix in ("relations_out", "evidence")
    for name in ("TOTAL_FORMS", "INITIAL_FORMS")
}


def test_an_admin_save_without_a_version_is_a_conflict(client, editor, seed):
    claim = seed["putin-glad"]
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = form_data(client.get(url))
    del data["loaded_version"]
    data.update(cue="stated")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Someone else saved this claim" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).cue == "said"


def test_a_published_claim_leaves_published_only_by_unpublishing_in_the_admin(client, editor, seed):
    claim = seed["putin-glad"]
    claim.status, claim.rating = "reviewed", rating("True")
    claim.claim_reviewed, claim.explanation = "Checked as said.", "<p>Confirmed.</p>"
    claim.save()
    services.publish(claim.pk, editor, claim.version)
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = form_data(client.get(url))
    data.update(status="in_review")
    response = client.post(url, data)
    assert response.status_code == 200
    assert services.LEAVE_PUBLISHED in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "published" and claim.published_at is not None


def test_a_contributor_cannot_rename_the_speaker_of_a_published_fact_check(
    client, contributor, editor, seed
):
    claim = seed["putin-glad"]
    claim.status, claim.rating = "reviewed", rating("True")
    claim.claim_reviewed, claim.explanation = "Checked as said.", "<p>Confirmed.</p>"
    claim.save()
    services.publish(claim.pk, editor, claim.version)
    contributor.is_staff = True
    contributor.save()
    client.force_login(contributor)
    speaker_url = reverse("admin:claims_speaker_change", args=[claim.speaker_id])
    response = client.post(speaker_url, {"name": "Someone else", "kind": "person"})
    assert response.status_code == 403
    source_url = reverse("admin:claims_source_change", args=[claim.source_id])
    assert client.post(source_url, {"url": "https://example.org/moved"}).status_code == 403
    claim.refresh_from_db()
    assert (
        claim.speaker.name == "Vladimir Putin" and claim.source.url != "https://example.org/moved"
    )
    # A speaker with nothing published stays open to contributors.
    other = seed["us-accusation"].speaker
    assert client.get(reverse("admin:claims_speaker_change", args=[other.pk])).status_code == 200


def test_a_speaker_edit_in_the_admin_is_in_the_history_with_its_user(client, editor, seed):
    speaker = seed["putin-glad"].speaker
    client.force_login(editor)
    url = reverse("admin:claims_speaker_change", args=[speaker.pk])
    page = client.get(url)
    data = source_form_data(page)
    formset = page.context["inline_admin_formsets"][0].formset
    data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
    for i, sub in enumerate(formset.forms):
        for name in sub.fields:
            if sub[name].value() is not None:
                data[f"{formset.prefix}-{i}-{name}"] = sub[name].value()
    data["role"] = "President of Russia (checked)"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = speaker.history.first()
    assert (latest.role, latest.history_user) == ("President of Russia (checked)", editor)


def test_a_published_verdict_is_corrected_on_the_desk_not_silently_in_the_admin(
    client, editor, seed
):
    claim = publish(seed["putin-glad"], editor, "True")
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    page = client.get(url)
    assert "rating" not in page.context["adminform"].form.fields
    data = form_data(page)
    data["rating"] = str(rating("False").pk)  # a hand-made POST is ignored for this field
    data["notes"] = "<p>internal</p>"
    assert client.post(url, data).status_code == 302
    claim.refresh_from_db()
    assert claim.rating.label == "True" and claim.notes == "<p>internal</p>"
    assert not claim.corrections.exists()


@pytest.mark.parametrize("value", ["²", "99999999999999999999999", "-3"])
def test_odd_numbers_in_admin_addresses_are_ignored_not_a_500(client, superuser, value):
    client.force_login(superuser)
    add = reverse("admin:claims_claim_add")
    assert client.get(add, {"span_start": value, "span_end": value}).status_code == 200
    changelist = reverse("admin:claims_claim_changelist")
    assert client.get(changelist, {"source": value}).status_code in {200, 302}


@pytest.mark.parametrize("model", [Claim, Source, Speaker])
def test_a_changelist_row_tick_box_is_the_markup_django_writes(model):
    """The admins write each row's tick box directly (it is rendered 100 times a page):
    the same element, name, value and accessible name as Django's checkbox widget."""
    from django.test.html import parse_html

    claim = make_claim(
        source=make_source(title='Ports & "strikes" <live>', body="they said <b> & more"),
        speaker=make_speaker(name="O'Brien & <Sons>"),
        text="they said <b> & more",
    )
    obj = {Claim: claim, Source: claim.source, Speaker: claim.speaker}[model]
    ours = admin.site._registry[model].action_checkbox(obj)
    django = admin.ModelAdmin.action_checkbox(admin.site._registry[model], obj)
    assert parse_html(ours) == parse_html(django)
    assert f'value="{obj.pk}"' in ours


def test_a_row_of_a_filtered_changelist_links_back_to_the_same_list(client, editor, seed):
    """Each row's link carries the list's filters (as Django's own does), and saving the
    claim from there returns the editor to the filtered list."""
    from urllib.parse import parse_qs, urlsplit

    client.force_login(editor)
    filters = {"q": "Peskov", "status__exact": "new"}
    changelist = reverse("admin:claims_claim_changelist")
    claim = seed["shoigu-delegation"]
    html = client.get(changelist, filters).content.decode()
    links = re.findall(r'href="(/admin/claims/claim/\d+/change/[^"]*)"', html)
    assert len(links) == 1
    link = links[0].replace("&amp;", "&")
    assert urlsplit(link).path == reverse("admin:claims_claim_change", args=[claim.pk])
    kept = parse_qs(urlsplit(link).query)["_changelist_filters"]
    assert {k: v[0] for k, v in parse_qs(kept[0]).items()} == filters

    data = form_data(client.get(link))
    response = client.post(link, data)
    assert response.status_code == 302
    back = urlsplit(response["Location"])
    assert back.path == changelist
    assert {k: v[0] for k, v in parse_qs(back.query).items()} == filters


def test_rows_of_an_unfiltered_changelist_link_to_the_bare_change_page(client, editor, seed):
    client.force_login(editor)
    html = client.get(reverse("admin:claims_claim_changelist")).content.decode()
    links = re.findall(r'href="(/admin/claims/claim/\d+/change/[^"]*)"', html)
    assert len(links) == 15
    assert all("?" not in link for link in links)


def test_inline_evidence_and_relations_deleted_in_the_admin_name_who_did_it(client, editor, seed):
    """The claim admin's inlines write through the services, as the desk does: each
    deletion is in the history with the editor's name."""
    from claims.models import ClaimRelation, Evidence

    denial = seed["russia-denial"]
    evidence = services.save_evidence(
        Evidence(claim=denial, url="https://example.org/r", title="Report"), editor
    )
    relation = ClaimRelation.objects.get(from_claim=denial)
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[denial.pk])
    data = form_data(client.get(url))
    for prefix in {k.split("-")[0] for k in data if k.endswith("-0-id")}:
        data[f"{prefix}-0-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not ClaimRelation.objects.filter(pk=relation.pk).exists()
    for model, pk in ((Evidence, evidence.pk), (ClaimRelation, relation.pk)):
        gone = model.history.get(id=pk, history_type="-")
        assert gone.history_user == editor


KEPT_FILTER_ADMINS = [
    model
    for model, model_admin in admin.site._registry.items()
    if issubclass(model_admin.get_changelist(None), KeptFiltersChangeList)
    and model._meta.app_label != "axes"  # sign-in records: none in these tests
]


@pytest.mark.parametrize("model", KEPT_FILTER_ADMINS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("filters", [{}, {"q": "a"}])
def test_each_rows_link_is_the_one_django_makes(superuser, seed, model, filters):
    """Row links are made without a reverse() per row (pk_urls), and are Django's own."""
    from django.contrib.admin.views.main import ChangeList

    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/", filters)
    request.user = superuser
    changelist = model_admin.get_changelist_instance(request)
    rows = list(model.objects.all()[:3])
    assert rows
    for row in rows:
        ours = changelist.url_for_result(row)
        djangos = ChangeList.url_for_result(changelist, row)
        assert ours.split("?")[0] == djangos


@pytest.fixture
def varied_claims(db):
    """Claims whose rows show every kind of cell: with and without a relay and a verdict,
    and names, titles and words that must be escaped."""
    speaker = make_speaker(name='Jane "J" <Doe> & Co')
    make_claim(speaker=speaker)
    make_claim(
        speaker=speaker,
        relayed_by=make_speaker(name="Wire <service>"),
        rating=rating("False"),
        status="in_review",
        source=make_source(
            title="<i>Title</i> & more",
            body="He said the bridge would open in May & <soon>, twice over.",
        ),
        text="the bridge would open in May & <soon>",
    )


@pytest.mark.parametrize(
    "filters", [{}, {"q": "bridge"}, {"status__exact": "new"}, {"o": "-7"}, {"o": "2.1"}]
)
def test_the_claim_changelist_rows_are_the_cells_django_writes(
    client, superuser, varied_claims, filters
):
    from django.contrib.admin.templatetags.admin_list import results

    blank = make_claim(source=make_source(body="He said   twice."), text="said")
    Claim.objects.filter(pk=blank.pk).update(text="   ")  # blank: the empty value
    client.force_login(superuser)
    response = client.get(reverse("admin:claims_claim_changelist"), filters)
    changelist = response.context["cl"]  # as the page made it: its links keep the filters
    # Each of our rows is written whole, as one item: Django's cells, one after another.
    # (The "updated" column is ClaimAdmin.updated on Django's side: its own test below.)
    ours = [list(row) for row in admin.site._registry[Claim].result_rows(changelist)]
    djangos = [["".join(row)] for row in results(changelist)]
    assert ours
    assert ours == djangos
    if "q" in filters or "status__exact" in filters:
        assert "_changelist_filters" in ours[0][0]


def test_a_popup_changelist_is_written_by_django(client, superuser, varied_claims):
    # A popup's rows carry data-popup-opener, which ClaimRows does not write.
    client.force_login(superuser)
    page = client.get(reverse("admin:claims_claim_changelist"), {"_popup": "1"})
    assert page.status_code == 200
    assert admin.site._registry[Claim].result_rows(page.context["cl"]) is None
    assert "data-popup-opener" in page.content.decode()


def test_the_claim_changelist_writes_its_rows_itself(client, superuser, varied_claims, monkeypatch):
    from django.contrib.admin.templatetags import admin_list

    def refuse(*args):
        raise AssertionError("items_for_result called")

    monkeypatch.setattr(admin_list, "items_for_result", refuse)
    client.force_login(superuser)
    page = client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert "Wire &lt;service&gt;" in page
    assert page.count('<td class="action-checkbox">') == Claim.objects.count()


def test_the_claim_changelist_rows_read_only_what_they_show(client, superuser, varied_claims):
    # A claim's notes and explanation can be pages of HTML: the rows never show them.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Claim.objects.update(notes="<p>Internal: ask the ministry again.</p>")
    client.force_login(superuser)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("admin:claims_claim_changelist"), {"q": "bridge"})
    assert "Wire &lt;service&gt;" in page.content.decode()
    rows = [q["sql"] for q in ctx.captured_queries if '"claims_claim"."updated_at"' in q["sql"]]
    assert rows
    assert not [sql for sql in rows if '"claims_claim"."notes"' in sql]
    assert not [sql for sql in rows if '"claims_claim"."explanation"' in sql]


def test_the_claim_changelist_shows_when_each_claim_changed_as_the_desk_does(
    client, superuser, varied_claims, settings
):
    """The "updated" column: the time as the desk writes it, in the editors' time zone,
    inside a <time> element; the column still sorts the list by that time."""
    from datetime import UTC, datetime

    settings.TIME_ZONE = "Europe/Berlin"
    older, newer = Claim.objects.order_by("pk")
    Claim.objects.filter(pk=older.pk).update(updated_at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
    Claim.objects.filter(pk=newer.pk).update(updated_at=datetime(2026, 7, 4, 9, 5, tzinfo=UTC))
    client.force_login(superuser)
    url = reverse("admin:claims_claim_changelist")
    page = client.get(url).content.decode()
    cells = re.findall(r'<td class="field-updated">(.*?)</td>', page)
    assert cells == [
        '<time datetime="2026-07-04T11:05:00+02:00">4 Jul 2026 11:05</time>',
        '<time datetime="2026-03-02T00:30:00+01:00">2 Mar 2026 00:30</time>',
    ]
    column = admin.site._registry[Claim].list_display.index("updated") + 1
    oldest_first = client.get(url, {"o": str(column)}).content.decode()
    assert re.findall(r'<td class="field-updated">(.*?)</td>', oldest_first) == cells[::-1]


def test_the_list_of_actions_is_the_select_django_writes(rf, superuser):
    """The admins' action form writes its list of actions in Python (claims.widgets.Select):
    the same element as Django's form, between tags' whitespace aside."""
    from django.contrib.admin import helpers

    from claims.admin import ActionForm

    request = rf.get("/")
    request.user = superuser
    choices = admin.site._registry[Claim].get_action_choices(request)
    ours, djangos = ActionForm(auto_id=None), helpers.ActionForm(auto_id=None)
    for form in (ours, djangos):
        form.fields["action"].choices = choices

    def squeezed(html):
        return re.sub(r">\s+<", "><", str(html)).strip()

    assert squeezed(ours["action"]) == squeezed(djangos["action"])
    assert str(ours["action"]).count("<option") == len(choices) > 3
    assert str(ours["select_across"]) == str(djangos["select_across"])


def test_each_claim_changelist_filter_has_its_own_title(client, superuser, varied_claims):
    """Django titles a filter by its field's name: the speaker's kind and the claim's kind
    were both "By kind". Each filter's title names what it filters by."""
    client.force_login(superuser)
    url = reverse("admin:claims_claim_changelist")
    page = client.get(url).content.decode()
    titles = re.findall(r'data-filter-title="([^"]*)"', page)
    assert len(titles) == len(admin.site._registry[Claim].list_filter)
    assert len(set(titles)) == len(titles)
    assert "speaker&#x27;s kind" in titles
    government = make_claim(speaker=make_speaker(kind=Speaker.Kind.GOVERNMENT))
    filtered = client.get(url, {"speaker__kind__exact": Speaker.Kind.GOVERNMENT})
    assert list(filtered.context["cl"].result_list) == [government]
