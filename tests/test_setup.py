"""The two-command setup: settings from the environment and the demo editor account."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

ROOT = settings.BASE_DIR


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="factcheck.example.org",
        SECURE_SSL_REDIRECT="",
        SESSION_COOKIE_SECURE="",
        CSRF_COOKIE_SECURE="",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", ALLOWED_HOSTS="factcheck.example.org"
    )
    assert result.returncode != 0 and "security.W009" in result.stderr
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    server = subprocess.run(
        [sys.executable, "-c", "import factcheck.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert server.returncode != 0 and "SECRET_KEY is not set" in server.stderr


def test_commands_that_sign_nothing_run_on_a_fresh_checkout_without_a_key():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_the_demo_editor_is_created_with_the_editor_role_and_a_printed_password(settings, capsys):
    settings.DEBUG = True
    call_command("create_demo_editor")
    out = capsys.readouterr().out
    password = out.split("password: ")[1].split()[0]
    user = User.objects.get(username="editor")
    assert user.check_password(password)
    assert user.is_staff and user.has_perm("claims.review_claim")
    call_command("create_demo_editor")
    assert "already exists" in capsys.readouterr().out
    assert User.objects.get(username="editor").check_password(password)


@pytest.mark.django_db
def test_no_demo_editor_on_a_production_server(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only created while DEBUG is on"):
        call_command("create_demo_editor")
    assert not User.objects.filter(username="editor").exists()


@pytest.mark.postgres
def test_the_planner_settings_reach_every_postgresql_connection(db):
    """PG_JOIN_COLLAPSE_LIMIT and PG_RANDOM_PAGE_COST (factcheck/settings.py), by default 1
    and 1.1, are set on the connection itself."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        assert cursor.fetchone()[0] == "1"
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


def database_options(**env):
    """The default database's OPTIONS under the environment ``env`` (a PostgreSQL URL)."""
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS'))",
        SECRET_KEY="x",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_with_both_planner_settings_empty_no_startup_options_are_sent():
    """Behind a PgBouncer that refuses the "options" startup parameter."""
    assert "options" not in database_options(PG_JOIN_COLLAPSE_LIMIT="", PG_RANDOM_PAGE_COST="")
    one = database_options(PG_JOIN_COLLAPSE_LIMIT="")
    assert "-c random_page_cost=1.1" in one
    assert "join_collapse_limit" not in one
