"""Making a claim from words of an article: selected on the source page, or typed."""

import pytest
from django.urls import reverse

from claims.highlight import locate
from claims.models import Claim, Speaker

from .conftest import make_source, make_speaker

pytestmark = pytest.mark.django_db

BODY = (
    "Kim’s visit ended on Friday. “We are  ready,”\nthe minister said.\n"
    "Later, the minister said: “We are ready.”"
)

SECOND = BODY.rindex("We are ready")


@pytest.fixture
def desk(client, contributor):
    client.force_login(contributor)
    return client


def test_words_are_found_whatever_their_quotes_apostrophes_and_spacing():
    assert locate(BODY, "Kim's visit") == [(0, 11)]
    assert locate(BODY, '"We are ready," the minister said') == [(29, 63)]
    assert len(locate(BODY, "We are ready")) == 2
    assert locate(BODY, "not in it") == []
    assert locate(BODY, "   ") == []


def test_typed_words_with_a_straight_apostrophe_become_the_articles_words():
    source = make_source(body=BODY)
    claim = Claim(source=source, speaker=make_speaker(), text="Kim's visit ended")
    claim.full_clean()
    assert (claim.span_start, claim.span_end, claim.text) == (0, 17, "Kim’s visit ended")


def test_words_that_repeat_list_where_they_are_so_nobody_counts_characters():
    source = make_source(body=BODY)
    claim = Claim(source=source, speaker=make_speaker(), text="We are ready")
    with pytest.raises(Exception) as exc:
        claim.full_clean()
    message = " ".join(exc.value.message_dict["span_start"])
    assert f"{BODY.index('We are')} (" in message and f"{SECOND} (" in message


def test_a_selection_opens_the_form_with_its_words(desk):
    source = make_source(body=BODY)
    response = desk.get(reverse("claims:claim-new", args=[source.pk]), {"start": 28, "end": 63})
    assert response.status_code == 200
    form = response.context["form"]
    # The selection's surrounding space is trimmed; the words are the article's own.
    assert form.initial["words"] == "“We are  ready,”\nthe minister said"
    assert form.initial["occurrence"] == "29:63"


def test_typed_words_make_a_claim_with_its_span_and_a_new_speaker(desk, contributor):
    source = make_source(body=BODY)
    url = reverse("claims:claim-new", args=[source.pk])
    response = desk.post(
        url, {"words": "Kim's visit ended", "speaker": "Kim Yo Jong", "kind": "paraphrase"}
    )
    claim = Claim.objects.get()
    assert response.status_code == 302 and response.url == claim.get_absolute_url()
    assert (claim.text, claim.span_start, claim.span_end) == ("Kim’s visit ended", 0, 17)
    assert claim.speaker.name == "Kim Yo Jong" and claim.created_by == contributor
    assert claim.history.get().history_user == contributor


def test_repeated_words_ask_which_occurrence_then_use_the_one_picked(desk):
    source = make_source(body=BODY)
    speaker = make_speaker(name="The minister")
    url = reverse("claims:claim-new", args=[source.pk])
    data = {"words": "We are ready", "speaker": "the minister", "kind": "direct"}
    response = desk.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "These words appear 2 times in the article: choose one." in html
    assert 'value="30:43"' in html and f'value="{SECOND}:{SECOND + 12}"' in html
    assert not Claim.objects.exists()
    assert desk.post(url, {**data, "occurrence": f"{SECOND}:{SECOND + 12}"}).status_code == 302
    claim = Claim.objects.get()
    assert (claim.span_start, claim.text, claim.speaker) == (SECOND, "We are ready", speaker)


def test_words_not_in_the_article_are_refused_with_a_message(desk):
    source = make_source(body=BODY)
    url = reverse("claims:claim-new", args=[source.pk])
    response = desk.post(url, {"words": "We never said that", "speaker": "X", "kind": "direct"})
    assert response.status_code == 400
    assert "These words do not appear in the article." in response.content.decode()
    assert not Claim.objects.exists() and not Speaker.objects.filter(name="X").exists()


def test_a_forged_occurrence_is_refused(desk):
    source = make_source(body=BODY)
    url = reverse("claims:claim-new", args=[source.pk])
    data = {"words": "We are ready", "speaker": "M", "kind": "direct", "occurrence": "0:12"}
    assert desk.post(url, data).status_code == 400
    assert not Claim.objects.exists()


def test_the_source_page_offers_the_typed_words_form_and_the_selection_script(desk):
    source = make_source(body=BODY)
    html = desk.get(source.get_absolute_url()).content.decode()
    assert f'data-select-claim="{reverse("claims:claim-new", args=[source.pk])}"' in html
    assert "select-claim" in html and 'name="words"' in html


def test_viewers_get_no_claim_form_on_the_source_page(client, viewer):
    client.force_login(viewer)
    source = make_source(body=BODY)
    html = client.get(source.get_absolute_url()).content.decode()
    assert "data-select-claim" not in html and 'name="words"' not in html
