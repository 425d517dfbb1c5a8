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
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from claims.extraction.annotations import read_annotations
from claims.ingest.services import load_annotations
from claims.models import Claim

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


@pytest.fixture
def page(plain_static_names, monkeypatch):
    """A headless Chromium page; screenshots go to SHOTS."""
    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: apt-get install chromium"
    # Playwright's sync API runs an event loop in this thread, and Django then refuses ORM
    # calls from the test body. Safe here: the live server answers from its own thread,
    # and the loop itself never touches the database.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.set_default_timeout(15_000)
        yield tab
        browser.close()
        # ORM calls made while Playwright's loop ran used connections of that context;
        # close them here, or PostgreSQL cannot drop the test database afterwards.
        connections.close_all()


def sign_in(page, live_server, username, password):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def make_user(username, role):
    user = User.objects.create_user(username, password="a-long-test-password")
    user.groups.add(Group.objects.get(name=role))
    return user


def test_an_editor_finds_reads_and_reviews_a_claim(live_server, page):
    load_annotations(read_annotations(SEED_FILE))
    editor = make_user("maria", "Editor")
    claim = Claim.objects.get(text="That’s why we have come here.")

    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    # The stylesheet is served by the app and applied (the header is dark, not default).
    expect(page.locator("header.top")).to_have_css("background-color", "rgb(20, 32, 46)")
    sign_in(page, live_server, "maria", "a-long-test-password")

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

    page.goto(live_server.url + claim.speaker.get_absolute_url())
    expect(page.locator(".scorecard")).to_contain_text("Mostly true")
    page.screenshot(path=SHOTS / "speaker-page.png", full_page=True)

    claim.refresh_from_db()
    assert (claim.status, claim.rating.label, claim.updated_by) == (
        "reviewed",
        "Mostly true",
        editor,
    )
    for name in ("claim-list", "claim-page", "speaker-page"):
        assert (SHOTS / f"{name}.png").stat().st_size > 10_000


ARTICLE = """Port strike enters second week

Dock workers accused the Harbour Authority of cutting safety staff. \
The authority denied the accusation.

"We will stay out until the cranes are safe," union leader Maria Santos said.
"""


def test_a_contributor_imports_and_an_editor_publishes(live_server, page):
    make_user("carla", "Contributor")
    make_user("maria", "Editor")

    # The contributor pastes an article, checks the proposals, drops one and corrects another.
    sign_in(page, live_server, "carla", "a-long-test-password")
    page.get_by_role("link", name="Import").click()
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_label("Title").fill("Port strike")
    page.get_by_role("button", name="Propose claims").click()
    expect(page.locator(".proposal")).to_have_count(3)
    expect(page.locator(".article mark")).to_have_count(3)
    page.screenshot(path=SHOTS / "import-preview.png", full_page=True)
    denial = page.locator(".proposal", has_text="denied the accusation")
    denial.get_by_label("Keep claim").uncheck()
    quote = page.locator(".proposal", has=page.locator("textarea", has_text="cranes"))
    quote.get_by_label("Speaker").fill("Maria Santos Ortega")
    page.get_by_role("button", name="Save the article and the ticked claims").click()
    expect(page.locator(".messages")).to_contain_text("2 proposed claim(s)")
    expect(page.locator(".article mark")).to_have_count(2)

    claim = Claim.objects.get(speaker__name="Maria Santos Ortega")
    assert claim.text == "We will stay out until the cranes are safe"
    assert claim.source.body[claim.span_start : claim.span_end] == claim.text
    page.get_by_role("button", name="Sign out").click()

    # The editor reviews it and publishes; the public page carries ClaimReview.
    sign_in(page, live_server, "maria", "a-long-test-password")
    page.goto(live_server.url + claim.get_absolute_url())
    page.get_by_label("Status").select_option(label="Reviewed")
    page.get_by_label("Verdict").select_option(label="Unproven")
    page.get_by_label("Claim as checked").fill("The port strike will last until cranes are safe.")
    page.get_by_label("Public explanation").fill("<p>The union has not set a date.</p>")
    page.get_by_role("button", name="Save review").click()
    page.get_by_role("button", name="Publish this fact-check").click()
    expect(page.locator(".messages")).to_contain_text("Published")
    page.get_by_role("link", name="the public page").click()
    expect(page.locator(".verdict")).to_have_text("Unproven")
    markup = page.locator('script[type="application/ld+json"]').text_content()
    assert '"@type": "ClaimReview"' in markup and "until cranes are safe" in markup
    page.screenshot(path=SHOTS / "public-fact-check.png", full_page=True)
