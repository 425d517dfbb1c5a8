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
from .models import Claim, Correction
from .sanitize import clean_html

# What readers of a published fact-check are told: changing any of these publicly is a
# correction, and needs a note that the page lists with its date.
PUBLIC_RULING = {
    "rating": "verdict",
    "claim_reviewed": "claim as checked",
    "explanation": "explanation",
}
NEEDS_CORRECTION = (
    "This fact-check is published: changing its verdict, claim as checked or explanation "
    "needs a correction note, which readers will see with its date."
)


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


def _stored(name, value):
    # The explanation is sanitised on save; compare what would be stored, so that
    # resubmitting the same text is not mistaken for a change.
    return clean_html(value) if name == "explanation" else value


def _ruling_changes(claim, changes):
    """[(field name, old value, new value)] of the public ruling that ``changes`` alter."""
    return [
        (name, getattr(claim, name), value)
        for name, value in changes.items()
        if name in PUBLIC_RULING and _stored(name, value) != _stored(name, getattr(claim, name))
    ]


def _describe(name, old, new):
    if name == "rating":
        return f"verdict ({old} → {new})"
    return PUBLIC_RULING[name]


def update_claim(claim_id, user, expected_version, correction="", **changes):
    """Apply ``changes`` to the claim if nobody saved it since ``expected_version``.

    On a published claim, a change to the public ruling (verdict, claim as checked,
    explanation) needs ``correction``, a note for readers; it is recorded with its date and
    becomes ClaimReview's dateModified. Status can not leave Published here: unpublish()
    asks for a reason.

    Raises EditConflict (nothing written) when the stored version moved on, and
    ValidationError when the result would break a rule.
    """
    correction = (correction or "").strip()
    with locked_claim(claim_id, expected_version) as claim:
        reworded = "text" in changes and changes["text"] != claim.text
        ruling = _ruling_changes(claim, changes)
        if claim.is_published:
            if changes.get("status", claim.status) != Claim.Status.PUBLISHED:
                raise ValidationError(
                    {"status": "Use Unpublish, which asks for a reason, to take it down."}
                )
            if ruling and not correction:
                raise ValidationError({"correction": NEEDS_CORRECTION})
        if any(name == "rating" for name, _, _ in ruling):
            claim.reviewed_by = user
        for name, value in changes.items():
            setattr(claim, name, value)
        if claim.is_published and ruling:
            claim.corrected_at = timezone.now()
        save_claim(claim, user)
        if claim.is_published and ruling:
            Correction.objects.create(
                claim=claim,
                note=correction,
                changed=", ".join(_describe(*change) for change in ruling),
                made_by=user,
                made_at=claim.corrected_at,
            )
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
            if claim.is_published and "status" in changes:
                result.refused[claim] = "It is published: unpublish it first, with a reason."
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
    """Publish a Reviewed claim: it gets its public page and ClaimReview markup.

    It needs a verdict, the claim as checked and a public explanation (Claim.clean says
    which is missing).
    """
    with locked_claim(claim_id, expected_version) as claim:
        if claim.status != Claim.Status.REVIEWED:
            raise ValidationError("Only a Reviewed claim, with its verdict, can be published.")
        now = timezone.now()
        claim.status = Claim.Status.PUBLISHED
        claim.published_at = now
        claim.first_published_at = claim.first_published_at or now
        claim.reviewed_by = claim.reviewed_by or user
        claim.withdrawn_at, claim.withdrawal_reason = None, ""
        claim._change_reason = "Published"
        save_claim(claim, user)
    return claim


def unpublish(claim_id, user, expected_version, reason=""):
    """Take a fact-check down, saying why: its public page answers 410 Gone with the date;
    the verdict stays, and the reason is kept on the claim and in its history entry."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the fact-check is withdrawn."})
    with locked_claim(claim_id, expected_version) as claim:
        if claim.status != Claim.Status.PUBLISHED:
            raise ValidationError("This claim is not published.")
        claim.status = Claim.Status.REVIEWED
        claim.published_at = None
        claim.withdrawn_at = timezone.now()
        claim.withdrawal_reason = reason
        # simple-history stores this as the entry's history_change_reason.
        claim._change_reason = f"Unpublished: {reason}"[:100]
        save_claim(claim, user)
    return claim
