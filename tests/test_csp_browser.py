"""Every page, loaded in Chromium with the Content-Security-Policy on, breaks none of it.

Each page records the browser's `securitypolicyviolation` events and its console errors
("Refused to apply inline style…"); a violation on any page fails the test with its list.
Public pages signed out, then the desk and every admin list, add, change and history page
signed in as a superuser (who can open them all).
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse
from playwright.sync_api import expect

from claims import services
from claims.models import Claim, DuplicateSuggestion, Evidence

from .conftest import make_claim, rating
from .test_browser import page, plain_static_names, sign_in  # noqa: F401 — shared fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "a-long-test-password"

# Runs before the page's own code on every navigation; CSP does not apply to it.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}: ${e.sample}`);
});
"""


def data():
    """A published fact-check, a claim with evidence, a suggestion: every page has content."""
    published = make_claim(
        status=Claim.Status.REVIEWED,
        rating=rating("False"),
        notes="Checked.",
        claim_reviewed="The bridge opens in May.",
        explanation="<p>The contract says June.</p>",
    )
    user = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    services.publish(published.pk, user, published.version)
    other = make_claim()
    Evidence.objects.create(claim=other, url="https://example.org/r", title="Report")
    DuplicateSuggestion.objects.create(claim=other, original=published, score=80)
    return published, other


def admin_pages(user):
    request = RequestFactory().get("/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        base = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield reverse(f"{base}_changelist")
        if model_admin.has_add_permission(request):
            yield reverse(f"{base}_add")
        obj = model.objects.first()
        if obj is not None:
            yield reverse(f"{base}_change", args=[obj.pk])
            yield reverse(f"{base}_history", args=[obj.pk])


def test_no_page_violates_the_content_security_policy(live_server, page, settings):  # noqa: F811
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    published, other = data()
    violations = {}
    console = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: console.append(message.text) if message.type == "error" else None,
    )

    def visit(path):
        response = page.goto(live_server.url + path)
        assert response.status < 400, path
        found = page.evaluate("window.__csp")
        refused = [text for text in console if "Content Security Policy" in text]
        if found or refused:
            violations[path] = found + refused
        console.clear()

    public = [
        reverse("public:index"),
        reverse("public:ratings"),
        published.get_public_url(),
        reverse("login"),
    ]
    for path in public:
        visit(path)

    sign_in(page, live_server, "root", PASSWORD)
    expect(page.locator("nav")).to_contain_text("Claims")
    desk = [
        reverse("claims:claim-list"),
        reverse("claims:claim-list") + "?status=new&verdict=999",  # with filter errors
        reverse("claims:dashboard"),
        reverse("claims:claim-detail", args=[published.pk]),
        reverse("claims:claim-detail", args=[other.pk]),
        reverse("claims:speaker-detail", args=[other.speaker_id]),
        reverse("claims:source-detail", args=[other.source_id]),
        reverse("claims:import-start"),
        reverse("password_change"),
    ]
    for path in desk:
        visit(path)
    # The import preview is a POST: submit the form as an editor would.
    page.goto(live_server.url + reverse("claims:import-start"))
    page.get_by_label("Article text").fill("The mayor said the bridge would open in May.")
    page.get_by_role("button", name="Propose claims").click()
    expect(page.locator("h1")).to_contain_text("Check the proposed claims")
    if page.evaluate("window.__csp"):
        violations["import preview"] = page.evaluate("window.__csp")

    for path in admin_pages(User.objects.get(username="root")):
        visit(path)

    assert violations == {}
