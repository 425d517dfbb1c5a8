"""Repeats: claims in other articles that say nearly the same as a new one.

Three steps: similarity (statements are reduced to their content words (lower case, no
punctuation, no function words, crude suffix stripping), then compared by a blend of the
words they share (order-free) and their order; scores run 0–100), candidates (the claims
sharing the most content words, found through an index) and decisions (an editor confirms a
suggestion as a "repeats" relation or dismisses it for good).
"""

import re
from collections import Counter, defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from rapidfuzz import fuzz

from .models import Claim, ClaimRelation, DuplicateSuggestion

# Words that carry no content of their own (a string split, for readability).
STOPWORDS = frozenset(
    """
    a an the and or but of to in on at by for with from as is are was were be been being has
    have had do does did that this these those it its their his her they he she we our will
    would could should may might can not no than then there here such also into about over
    after before more most very just only all any some which who whom whose what
    """.split()  # noqa: SIM905
)
SUFFIXES = ("ingly", "edly", "ing", "ied", "ies", "ed", "es", "s", "ly")
MIN_SHARED_WORDS = 3


def _stem(word):
    for suffix in SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text):
    """The statement's content words, stemmed, in order."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return [_stem(w) for w in words if w not in STOPWORDS and len(w) > 1]


def fingerprint(text):
    return " ".join(content_words(text))


def similarity(a, b):
    """0–100: how nearly fingerprints ``a`` and ``b`` say the same thing."""
    shared = set(a.split()) & set(b.split())
    if len(shared) < MIN_SHARED_WORDS:
        return 0
    return round(0.5 * fuzz.token_set_ratio(a, b) + 0.5 * fuzz.token_sort_ratio(a, b))


# Suggest a repeat from this similarity up (the scale of similarity() above).
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
