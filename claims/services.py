"""The writes every wing shares, each in one transaction: the version-checked, row-locked
writes on claims (review, bulk, admin edits, publish, unpublish, corrections), entering a
claim by hand, finding or recording a speaker by name, relations, evidence and merging
speakers.

The desk, the admin, the API and management commands call these; none writes a claim on its
own, so the version check, validation and history attribution live here once. Creating
claims from an article is the ingest wing's job (claims/ingest/services.py); repeats are
claims/duplicates.py.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .duplicates import suggest_duplicates
from .models import Claim, ClaimRelation, Correction, Speaker, SpeakerAlias
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


LEAVE_PUBLISHED = (
    "It is published: unpublish it first, with a reason (a published fact-check leaves "
    "Published only through Unpublish)."
)


def check_status_move(old_status, new_status):
    """Publishing sets and unpublishing clears the publication date; no other path may
    move a claim into or out of Published."""
    if old_status == Claim.Status.PUBLISHED and new_status != Claim.Status.PUBLISHED:
        raise ValidationError({"status": LEAVE_PUBLISHED})


def save_claim(claim, user, changed=None):
    """Validate and save ``claim`` as ``user``; the history entry records them.

    ``changed``: only for a claim read under its row lock (update_claim, bulk_update), the
    names of the fields the caller's change set. The other fields hold what the database
    stored, or what the service itself sets (who saved, reviewed or corrected it, and
    when), so only these are checked one by one (each foreign key's check is a query: the
    article, the speaker and the user were three of a review save's ten); clean()'s rules,
    which span fields, run too, but for the span's own when the change leaves the words,
    their place and their article alone (they read the article's text). Without it every
    field and rule is checked."""
    claim.updated_by = user
    claim._history_user = user
    unchanged = None
    if changed is not None:
        changed = set(changed)
        unchanged = [
            f.name for f in claim._meta.concrete_fields if not {f.name, f.attname} & changed
        ]
    span_as_stored = unchanged is not None and set(unchanged) >= Claim.SPAN_FIELDS
    claim.full_clean(exclude=unchanged, span_as_stored=span_as_stored)
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
        check_status_move(claim.status, changes.get("status", claim.status))
        ruling = _ruling_changes(claim, changes)
        if claim.is_published and ruling and not correction:
            raise ValidationError({"correction": NEEDS_CORRECTION})
        if any(name == "rating" for name, _, _ in ruling):
            claim.reviewed_by = user
        for name, value in changes.items():
            setattr(claim, name, value)
        if claim.is_published and ruling:
            claim.corrected_at = timezone.now()
        save_claim(claim, user, changed=changes)
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
        # Not the articles: a bulk change (a status, an assignee) leaves the span alone, and
        # a join would read their text and, on PostgreSQL, lock their rows too.
        for claim in Claim.objects.select_for_update().filter(pk__in=[c.pk for c in claims]):
            if all(getattr(claim, name) == value for name, value in changes.items()):
                continue
            try:
                check_status_move(claim.status, changes.get("status", claim.status))
                for name, value in changes.items():
                    setattr(claim, name, value)
                with transaction.atomic():
                    save_claim(claim, user, changed=changes)
            except ValidationError as exc:
                result.refused[claim] = "; ".join(exc.messages)
            else:
                result.changed.append(claim)
    return result


def save_edited_claim(claim, user, expected_version):
    """Save an edited copy of a stored claim (the admin's form) under the same lock and
    version check as ``update_claim``: a copy made from an older version is refused."""
    with locked_claim(claim.pk, expected_version) as stored:
        check_status_move(stored.status, claim.status)
        claim.version = stored.version
        reworded = claim.text != stored.text
        save_claim(claim, user)
        if reworded:
            suggest_duplicates([claim])
    return claim


def resolve_speaker(name, kind=Speaker.Kind.PERSON, aliases=(), **details):
    """The speaker known by ``name`` or one of ``aliases`` (any case), or a new one.

    Returns (speaker, created). Aliases nobody owns are recorded for the speaker; an alias
    that belongs to another speaker is refused with ValidationError. Two editors or imports
    creating the same new speaker at once both get the one that was saved first. The one
    path for finding speakers by name: import, seed, annotations, desk and admin entry.
    """
    name = " ".join(name.split())[:200]
    speaker = next(
        filter(None, (Speaker.objects.by_alias(n.strip()) for n in (name, *aliases))), None
    )
    created = speaker is None
    if created:
        speaker = Speaker(name=name, kind=kind or Speaker.Kind.PERSON, **details)
        speaker.full_clean()
        try:
            with transaction.atomic():  # a savepoint: losing the race keeps the import going
                speaker.save()
        except IntegrityError:
            speaker, created = Speaker.objects.by_alias(name), False
            if speaker is None:
                raise
    for alias in aliases:
        owner = Speaker.objects.by_alias(alias)
        if owner is None:
            new_alias = SpeakerAlias(speaker=speaker, name=alias)
            new_alias.full_clean()
            new_alias.save()
        elif owner != speaker:
            raise ValidationError(f"Alias {alias!r} of {name!r} already belongs to {owner}.")
    return speaker, created


def create_claim(claim, user, speaker_name=None, relayed_by_name=None):
    """Record a claim an editor entered (desk or admin) and look for repeats of it.

    ``speaker_name`` and ``relayed_by_name``, when given, are resolved (or recorded) as
    speakers in the same transaction.
    """
    with transaction.atomic():
        if speaker_name:
            claim.speaker, _ = resolve_speaker(speaker_name)
        if relayed_by_name:
            claim.relayed_by, _ = resolve_speaker(relayed_by_name)
        claim.created_by = user
        save_claim(claim, user)
        suggest_duplicates([claim])
    return claim


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


def _save_as(record, user):
    record._history_user = user
    record.full_clean()
    record.save()
    return record


def add_relation(from_claim, to_claim, kind, user):
    """Record that ``from_claim`` denies / disputes / confirms / repeats ``to_claim``."""
    return save_relation(ClaimRelation(from_claim=from_claim, to_claim=to_claim, kind=kind), user)


def save_relation(relation, user):
    """Add or correct a relation (the admin's inline edits both); the history records who
    did it, and a new one who made it."""
    if not relation.pk:
        relation.created_by = relation.created_by or user
    return _save_as(relation, user)


def _delete_as(record, user):
    record._history_user = user  # the history's deletion entry names who did it
    record.delete()


def remove_relation(relation, user):
    _delete_as(relation, user)


def save_evidence(evidence, user):
    """Add or correct a piece of evidence; the history records who did it."""
    if not evidence.pk:
        evidence.added_by = user
    return _save_as(evidence, user)


def delete_evidence(evidence, user):
    _delete_as(evidence, user)


def merge_speakers(keep, other, user):
    """Fold ``other`` into ``keep``: its claims, relays and aliases move, its name becomes
    an alias of ``keep``, and ``other`` is deleted. One history entry per moved claim; the
    history of ``other`` itself stays readable under its own id."""
    if keep.pk == other.pk:
        raise ValidationError("Choose two different speakers to merge.")
    with transaction.atomic():
        keep = Speaker.objects.select_for_update().get(pk=keep.pk)
        other = Speaker.objects.select_for_update().get(pk=other.pk)
        claims = Claim.objects.select_for_update().filter(
            models.Q(speaker=other) | models.Q(relayed_by=other)
        )
        moved = 0
        for claim in claims.select_related("source"):
            if claim.speaker_id == other.pk:
                claim.speaker = keep
            if claim.relayed_by_id == other.pk:
                claim.relayed_by = keep
            if claim.relayed_by_id == claim.speaker_id:
                claim.relayed_by = None  # "X relayed by X" after the merge says nothing
            save_claim(claim, user)
            moved += 1
        names = [alias.name for alias in other.aliases.all()] + [other.name]
        for alias in other.aliases.all():
            alias._history_user = user
            alias.delete()
        other._history_user = user
        other.delete()
        for name in names:
            if not keep.aliases.filter(name__iexact=name).exists() and (
                name.lower() != keep.name.lower()
            ):
                _save_as(SpeakerAlias(speaker=keep, name=name), user)
    return moved
