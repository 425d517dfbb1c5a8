"""Sign-in throttling (django-axes), the Content-Security-Policy and the security headers."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.urls import reverse

from claims.sanitize import clean_html

from .conftest import make_claim, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
SITE_LOGIN = reverse("login")
ADMIN_LOGIN = reverse("admin:login")


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    # Real passwords here (the sign-in form is under test); a fast hash keeps tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reporter(db):
    user = make_user("reporter", "Editor", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, url, password, username="reporter", address="127.0.0.2"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("url", [SITE_LOGIN, ADMIN_LOGIN], ids=["site", "admin"])
def test_fifty_wrong_passwords_then_the_right_one_does_not_sign_in(client, reporter, url):
    for attempt in range(50):
        sign_in(client, url, f"guess {attempt}")
    response = sign_in(client, url, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", [SITE_LOGIN, ADMIN_LOGIN], ids=["site", "admin"])
def test_the_lock_out_comes_after_the_configured_number_of_failures(
    client, reporter, url, settings
):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, url, f"guess {attempt}").status_code == 200
    assert sign_in(client, url, "one guess too many").status_code == 429


def test_a_few_mistakes_then_the_right_password_signs_in(client, reporter, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 2):
        sign_in(client, SITE_LOGIN, f"typo {attempt}")
    assert sign_in(client, SITE_LOGIN, PASSWORD).status_code == 302
    assert int(client.session["_auth_user_id"]) == reporter.pk
    assert not AccessAttempt.objects.filter(failures_since_start__gt=0).exists()


def test_an_account_is_locked_whichever_addresses_the_guesses_come_from(client, reporter, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, SITE_LOGIN, f"guess {attempt}", address=f"127.0.1.{attempt}")
    assert sign_in(client, SITE_LOGIN, PASSWORD, address="127.0.2.1").status_code == 429


def test_an_address_is_locked_whichever_accounts_it_guesses(client, reporter, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, SITE_LOGIN, "guess", username=f"someone{attempt}", address="127.0.3.1")
    response = sign_in(client, SITE_LOGIN, PASSWORD, address="127.0.3.1")
    assert response.status_code == 429
    # Another address still reaches the account: the lock is on the guessing address.
    AccessAttempt.objects.filter(username="reporter").delete()
    assert sign_in(client, SITE_LOGIN, PASSWORD, address="127.0.3.2").status_code == 302


def test_an_editor_lifts_a_lock_out_in_the_admin(client, reporter, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, SITE_LOGIN, f"guess {attempt}")
    assert sign_in(client, SITE_LOGIN, PASSWORD).status_code == 429

    desk = client.__class__()
    desk.force_login(editor)
    changelist = reverse("admin:axes_accessattempt_changelist")
    page = desk.get(changelist, {"q": "reporter"})
    assert page.status_code == 200 and "reporter" in page.content.decode()
    attempts = list(AccessAttempt.objects.filter(username="reporter").values_list("pk", flat=True))
    confirm = {"action": "delete_selected", "_selected_action": attempts}
    assert desk.post(changelist, confirm).status_code == 200  # "are you sure?"
    assert desk.post(changelist, {**confirm, "post": "yes"}).status_code == 302

    assert sign_in(client, SITE_LOGIN, PASSWORD).status_code == 302


def test_viewers_cannot_see_or_lift_lock_outs(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 302


@pytest.mark.parametrize("page", ["changelist", "change"])
def test_the_sign_in_records_render_in_the_admin(client, reporter, superuser, page):
    sign_in(client, SITE_LOGIN, "wrong")
    client.force_login(superuser)
    attempt = AccessAttempt.objects.get()
    url = reverse(f"admin:axes_accessattempt_{page}", args=[attempt.pk] if page == "change" else [])
    assert client.get(url).status_code == 200
    assert client.get(reverse("admin:axes_accesslog_changelist")).status_code == 200


def policy(response):
    header = response["Content-Security-Policy"]
    return dict((part.split()[0], part.split()[1:]) for part in header.split(";") if part.strip())


def every_kind_of_page(client, editor, superuser):
    claim = make_claim()
    yield client.get(SITE_LOGIN)
    yield client.get(reverse("public:index"))
    yield client.get(reverse("public:feed"))
    yield client.get("/no/such/page/")
    client.force_login(editor)
    yield client.get(reverse("claims:claim-list"))
    yield client.get(reverse("claims:claim-detail", args=[claim.pk]))
    yield client.get(reverse("api:claim-list"))
    client.force_login(superuser)
    yield client.get(reverse("admin:claims_claim_changelist"))
    yield client.get(reverse("admin:claims_claim_change", args=[claim.pk]))


def test_every_response_carries_a_policy_without_unsafe_inline(client, editor, superuser):
    for response in every_kind_of_page(client, editor, superuser):
        rules = policy(response)
        assert rules["default-src"] == ["'self'"]
        assert rules["script-src"] == ["'self'"]
        assert rules["object-src"] == ["'none'"] and rules["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_every_response_carries_the_other_security_headers(client, editor, superuser):
    for response in every_kind_of_page(client, editor, superuser):
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


def test_a_crafted_next_on_the_bulk_action_goes_back_to_the_list(client, editor):
    claim = make_claim()
    client.force_login(editor)
    for target in ["foo", "//evil.example.org/", "https://evil.example.org/", "javascript:x"]:
        response = client.post(
            reverse("claims:claim-bulk"),
            {"claims": [claim.pk], "action": "status", "status": "in_review", "next": target},
        )
        assert response.status_code == 302 and response.url == reverse("claims:claim-list")


def test_the_bulk_action_returns_to_the_filtered_list_it_came_from(client, editor):
    claim = make_claim()
    client.force_login(editor)
    response = client.post(
        reverse("claims:claim-bulk"),
        {"claims": [claim.pk], "action": "status", "status": "in_review", "next": "/?status=new"},
    )
    assert response.url == "/?status=new"


def test_sign_in_form_is_not_answered_for_put(client, reporter):
    response = client.put(SITE_LOGIN, f"username=reporter&password={PASSWORD}")
    assert response.status_code == 405
    assert not User.objects.get(pk=reporter.pk).last_login


@pytest.mark.parametrize(
    "note",
    ["see ssh://files.example.org/x", "data://text.example.org/html,hi", "ftp://files.org/a"],
)
def test_notes_do_not_turn_other_schemes_into_links(note):
    cleaned = clean_html(note)
    assert "<a" not in cleaned and cleaned == note


def test_notes_still_turn_web_addresses_into_links():
    cleaned = clean_html("Source: https://stats.example.org/report and mailto:desk@news.org")
    assert 'href="https://stats.example.org/report"' in cleaned
    assert 'href="mailto:desk@news.org"' in cleaned


def test_a_failed_sign_in_with_control_characters_in_other_fields_is_just_a_failure(
    client, reporter
):
    # django-axes stores the failed attempt's form data; PostgreSQL refuses NUL in text.
    response = client.post(
        SITE_LOGIN,
        {"username": "reporter", "password": "wrong", "next": "/\x00", "extra\x00": "\x00\x01"},
    )
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_without_a_proxy_a_forwarded_header_cannot_dodge_the_address_lock(client, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            SITE_LOGIN,
            {"username": f"someone{attempt}", "password": "guess"},
            REMOTE_ADDR="127.0.4.1",
            HTTP_X_FORWARDED_FOR=f"127.0.5.{attempt}",
        )
    response = sign_in(client, SITE_LOGIN, "guess", username="another", address="127.0.4.1")
    assert response.status_code == 429


def test_behind_one_proxy_the_address_it_saw_is_counted(client, reporter, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            SITE_LOGIN,
            {"username": f"someone{attempt}", "password": "guess"},
            REMOTE_ADDR="127.0.0.1",  # the proxy
            # The client wrote a fake first entry; the proxy appended the real address.
            HTTP_X_FORWARDED_FOR=f"127.0.7.{attempt}, 127.0.6.1",
        )
    blocked = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "127.0.6.1"}
    response = client.post(SITE_LOGIN, {"username": "reporter", "password": PASSWORD}, **blocked)
    assert response.status_code == 429
    other = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "127.0.6.2"}
    response = client.post(SITE_LOGIN, {"username": "reporter", "password": PASSWORD}, **other)
    assert response.status_code == 302


def test_a_very_long_user_name_is_just_a_failed_sign_in(client, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, SITE_LOGIN, "guess", username="9" * 400, address="127.0.8.1")
        assert response.status_code == 200
    response = sign_in(client, SITE_LOGIN, "guess", username="9" * 400, address="127.0.8.2")
    assert response.status_code == 429  # counted against the (shortened) account name
