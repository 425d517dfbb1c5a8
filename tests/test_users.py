"""A team, not a demo account: colleagues added by command or by an Editor in the admin,
with one of three roles and never more rights than the Editor has."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.models import ApiToken

from .conftest import make_user

pytestmark = pytest.mark.django_db


def roles(user):
    return sorted(user.groups.values_list("name", flat=True))


@pytest.mark.parametrize(
    ("role", "group", "staff"),
    [("viewer", "Viewer", False), ("contributor", "Contributor", True), ("editor", "Editor", True)],
)
def test_add_user_gives_the_role_and_prints_a_one_time_password(capsys, role, group, staff):
    call_command("add_user", "ana", "--role", role, "--email", "ana@example.org")
    out = capsys.readouterr().out
    password = re.search(r"One-time password: (\S+)", out).group(1)
    user = User.objects.get(username="ana")
    assert roles(user) == [group] and user.is_staff == staff and not user.is_superuser
    assert user.check_password(password) and password not in user.password


def test_add_user_refuses_a_taken_name_or_an_unknown_role():
    make_user("ana", "Viewer")
    with pytest.raises(CommandError, match="already exists"):
        call_command("add_user", "ANA", "--role", "viewer")
    with pytest.raises(CommandError):
        call_command("add_user", "bo", "--role", "admin")
    assert not User.objects.filter(username="bo").exists()


@pytest.fixture
def team_admin(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_adds_a_colleague_with_a_role_in_the_admin(team_admin):
    response = team_admin.post(
        reverse("admin:auth_user_add"),
        {
            "username": "carla",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
            "role": "contributor",
            "is_superuser": "on",  # not on the form: ignored
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    carla = User.objects.get(username="carla")
    assert roles(carla) == ["Contributor"] and carla.is_staff and not carla.is_superuser


def test_an_editor_changes_a_colleagues_role_but_cannot_grant_more(team_admin):
    colleague = make_user("dan", "Viewer")
    url = reverse("admin:auth_user_change", args=[colleague.pk])
    form = team_admin.get(url).context["adminform"].form
    assert set(form.fields) == {
        "username",
        "password",
        "role",
        "is_active",
        "first_name",
        "last_name",
        "email",
    }
    response = team_admin.post(
        url,
        {
            "username": "dan",
            "role": "editor",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [],
            "user_permissions": [],
        },
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert roles(colleague) == ["Editor"] and not colleague.is_superuser


def test_an_editor_cannot_touch_a_superusers_account(team_admin, superuser):
    url = reverse("admin:auth_user_change", args=[superuser.pk])
    response = team_admin.post(url, {"username": "taken-over", "role": "viewer"})
    assert response.status_code == 403
    password = reverse("admin:auth_user_password_change", args=[superuser.pk])
    assert team_admin.get(password).status_code == 403
    superuser.refresh_from_db()
    assert superuser.username == "root" and superuser.is_superuser


def test_an_editor_issues_and_revokes_api_tokens_for_colleagues(team_admin, superuser):
    colleague = make_user("scripts", "Viewer")
    add = reverse("admin:claims_apitoken_add")
    choices = team_admin.get(add).context["adminform"].form.fields["user"].queryset
    assert superuser not in choices and colleague in choices
    response = team_admin.post(
        add,
        {
            "user": colleague.pk,
            "name": "nightly export",
            "expires_at_0": "2099-01-01",
            "expires_at_1": "00:00:00",
        },
        follow=True,
    )
    assert "copy it now" in response.content.decode().lower()
    token = ApiToken.objects.get()
    delete = reverse("admin:claims_apitoken_delete", args=[token.pk])
    assert team_admin.post(delete, {"post": "yes"}).status_code == 302
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("role", ["viewer", "contributor"])
def test_only_editors_manage_people_and_tokens(client, request, role):
    user = request.getfixturevalue(role)
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_user_add")).status_code == 403
    assert client.get(reverse("admin:claims_apitoken_add")).status_code == 403
