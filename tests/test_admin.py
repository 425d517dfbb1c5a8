"""Data entry through the Django admin: every page renders, changes land in the history."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from claims.models import ApiToken, Claim, DuplicateSuggestion, Rating

from .conftest import rating

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
