"""An editor's review, end to end in a real browser (Debian's Chromium, headless).

CI installs the `chromium` package; the test fails, rather than skips, when it is missing,
so a green run always means the browser flow was exercised.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect, sync_playwright

from claims.annotations import read_annotations
from claims.models import Claim
from claims.services import load_annotations

from .conftest import SEED_FILE

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(
    os.environ.get("SCREENSHOT_DIR", Path(settings.BASE_DIR) / "artifacts" / "screenshots")
)

pytestmark = [
    pytest.mark.browser,
    # The live server reads the database from another thread, so the data must be committed;
    # serialized_rollback restores the migration-made ratings and roles afterwards.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def plain_static_names(settings):
    # The live server's static handler finds files by their source names, not by the
    # hashed names of the production manifest, so pages here link to the plain names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_an_editor_finds_reads_and_reviews_a_claim(live_server, plain_static_names):
    load_annotations(read_annotations(SEED_FILE))
    editor = User.objects.create_user("maria", password="a-long-test-password")
    editor.groups.add(Group.objects.get(name="Editor"))
    claim = Claim.objects.get(text="That’s why we have come here.")
    speaker_url = claim.speaker.get_absolute_url()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        SHOTS.mkdir(parents=True, exist_ok=True)

        page.goto(live_server.url + "/")
        expect(page).to_have_url(re.compile(r"/accounts/login/"))
        # The stylesheet is served by the app and applied (the header is dark, not default).
        expect(page.locator("header.top")).to_have_css("background-color", "rgb(20, 32, 46)")
        page.get_by_label("Username").fill("maria")
        page.get_by_label("Password").fill("a-long-test-password")
        page.get_by_role("button", name="Sign in").click()

        page.get_by_label("Speaker").fill("Putin")
        page.locator("fieldset", has_text="Status").get_by_label("New").check()
        page.get_by_role("button", name="Apply filters").click()
        expect(page).to_have_url(re.compile(r"speaker=Putin.*status=new"))
        expect(page.locator(".count")).to_have_text("3 claims")
        page.screenshot(path=SHOTS / "claim-list.png", full_page=True)

        page.get_by_role("link", name="That’s why we have come here.").click()
        expect(page.locator("mark#span")).to_have_text("That’s why we have come here.")
        expect(page.locator("blockquote.context")).to_contain_text(
            "Russian state media quoted Putin as saying"
        )

        page.get_by_label("Status").select_option(label="In review")
        page.get_by_role("button", name="Save review").click()
        expect(page.locator(".messages")).to_contain_text("Review saved.")

        page.get_by_label("Status").select_option(label="Reviewed")
        page.get_by_label("Verdict").select_option(label="Mostly true")
        page.get_by_label("Reviewer notes").fill(
            "Confirmed against the <a href='https://example.org/tass'>TASS video</a>."
        )
        page.get_by_role("button", name="Save review").click()
        expect(page.locator(".messages")).to_contain_text("Review saved.")

        timeline = page.locator(".timeline")
        expect(timeline).to_contain_text("New → In review")
        expect(timeline).to_contain_text("In review → Reviewed")
        expect(timeline).to_contain_text("— → Mostly true")
        expect(timeline.locator("li strong", has_text="maria")).to_have_count(2)
        expect(page.locator(".notes a")).to_have_attribute("href", "https://example.org/tass")
        page.screenshot(path=SHOTS / "claim-page.png", full_page=True)

        page.goto(live_server.url + speaker_url)
        expect(page.locator(".scorecard")).to_contain_text("Mostly true")
        page.screenshot(path=SHOTS / "speaker-page.png", full_page=True)
        browser.close()

    claim.refresh_from_db()
    assert (claim.status, claim.rating.label, claim.updated_by) == (
        "reviewed",
        "Mostly true",
        editor,
    )
    for name in ("claim-list", "claim-page", "speaker-page"):
        assert (SHOTS / f"{name}.png").stat().st_size > 10_000
