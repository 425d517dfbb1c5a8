"""factcheck/gunicorn.py: each worker freezes what it keeps once it is warm, once."""

import gc
import subprocess
import sys

from django.conf import settings

from factcheck import gunicorn


class Worker:
    """What post_request is given of gunicorn's worker: an object it may note things on."""


def test_a_worker_freezes_what_it_keeps_once_warm_and_only_once(monkeypatch):
    calls = []
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append("collect"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    worker, other = Worker(), Worker()
    for _ in range(gunicorn.WARM_AFTER - 1):
        gunicorn.post_request(worker, None, {}, None)
    assert calls == []  # still warming up: templates and URL caches not built yet
    gunicorn.post_request(worker, None, {}, None)
    # Garbage first, so that no dead cycle is frozen for the worker's life.
    assert calls == ["collect", "freeze"]
    for _ in range(3 * gunicorn.WARM_AFTER):
        gunicorn.post_request(worker, None, {}, None)
    assert calls == ["collect", "freeze"]
    gunicorn.post_request(other, None, {}, None)  # each worker counts its own requests
    assert calls == ["collect", "freeze"]


def test_gunicorn_accepts_the_settings_module():
    result = subprocess.run(
        [
            f"{sys.prefix}/bin/gunicorn",
            "-c",
            "python:factcheck.gunicorn",
            "--check-config",
            "factcheck.wsgi",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
