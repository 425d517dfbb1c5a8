"""Articles in: propose claims with the extractor, then record an article and its claims.

Two ways in share one path: an annotated article (the seed, gold files) and an extracted one
(the browser import, `import_article`). Both find speakers with ``resolve_speaker`` and build
claims with ``new_claim``, so a name or alias that is recorded is never created twice.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from claims.duplicates import suggest_duplicates
from claims.extraction import extract, known_aliases
from claims.extraction.annotations import AnnotationError
from claims.models import Claim, ClaimRelation, Source, Speaker, SpeakerAlias
from claims.services import add_relation, resolve_speaker, save_claim


def date_claimed(dateline, published_on):
    """When a statement was made: the dateline's date ("YYYY-MM-DD", or "--MM-DD" with the
    article's year), else the article's own date, else unknown."""
    if dateline:
        try:
            if dateline.startswith("--"):
                if published_on is None:
                    return None
                month, day = map(int, dateline[2:].split("-"))
                found = datetime.date(published_on.year, month, day)
                # A dateline after the article's date is from the year before ("Dec. 30" in
                # a piece dated January 2).
                return found if found <= published_on else found.replace(year=found.year - 1)
            return datetime.date.fromisoformat(dateline)
        except ValueError:
            pass
    return published_on


def new_claim(source, item, speaker, relayed_by, user, **fields):
    """An unsaved claim from an annotation note or an extraction candidate.

    Both carry ``text``, ``start``, ``end``, ``kind`` and ``cue`` under the same names.
    """
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
        speakers[note.name], created = resolve_speaker(
            note.name,
            note.kind,
            note.aliases,
            role=note.role,
            affiliation=note.affiliation,
            same_as=note.same_as,
        )
        result.speakers_created += created

    existing = {(c.span_start, c.span_end, c.speaker_id): c for c in source.claims.all()}
    claims, new_claims = {}, []
    for note in notes.claims:
        speaker = speakers[note.speaker]
        claim = existing.get((note.start, note.end, speaker.pk))
        if claim is None:
            relayed_by = speakers[note.relayed_by] if note.relayed_by else None
            claim = new_claim(source, note, speaker, relayed_by, user)
            save_claim(claim, user)
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
    resolved by name or alias and created when new; every claim is marked machine-proposed.
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
            speakers[key], _ = resolve_speaker(name, kind)
        return speakers[key]

    claims = []
    for proposal in proposals:
        relayed_by = (
            speaker(proposal.relayed_by, Speaker.Kind.ORGANISATION) if proposal.relayed_by else None
        )
        claim = new_claim(
            source,
            proposal,
            speaker(proposal.speaker, proposal.speaker_kind),
            relayed_by,
            user,
            machine_proposed=True,
            claimed_on=date_claimed(proposal.claimed_on, source.published_on),
        )
        # clean() checks each span against the body here.
        claim.full_clean()
        claims.append(claim)
    # One INSERT for the claims and one for their history rows, not two per claim.
    claims = bulk_create_with_history(claims, Claim, default_user=user)
    for proposal, claim in zip(proposals, claims, strict=True):
        answered = proposal.answers
        if proposal.relation and answered is not None and 0 <= answered < len(claims):
            add_relation(claim, claims[answered], proposal.relation, user)
    if suggest:  # a batch import looks for repeats once, for all its articles
        suggest_duplicates(claims)
    return source
