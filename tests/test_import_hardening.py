"""The import page's hidden fields are checked like the visible ones: a tampered relation
is a message on the page, never a 500, and nothing is saved."""

import pytest
from django.urls import reverse

from claims.models import ClaimRelation, Source

from .test_import_article import ARTICLE, preview, save_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, contributor):
    client.force_login(contributor)
    return client


def _denial_row(response):
    rows = [f.initial for f in response.context["formset"].forms]
    return next(i for i, r in enumerate(rows) if r.get("relation"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("relation", "endorses", "Select a valid choice"),
        ("relation", "contradicts-entirely", "Select a valid choice"),
        ("answers", "self", "A claim cannot answer itself."),
    ],
)
def test_a_tampered_relation_is_a_message_and_nothing_is_saved(desk, field, value, message):
    response = preview(desk, text=ARTICLE, title="Port strike")
    row = _denial_row(response)
    if value == "self":
        value = row
    data = save_data(response, **{f"form-{row}-{field}": value})
    response = desk.post(reverse("claims:import-save"), data)
    assert response.status_code == 400
    shown = response.content.decode() + str(response.context["formset"].errors)
    assert message in shown
    assert not Source.objects.exists() and not ClaimRelation.objects.exists()
