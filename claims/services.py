"""The version-checked, row-locked writes on claims, each in one transaction.

The desk, the admin, the API and management commands call these; none writes a claim on its
own, so the version check, validation and history attribution live here once. Creating
claims from an article is the ingest wing's job (claims/ingest/services.py); repeats are
claims/duplicates.py.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .duplicates import suggest_duplicates
from .models import Claim


class EditConflict(Exception):
    """Someone saved the claim after the editor loaded it; ``current`` is what is stored now."""

    def __init__(self, current):
        super().__init__(f"Claim #{current.pk} was changed by someone else.")
        self.current = current


def save_claim(claim, user):
    """Validate and save ``claim`` as ``user``; the history entry records them."""
    claim.updated_by = user
    claim._history_user = user
    claim.full_clean()
    claim.save()


@contextmanager
def locked_claim(claim_id, expected_version):
    """The claim, locked until the transaction ends, if nobody saved it since
    ``expected_version``; EditConflict (nothing written) otherwise."""
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        if claim.version != expected_version:
            raise EditConflict(claim)
        yield claim


def update_claim(claim_id, user, expected_version, **changes):
    """Apply ``changes`` to the claim if nobody saved it since ``expected_version``.

    Raises EditConflict (nothing written) when the stored version moved on, and
    ValidationError when the result would break a rule.
    """
    with locked_claim(claim_id, expected_version) as claim:
        reworded = "text" in changes and changes["text"] != claim.text
        for name, value in changes.items():
            setattr(claim, name, value)
        save_claim(claim, user)
        if reworded:
            suggest_duplicates([claim])
    return claim


@dataclass
class BulkResult:
    changed: list = field(default_factory=list)
    refused: dict = field(default_factory=dict)  # claim -> readable reason


def bulk_update(claims, user, **changes):
    """Apply ``changes`` to each of ``claims`` that accepts them, one history entry each.

    A claim the change would make invalid (e.g. Reviewed without a verdict) is left as it
    was and reported in ``refused``; the others are saved in the same transaction.
    """
    result = BulkResult()
    with transaction.atomic():
        for claim in (
            Claim.objects.select_for_update()
            .filter(pk__in=[c.pk for c in claims])
            .select_related("source")
        ):
            if all(getattr(claim, name) == value for name, value in changes.items()):
                continue
            for name, value in changes.items():
                setattr(claim, name, value)
            try:
                with transaction.atomic():
                    save_claim(claim, user)
            except ValidationError as exc:
                result.refused[claim] = "; ".join(exc.messages)
            else:
                result.changed.append(claim)
    return result


def publish(claim_id, user, expected_version):
    """Publish a Reviewed claim: it gets its public page and ClaimReview markup."""
    with locked_claim(claim_id, expected_version) as claim:
        if claim.status != Claim.Status.REVIEWED:
            raise ValidationError("Only a Reviewed claim, with its verdict, can be published.")
        now = timezone.now()
        claim.status = Claim.Status.PUBLISHED
        claim.published_at = now
        claim.first_published_at = claim.first_published_at or now
        save_claim(claim, user)
    return claim


def unpublish(claim_id, user, expected_version):
    """Take a fact-check down: its public page answers 410 Gone; the verdict stays."""
    with locked_claim(claim_id, expected_version) as claim:
        if claim.status != Claim.Status.PUBLISHED:
            raise ValidationError("This claim is not published.")
        claim.status = Claim.Status.REVIEWED
        claim.published_at = None
        save_claim(claim, user)
    return claim
