"""API tokens: they expire, can be revoked, record their use at most hourly, and their key
is shown once on a page, never in a cookie."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from claims.models import ApiToken

pytestmark = pytest.mark.django_db
CLAIMS = reverse("api:claim-list")


def get(client, key):
    return client.get(CLAIMS, HTTP_AUTHORIZATION=f"Token {key}")


def test_a_new_token_expires_after_the_configured_number_of_days(viewer, settings):
    settings.API_TOKEN_DAYS = 30
    token, _ = ApiToken.issue(viewer, "export")
    assert timedelta(days=29, hours=23) < token.expires_at - timezone.now() <= timedelta(days=30)


def test_a_token_issued_by_default_lasts_ninety_days(viewer):
    token, _ = ApiToken.issue(viewer, "export")
    assert (token.expires_at - timezone.now()).days == 89  # 90 days less the seconds passed


def test_an_expired_token_is_refused(client, viewer):
    token, key = ApiToken.issue(viewer, "old")
    assert get(client, key).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert get(client, key).status_code == 401


def test_a_revoked_token_is_refused_from_then_on(client, viewer):
    token, key = ApiToken.issue(viewer, "leaked")
    assert ApiToken.objects.filter(pk=token.pk).revoke() == 1
    assert get(client, key).status_code == 401
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_a_token_of_a_deactivated_user_is_refused(client, viewer):
    _, key = ApiToken.issue(viewer, "script")
    viewer.is_active = False
    viewer.save()
    assert get(client, key).status_code == 401


def test_last_used_is_written_at_most_once_an_hour(client, viewer, django_assert_num_queries):
    token, key = ApiToken.issue(viewer, "busy script")
    assert get(client, key).status_code == 200
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    assert get(client, key).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first  # not written again

    an_hour_ago = first - timedelta(hours=1)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=an_hour_ago)
    assert get(client, key).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at > an_hour_ago


def test_an_editor_revokes_tokens_in_the_admin(client, superuser, viewer):
    token, key = ApiToken.issue(viewer, "leaked")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:claims_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )
    assert "1 token(s) revoked." in response.content.decode()
    client.logout()
    assert get(client, key).status_code == 401


def test_a_key_made_in_the_admin_is_shown_on_the_page_and_never_in_a_cookie(
    client, superuser, viewer
):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:claims_apitoken_add"),
        {
            "user": viewer.pk,
            "name": "nightly export",
            "expires_at_0": "2031-01-02",
            "expires_at_1": "12:00:00",
        },
    )
    assert response.status_code == 200
    key = response.context["key"]
    assert key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert all(key not in morsel.value for morsel in response.cookies.values())
    assert all(key not in morsel.value for morsel in client.cookies.values())
    token = ApiToken.objects.get(name="nightly export")
    assert token.key_hash == ApiToken.hash(key)
    assert token.expires_at.date().isoformat() == "2031-01-02"
    client.logout()
    assert get(client, key).status_code == 200


def test_the_command_issues_a_token_for_the_days_asked(viewer):
    out = StringIO()
    call_command("create_api_token", "viewer", "backup script", "--days=7", stdout=out)
    token = ApiToken.objects.get(name="backup script")
    assert (token.expires_at - timezone.now()).days == 6
    assert "expires on" in out.getvalue()


@pytest.mark.parametrize("days", ["0", "-5", "100000"])
def test_the_command_refuses_an_unreasonable_lifetime(viewer, days):
    with pytest.raises(CommandError, match="--days"):
        call_command("create_api_token", "viewer", "script", f"--days={days}")
    assert not ApiToken.objects.exists()
