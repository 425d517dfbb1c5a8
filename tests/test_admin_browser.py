"""Data entry as editors really do it, in Debian's headless Chromium: the admin's source
form (browser line breaks, refusals on the form), claims made by selecting words in the
admin and on the desk, and merging speakers in the admin."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from claims.extraction.annotations import read_annotations
from claims.ingest.services import load_annotations
from claims.models import Claim, Source, Speaker

from .conftest import SEED_FILE

# The shared Chromium fixtures: imported, pytest finds them here (F811 ignored for this file).
from .test_browser import SHOTS, make_user, page, plain_static_names, sign_in  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def staff_editor(username="maria"):
    user = make_user(username, "Editor")
    User.objects.filter(pk=user.pk).update(is_staff=True)
    return user


def select_words(page, words):
    """Select ``words`` inside the article element, as a mouse drag would."""
    page.evaluate(
        """(words) => {
            const root = document.querySelector('[data-select-claim]');
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + words.length);
                    getSelection().removeAllRanges();
                    getSelection().addRange(range);
                    return;
                }
            }
            throw new Error('words not found: ' + words);
        }""",
        words,
    )


def test_an_editor_corrects_the_seed_articles_title_and_body_in_the_admin(live_server, page):
    source = load_annotations(read_annotations(SEED_FILE)).source
    staff_editor()
    sign_in(page, live_server, "maria", "a-long-test-password")
    page.goto(f"{live_server.url}/admin/claims/source/{source.pk}/change/")
    page.locator("#id_title").fill("Putin and Kim meet at Vostochny (corrected)")
    body = page.locator("#id_body")
    body.fill(body.input_value() + "\n\nCorrection: an earlier version misdated the visit.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.screenshot(path=SHOTS / "admin-source-saved.png", full_page=True)

    source.refresh_from_db()
    assert source.title == "Putin and Kim meet at Vostochny (corrected)"
    assert source.body.endswith("misdated the visit.") and "\r" not in source.body
    assert not source.broken_claims(source.body)

    # An edit that would move quoted words is refused on the form, not with a 500.
    page.goto(f"{live_server.url}/admin/claims/source/{source.pk}/change/")
    page.locator("#id_body").fill("A different article altogether.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("This edit would break the spans of")
    assert Source.objects.get(pk=source.pk).body == source.body


def test_an_editor_selects_words_in_the_admin_and_gets_a_filled_claim_form(live_server, page):
    source = load_annotations(read_annotations(SEED_FILE)).source
    staff_editor()
    words = "Russian state media quoted Putin as saying"
    start = source.body.index(words)
    sign_in(page, live_server, "maria", "a-long-test-password")
    page.goto(f"{live_server.url}/admin/claims/source/{source.pk}/change/")
    select_words(page, words)
    page.get_by_role("button", name="Make a claim from the selected words").click()
    expect(page).to_have_url(re.compile(r"/admin/claims/claim/add/"))
    expect(page.locator("#id_span_start")).to_have_value(str(start))
    expect(page.locator("#id_span_end")).to_have_value(str(start + len(words)))
    expect(page.locator("#id_text")).to_have_value(words)
    page.screenshot(path=SHOTS / "admin-claim-from-selection.png", full_page=True)


BODY = (
    "The mayor said the bridge would reopen in May. Critics said the mayor’s plan "
    "was “far too optimistic”, and the council said the money was there."
)


def test_an_editor_selects_words_on_the_source_page_and_records_a_claim(live_server, page):
    source = Source.objects.create(title="Bridge", body=BODY)
    first = "the bridge would reopen in May"
    mayor = Speaker.objects.create(name="The mayor")
    Claim.objects.create(
        source=source,
        speaker=mayor,
        text=first,
        span_start=BODY.index(first),
        span_end=BODY.index(first) + len(first),
    )
    make_user("carla", "Contributor")
    sign_in(page, live_server, "carla", "a-long-test-password")
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    words = "far too optimistic"  # after a highlighted claim and its number
    select_words(page, words)
    page.get_by_role("button", name="Make a claim from the selected words").click()
    expect(page.get_by_label("Words of the claim")).to_have_value(words)
    page.get_by_label("Speaker").fill("Critics")
    page.get_by_label("Kind").select_option(label="Partial quote")
    page.get_by_role("button", name="Record the claim").click()
    expect(page.locator(".messages")).to_contain_text("Claim recorded.")
    page.screenshot(path=SHOTS / "desk-claim-from-selection.png", full_page=True)

    claim = Claim.objects.get(speaker__name="Critics")
    assert (claim.text, claim.span_start) == (words, BODY.index(words))
    assert claim.kind == "partial"


def test_without_the_script_typed_words_pick_their_occurrence(live_server, page):
    source = Source.objects.create(title="Bridge", body=BODY)
    make_user("carla", "Contributor")
    sign_in(page, live_server, "carla", "a-long-test-password")
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    page.get_by_label("Words of the claim").fill(
        "the mayor"
    )  # matching is case-sensitive: one occurrence
    page.get_by_role("button", name="Find these words").click()
    page.get_by_label("Speaker").fill("Critics")
    page.get_by_role("button", name="Record the claim").click()
    claim = Claim.objects.get()
    assert claim.text == "the mayor" and claim.span_start == BODY.index("the mayor’s")


def test_an_editor_merges_two_speakers_in_the_admin(live_server, page):
    keep = Speaker.objects.create(name="Kim Jong Un")
    other = Speaker.objects.create(name="Kim Jong-un")
    source = Source.objects.create(title="Visit", body="Kim Jong-un said he was glad.")
    Claim.objects.create(
        source=source, speaker=other, text="he was glad", span_start=17, span_end=28
    )
    staff_editor()
    sign_in(page, live_server, "maria", "a-long-test-password")
    page.goto(f"{live_server.url}/admin/claims/speaker/")
    page.locator(f'input[name="_selected_action"][value="{keep.pk}"]').check()
    page.locator(f'input[name="_selected_action"][value="{other.pk}"]').check()
    page.locator('select[name="action"]').select_option("merge")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Kim Jong-un merged into Kim Jong Un")
    assert Claim.objects.get().speaker == keep
    assert list(keep.aliases.values_list("name", flat=True)) == ["Kim Jong-un"]


def test_an_editor_filters_the_admin_claim_list_by_speaker_and_article_by_typing(live_server, page):
    source = Source.objects.create(title="Budget hearing", body=BODY)
    other_source = Source.objects.create(title="Harbour report", body=BODY)
    mayor = Speaker.objects.create(name="The mayor")
    critic = Speaker.objects.create(name="A critic")
    words = "the bridge would reopen in May"
    start = BODY.index(words)
    for speaker, article in [(mayor, source), (critic, source), (mayor, other_source)]:
        Claim.objects.create(
            source=article, speaker=speaker, text=words, span_start=start, span_end=start + 30
        )
    staff_editor()
    sign_in(page, live_server, "maria", "a-long-test-password")
    page.goto(f"{live_server.url}/admin/claims/claim/")
    expect(page.locator("#result_list tbody tr")).to_have_count(3)

    # The admin's own select2 box: typing asks its autocomplete view; choosing filters.
    page.locator("#changelist-filter .autocomplete-filter:has(#filter_speaker) .select2").click()
    page.locator(".select2-search__field").fill("mayor")
    page.locator(".select2-results__option", has_text="The mayor").click()
    expect(page).to_have_url(re.compile(rf"speaker={mayor.pk}"))
    expect(page.locator("#result_list tbody tr")).to_have_count(2)

    page.locator("#changelist-filter .autocomplete-filter:has(#filter_source) .select2").click()
    page.locator(".select2-search__field").fill("Harbour")
    page.locator(".select2-results__option", has_text="Harbour report").click()
    expect(page).to_have_url(re.compile(rf"source={other_source.pk}"))
    expect(page).to_have_url(re.compile(rf"speaker={mayor.pk}"))  # the other filter kept
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#filter_source")).to_have_value(str(other_source.pk))
    page.screenshot(path=SHOTS / "admin-claim-autocomplete-filters.png", full_page=True)

    # Clearing a box drops its filter.
    page.locator(
        "#changelist-filter .autocomplete-filter:has(#filter_speaker) .select2-selection__clear"
    ).click()
    expect(page).not_to_have_url(re.compile(r"speaker="))
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
