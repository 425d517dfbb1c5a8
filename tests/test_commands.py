"""Management commands that set up access: what they print, store and refuse."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.models import ApiToken

pytestmark = pytest.mark.django_db


def test_create_api_token_prints_a_key_that_opens_the_api_once_stored_hashed(
    client, viewer, capsys
):
    call_command("create_api_token", "viewer", "nightly export")
    printed = capsys.readouterr().out
    key = printed.split(": ", 1)[1].split()[0]
    token = ApiToken.objects.get(user=viewer, name="nightly export")
    assert key not in {token.prefix, str(token.pk)} and key not in repr(token.__dict__)
    response = client.get(reverse("api:claim-list"), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200


def test_create_api_token_refuses_an_unknown_user():
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        call_command("create_api_token", "nobody", "x")
    assert not ApiToken.objects.exists()
