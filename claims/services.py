"""Every write that touches more than one row, each in one transaction.

Views, admin actions and management commands call these; none writes claims on its own,
so the version check, validation and history attribution live here once.
"""

from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from .extraction import extract, known_aliases
from .extraction.annotations import AnnotationError
from .models import Claim, ClaimRelation, DuplicateSuggestion, Source, Speaker, SpeakerAlias
from .similarity import MIN_SHARED_WORDS, fingerprint, similarity


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
        _save_claim(claim, user)
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
                    _save_claim(claim, user)
            except ValidationError as exc:
                result.refused[claim] = "; ".join(exc.messages)
            else:
                result.changed.append(claim)
    return result


def _new_claim(source, item, speaker, relayed_by, user, **fields):
    """An unsaved claim from an annotation note or an import proposal (same attribute names)."""
    return Claim(
        source=source,
        text=item.text,
        span_start=item.start,
        span_end=item.end,
        speaker=speaker,
        relayed_by=relayed_by,
        kind=item.kind,
        cue=item.cue[:80],
        created_by=user,
        updated_by=user,
        **fields,
    )


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
    claims, new_claims = {}, []
    for note in notes.claims:
        speaker = speakers[note.speaker]
        claim = existing.get((note.start, note.end, speaker.pk))
        if claim is None:
            relayed_by = speakers[note.relayed_by] if note.relayed_by else None
            claim = _new_claim(source, note, speaker, relayed_by, user)
            _save_claim(claim, user)
            result.claims_created += 1
            new_claims.append(claim)
        claims[note.id] = claim

    for rel in notes.relations:
        _, created = ClaimRelation.objects.get_or_create(
            from_claim=claims[rel.from_id],
            to_claim=claims[rel.to_id],
            kind=rel.kind,
            defaults={"created_by": user},
        )
        result.relations_created += created
    suggest_duplicates(new_claims)
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
    *,
    title,
    body,
    proposals,
    user=None,
    url=None,
    publisher="",
    published_on=None,
    language="en",
    suggest=True,
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
        relayed_by = speaker(proposal.relayed_by, "organisation") if proposal.relayed_by else None
        claim = _new_claim(
            source,
            proposal,
            speaker(proposal.speaker, proposal.speaker_kind),
            relayed_by,
            user,
            machine_proposed=True,
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
    if suggest:  # a batch import looks for repeats once, for all its articles
        suggest_duplicates(claims)
    return source


def publish(claim_id, user, expected_version):
    """Publish a Reviewed claim: it gets its public page and ClaimReview markup."""
    with locked_claim(claim_id, expected_version) as claim:
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
    with locked_claim(claim_id, expected_version) as claim:
        if claim.status != Claim.Status.PUBLISHED:
            raise ValidationError("This claim is not published.")
        claim.status = Claim.Status.REVIEWED
        claim.published_at = None
        _save_claim(claim, user)
    return claim


# Suggest a repeat from this similarity up (see claims/similarity.py for the scale).
SUGGEST_AT = 75
MAX_SUGGESTIONS = 5
# Only this many of the claims sharing the most words with a statement are scored.
CANDIDATES = 200


def suggest_duplicates(claims):
    """Record, for each of ``claims``, claims in other articles saying nearly the same.

    Each pair is recorded once, the newer claim pointing at the older; a pair already
    recorded (suggested, confirmed or dismissed) is never suggested again.
    Reads every claim's words once (one query) and narrows the candidates with an index of
    shared words before scoring, so a batch costs one pass over the table.
    """
    claims = list(claims)
    if not claims:
        return 0
    pool = {
        pk: (source, fingerprint(text))
        for pk, source, text in Claim.objects.values_list("pk", "source_id", "text")
    }
    index = defaultdict(set)
    for pk, (_, words) in pool.items():
        for word in set(words.split()):
            index[word].add(pk)
    ids = [c.pk for c in claims]
    known = set(
        DuplicateSuggestion.objects.filter(Q(claim__in=ids) | Q(original__in=ids)).values_list(
            "claim_id", "original_id"
        )
    )
    new = []
    for claim in claims:
        source, words = pool.get(claim.pk, (claim.source_id, fingerprint(claim.text)))
        shared = Counter(pk for word in set(words.split()) for pk in index.get(word, ()))
        scored = []
        for pk, count in shared.most_common(CANDIDATES):
            pair = (max(pk, claim.pk), min(pk, claim.pk))
            if count < MIN_SHARED_WORDS or pk == claim.pk or pool[pk][0] == source or pair in known:
                continue
            score = similarity(words, pool[pk][1])
            if score >= SUGGEST_AT:
                scored.append((score, pair))
        for score, (newer, older) in sorted(scored, reverse=True)[:MAX_SUGGESTIONS]:
            known.add((newer, older))
            new.append(DuplicateSuggestion(claim_id=newer, original_id=older, score=score))
    DuplicateSuggestion.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def decide_suggestion(suggestion_id, user, confirm):
    """Confirm a suggested repeat (a 'repeats' relation) or dismiss it for good."""
    with transaction.atomic():
        suggestion = DuplicateSuggestion.objects.select_for_update().get(pk=suggestion_id)
        if suggestion.state != DuplicateSuggestion.State.SUGGESTED:
            raise ValidationError("This suggestion was already decided.")
        suggestion.state = (
            DuplicateSuggestion.State.CONFIRMED if confirm else DuplicateSuggestion.State.DISMISSED
        )
        suggestion.decided_by, suggestion.decided_at = user, timezone.now()
        suggestion.save()
        if confirm:
            ClaimRelation.objects.get_or_create(
                from_claim_id=suggestion.claim_id,
                to_claim_id=suggestion.original_id,
                kind=ClaimRelation.Kind.REPEATS,
                defaults={"created_by": user},
            )
    return suggestion
