"""The public fact-check page in a real browser: axe-core finds no serious or critical
accessibility violation, it prints without the site's navigation, and its screenshot is the
README's figure (DOCS_SCREENSHOTS=1 writes docs/fact-check.png)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from claims import services

from .conftest import rating
from .published import correct, published_claim

# test_browser.py's headless Chromium fixture, registered here as "tab" by importing it.
from .test_browser import SHOTS, plain_static_names  # noqa: F401
from .test_browser import page as tab  # noqa: F401

AXE = Path(
    os.environ.get(
        "AXE_CORE_PATH",
        Path(settings.BASE_DIR) / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js",
    )
)
DOCS = Path(settings.BASE_DIR) / "docs"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def serious_violations(page):
    """axe-core's serious and critical violations on the open page, as readable lines."""
    assert AXE.exists(), f"axe-core not found at {AXE}: run `make install` (it needs npm)"
    # Evaluated through the DevTools protocol, which the page's CSP does not govern: an
    # injected <script> would be refused like any inline script (no 'unsafe-inline').
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def fact_check(settings):
    settings.PUBLISHER_NAME, settings.PUBLISHER_URL = "The Daily Check", "https://check.example"
    editor = User.objects.create_user("maria", first_name="Maria", last_name="Okafor")
    editor.groups.add(Group.objects.get(name="Editor"))
    claim = published_claim(editor)
    return correct(
        claim,
        editor,
        "We first rated this Unproven; Roscosmos has since published the agreement.",
        rating=rating("Mostly true"),
        explanation=(
            "<p>Russian state media reported the pledge, and on 20 September Roscosmos "
            "published a cooperation agreement covering satellite launches.</p>"
            "<p>The agreement names no date or satellite, so the promise is <em>mostly</em> "
            "borne out: help is agreed, a satellite is not yet in sight.</p>"
        ),
    )


def test_the_public_fact_check_page_has_no_serious_accessibility_violations(
    live_server,
    tab,  # noqa: F811 — the imported fixture
    fact_check,
):
    tab.goto(live_server.url + fact_check.get_public_url())
    expect(tab.locator("h1")).to_have_text("Russia will help North Korea build satellites.")
    expect(tab.locator(".verdict")).to_have_text("Mostly true")
    expect(tab.locator("blockquote.excerpt mark")).to_contain_text("build satellites")
    expect(tab.locator(".corrections")).to_contain_text("Roscosmos has since published")
    assert serious_violations(tab) == []
    tab.screenshot(path=SHOTS / "fact-check.png", full_page=True)
    if os.environ.get("DOCS_SCREENSHOTS"):
        tab.screenshot(path=DOCS / "fact-check.png", full_page=True)
    assert (SHOTS / "fact-check.png").stat().st_size > 10_000


def test_the_index_and_the_withdrawn_page_have_none_either(
    live_server,
    tab,  # noqa: F811 — the imported fixture
    fact_check,
):
    tab.goto(live_server.url + "/fact-checks/")
    expect(tab.locator(".fact-checks li")).to_have_count(1)
    assert serious_violations(tab) == []
    editor = User.objects.get(username="maria")
    services.unpublish(fact_check.pk, editor, fact_check.version, reason="Test withdrawal.")
    tab.goto(live_server.url + fact_check.get_public_url())
    expect(tab.locator("h1")).to_have_text("This fact-check has been withdrawn")
    assert serious_violations(tab) == []


def test_the_page_prints_without_navigation_and_with_link_addresses(
    live_server,
    tab,  # noqa: F811 — the imported fixture
    fact_check,
):
    tab.goto(live_server.url + fact_check.get_public_url())
    tab.emulate_media(media="print")
    expect(tab.locator(".masthead nav")).to_be_hidden()
    expect(tab.locator("h1")).to_be_visible()
    after = tab.evaluate(
        "getComputedStyle(document.querySelector('.sources a'), '::after').content"
    )
    assert "https://example.org/kremlin-transcript" in after
