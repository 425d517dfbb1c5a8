"""Every write that touches more than one row, each in one transaction.

Views, admin actions and management commands call these; none writes claims on its own,
so the version check, validation and history attribution live here once.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from .annotations import AnnotationError
from .extraction import extract, known_aliases
from .models import Claim, ClaimRelation, Source, Speaker, SpeakerAlias


class EditConflict(Exception):
    """Someone saved the claim after the editor loaded it; ``current`` is what is stored now."""

    def __init__(self, current):
        super().__init__(f"Claim #{current.pk} was changed by someone else.")
        self.current = current


def _save_claim(claim, user):
    """Validate and save ``claim`` as ``user``; the history entry records them."""
    claim.updated_by = user
    claim._history_user = user
    claim.full_clean()
    claim.save()


def update_claim(claim_id, user, expected_version, **changes):
    """Apply ``changes`` to the claim if nobody saved it since ``expected_version``.

    Raises EditConflict (nothing written) when the stored version moved on, and
    ValidationError when the result would break a rule.
    """
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        if claim.version != expected_version:
            raise EditConflict(claim)
        for name, value in changes.items():
            setattr(claim, name, value)
        _save_claim(claim, user)
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
                    _save_claim(claim, user)
            except ValidationError as exc:
                result.refused[claim] = "; ".join(exc.messages)
            else:
                result.changed.append(claim)
    return result


@dataclass
class LoadResult:
    source: Source
    claims_created: int = 0
    speakers_created: int = 0
    relations_created: int = 0


def _speaker_for(note, user):
    """The existing speaker known by the note's name or an alias, or a new one."""
    speaker = None
    for name in (note.name, *note.aliases):
        speaker = Speaker.objects.by_alias(name)
        if speaker:
            break
    created = speaker is None
    if created:
        speaker = Speaker(
            name=note.name,
            kind=note.kind,
            role=note.role,
            affiliation=note.affiliation,
            same_as=note.same_as,
        )
        speaker.full_clean()
        speaker.save()
    for alias in note.aliases:
        owner = Speaker.objects.by_alias(alias)
        if owner is None:
            new_alias = SpeakerAlias(speaker=speaker, name=alias)
            new_alias.full_clean()
            new_alias.save()
        elif owner != speaker:
            raise AnnotationError(f"Alias {alias!r} of {note.name!r} already belongs to {owner}.")
    return speaker, created


@transaction.atomic
def load_annotations(notes, user=None):
    """Record an annotated article: its source, speakers, claims and relations.

    Idempotent: what already exists (the same source, a claim with the same span and
    speaker, the same relation) is kept as it is, so a second run writes nothing.
    All or nothing: any inconsistency raises and rolls the whole load back.
    """
    meta = notes.source
    lookup = {"url": meta["url"]} if meta.get("url") else {"title": meta["title"], "url": None}
    source = Source.objects.filter(**lookup).first()
    if source is None:
        source = Source(
            title=meta["title"],
            publisher=meta.get("publisher", ""),
            url=meta.get("url") or None,
            published_on=meta.get("published_on"),
            language=meta.get("language", "en"),
            body=notes.body,
            added_by=user,
        )
        source.full_clean()
        source._history_user = user
        source.save()
    elif source.body != notes.body:
        raise AnnotationError(
            f"A different article is already recorded as “{source}”: its text does not match."
        )
    result = LoadResult(source=source)

    speakers = {}
    for note in notes.speakers:
        speakers[note.name], created = _speaker_for(note, user)
        result.speakers_created += created

    existing = {(c.span_start, c.span_end, c.speaker_id): c for c in source.claims.all()}
    claims = {}
    for note in notes.claims:
        speaker = speakers[note.speaker]
        claim = existing.get((note.start, note.end, speaker.pk))
        if claim is None:
            claim = Claim(
                source=source,
                text=note.text,
                span_start=note.start,
                span_end=note.end,
                speaker=speaker,
                relayed_by=speakers[note.relayed_by] if note.relayed_by else None,
                kind=note.kind,
                cue=note.cue,
                created_by=user,
            )
            _save_claim(claim, user)
            result.claims_created += 1
        claims[note.id] = claim

    for rel in notes.relations:
        _, created = ClaimRelation.objects.get_or_create(
            from_claim=claims[rel.from_id],
            to_claim=claims[rel.to_id],
            kind=rel.kind,
            defaults={"created_by": user},
        )
        result.relations_created += created
    return result


def speaker_registry():
    """{normalised name or alias: speaker name} for every recorded speaker, in two queries."""
    aliases = {}
    for alias in SpeakerAlias.objects.select_related("speaker").only("name", "speaker__name"):
        aliases.setdefault(alias.speaker.name, []).append(alias.name)
    names = Speaker.objects.values_list("name", flat=True)
    return known_aliases((name, aliases.get(name, [])) for name in names)


def propose_claims(text, registry=None):
    """The extractor's candidates for ``text``, with speakers resolved against the records."""
    return extract(text, speaker_registry() if registry is None else registry)


@transaction.atomic
def import_article(
    *, title, body, proposals, user=None, url=None, publisher="", published_on=None, language="en"
):
    """Record an article and the proposed claims the editor kept, all or nothing.

    ``proposals`` are extraction candidates (possibly corrected by the editor). Speakers are
    matched by name or alias and created when new; every claim is marked machine-proposed.
    Raises ValidationError (nothing written) for a bad source, span or speaker.
    """
    source = Source(
        title=title,
        body=body,
        url=url or None,
        publisher=publisher,
        published_on=published_on,
        language=language,
        added_by=user,
    )
    source.full_clean()
    source._history_user = user
    source.save()
    speakers = {}

    def speaker(name, kind):
        key = name.strip().lower()
        if key not in speakers:
            found = Speaker.objects.by_alias(name.strip())
            if found is None:
                found = Speaker(name=name.strip()[:200], kind=kind)
                found.full_clean()
                found.save()
            speakers[key] = found
        return speakers[key]

    claims = []
    for proposal in proposals:
        claim = Claim(
            source=source,
            text=proposal.text,
            span_start=proposal.start,
            span_end=proposal.end,
            speaker=speaker(proposal.speaker, proposal.speaker_kind),
            relayed_by=speaker(proposal.relayed_by, "organisation")
            if proposal.relayed_by
            else None,
            kind=proposal.kind,
            cue=proposal.cue[:80],
            machine_proposed=True,
            created_by=user,
            updated_by=user,
        )
        # clean() checks each span against the body here; the status and verdict rules
        # cannot fail for a New claim and stay enforced by the database, so the three
        # constraint queries per claim that full validation would add are skipped.
        claim.full_clean(validate_constraints=False)
        claims.append(claim)
    # One INSERT for the claims and one for their history rows, not two per claim.
    claims = bulk_create_with_history(claims, Claim, default_user=user)
    for proposal, claim in zip(proposals, claims, strict=True):
        answered = proposal.answers
        if proposal.relation and answered is not None and 0 <= answered < len(claims):
            ClaimRelation.objects.create(
                from_claim=claim, to_claim=claims[answered], kind=proposal.relation, created_by=user
            )
    return source


def publish(claim_id, user, expected_version):
    """Publish a Reviewed claim: it gets its public page and ClaimReview markup."""
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        if claim.version != expected_version:
            raise EditConflict(claim)
        if claim.status != Claim.Status.REVIEWED:
            raise ValidationError("Only a Reviewed claim, with its verdict, can be published.")
        now = timezone.now()
        claim.status = Claim.Status.PUBLISHED
        claim.published_at = now
        claim.first_published_at = claim.first_published_at or now
        _save_claim(claim, user)
    return claim


def unpublish(claim_id, user, expected_version):
    """Take a fact-check down: its public page answers 410 Gone; the verdict stays."""
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        if claim.version != expected_version:
            raise EditConflict(claim)
        if claim.status != Claim.Status.PUBLISHED:
            raise ValidationError("This claim is not published.")
        claim.status = Claim.Status.REVIEWED
        claim.published_at = None
        _save_claim(claim, user)
    return claim
