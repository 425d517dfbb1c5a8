"""What editors typed is shown through the one sanitising policy, even when the stored text
never went through the form (an old row, a raw SQL fix, a restored backup)."""

import pytest
from django.template import Context, Template

from claims.models import Claim

from .conftest import make_claim

pytestmark = pytest.mark.django_db

HOSTILE = '<p>Fine</p><script>alert(1)</script><a href="javascript:alert(2)">x</a>'


def test_the_sanitized_filter_removes_scripts_and_script_links():
    html = Template("{% load claims_tags %}{{ notes|sanitized }}").render(
        Context({"notes": HOSTILE})
    )
    assert "<p>Fine</p>" in html
    assert "<script" not in html and "javascript:" not in html


def test_notes_stored_around_the_form_are_cleaned_on_the_claim_page(client, viewer):
    claim = make_claim()
    Claim.objects.filter(pk=claim.pk).update(notes=HOSTILE)  # bypasses the model field
    client.force_login(viewer)
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "<p>Fine</p>" in html
    assert "<script>alert(1)" not in html and "javascript:alert" not in html
