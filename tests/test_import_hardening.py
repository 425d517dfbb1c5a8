"""What the import page sends back cannot smuggle in a relation: proposals travel signed,
fields the page has no business sending are ignored, and the service refuses a relation the
ledger does not know, or a claim answering itself, with nothing saved."""

import dataclasses

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims.ingest.services import import_article, propose_claims
from claims.models import ClaimRelation, Source

from .test_import_article import ARTICLE, preview, save_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, contributor):
    client.force_login(contributor)
    return client


def test_a_relation_field_added_to_the_page_changes_nothing(desk):
    response = preview(desk, text=ARTICLE, title="Port strike")
    denial = next(i for i, c in enumerate(response.context["formset"].candidates) if c["relation"])
    data = save_data(
        response, **{f"form-{denial}-relation": "endorses", f"form-{denial}-answers": denial}
    )
    assert desk.post(reverse("claims:import-save"), data).status_code == 302
    assert list(ClaimRelation.objects.values_list("kind", flat=True)) == ["denies"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"relation": "endorses"}, "is not a valid choice"),
        ({"relation": "contradicts-entirely"}, "is not a valid choice"),
        ({"answers": "self"}, "cannot answer itself"),
    ],
)
def test_the_import_service_refuses_an_unknown_or_circular_relation(change, message):
    proposals = propose_claims(ARTICLE)
    row = next(i for i, p in enumerate(proposals) if p.relation)
    if change.get("answers") == "self":
        change = {"answers": row}
    proposals[row] = dataclasses.replace(proposals[row], **change)
    with pytest.raises(ValidationError, match=message):
        import_article(title="Port strike", body=ARTICLE, proposals=proposals)
    assert not Source.objects.exists() and not ClaimRelation.objects.exists()
