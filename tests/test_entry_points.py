"""The WSGI and ASGI entry points, and their refusal to serve without a secret key."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from factcheck.checks import MESSAGE, require_secret_key


def test_the_wsgi_and_asgi_applications_load():
    from factcheck import asgi, wsgi

    assert callable(wsgi.application) and callable(asgi.application)


def test_without_a_secret_key_the_server_refuses_with_one_clear_line(settings):
    settings.SECRET_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set") as refused:
        require_secret_key()
    assert str(refused.value) == MESSAGE
