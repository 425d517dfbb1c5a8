"""Refuse to serve in production without a secret key, without blocking keyless commands.

Settings load without SECRET_KEY so that commands that sign nothing (makemigrations, the
extraction evaluator) work on a fresh checkout. The WSGI/ASGI entry points call
require_secret_key() before answering a single request, and `check --deploy` fails too.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MESSAGE = "SECRET_KEY is not set. Set it (or DEBUG=true for local development)."


def require_secret_key():
    try:
        settings.SECRET_KEY  # Django raises on an empty key when it is read  # noqa: B018
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured(MESSAGE) from exc
