"""Repeats: claims in other articles that say nearly the same as a new one.

Three steps: similarity (statements are reduced to their content words (lower case, no
punctuation, no function words, crude suffix stripping), then compared by a blend of the
words they share (order-free) and their order; scores run 0–100), candidates (the claims
sharing the most content words, found through an index) and decisions (an editor confirms a
suggestion as a "repeats" relation or dismisses it for good).
"""

import hashlib
import re
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from rapidfuzz import fuzz

from .models import Claim, ClaimRelation, ClaimWord, DuplicateSuggestion

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


# A newsroom's vocabulary is bounded and each statement is compared with up to CANDIDATES
# others, so the same words are stemmed again and again: each is stemmed once per process.
@lru_cache(maxsize=1 << 16)
def _stem(word):
    for suffix in SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text):
    """The statement's content words, stemmed, in order."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return [_stem(w) for w in words if w not in STOPWORDS and len(w) > 1]


# The candidates of a newsroom's saves and imports are mostly its latest claims (each word's
# newest postings are read), so the same statements are scored again and again: a batch
# import of 1,000 claims fingerprinted 200,000 statements, most of them many times over.
@lru_cache(maxsize=1 << 13)
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


# Of each word, only the claims listed most recently are read (PostgreSQL): a word so
# common that it heads more lists than this says little about a repeat on its own.
MAX_POSTINGS = 500


def word_key(word):
    """A stable signed 64-bit number for ``word`` (Python's hash() changes per process)."""
    return int.from_bytes(
        hashlib.blake2b(word.encode(), digest_size=8).digest(), "big", signed=True
    )


def word_keys(text):
    return sorted({word_key(w) for w in content_words(text)})


# Claims recorded without going through here (a script's bulk_create, a test helper) are
# listed by the next call, this many at a time, so the cost of a call stays bounded.
CATCH_UP = 5000


def _unlisted():
    """Claims newer than the newest one listed in ClaimWord."""
    last = ClaimWord.objects.order_by("-claim_id").values("claim_id")[:1]
    return list(
        Claim.objects.filter(pk__gt=Coalesce(Subquery(last), 0))  # one query, not two
        .order_by("pk")
        .only("pk", "text")[:CATCH_UP]
    )


def index_words(claims):
    """(Re)list the content words of ``claims`` in ClaimWord, in two queries."""
    ClaimWord.objects.filter(claim__in=[c.pk for c in claims]).delete()
    ClaimWord.objects.bulk_create(
        [ClaimWord(claim_id=c.pk, word=key) for c in claims for key in word_keys(c.text)],
        batch_size=5000,
    )


def _candidates(claim, keys):
    """[(claim id, statement)] of the claims in other articles sharing most words with
    ``claim``, most first: one query on PostgreSQL, the postings and the claims together.
    The claim's own article is left out before the CANDIDATES are chosen, so that a long
    article's claims, which share its words, cannot take every place. Only PostgreSQL
    caps each word's postings (MAX_POSTINGS); SQLite, on a newsroom's embedded scale,
    reads them all, so on a large table the two may choose differently."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.id, c.text FROM (
                    SELECT p.claim_id, COUNT(*) AS n FROM unnest(%s::bigint[]) AS w(key)
                    CROSS JOIN LATERAL (
                        SELECT claim_id FROM claims_claimword
                        WHERE word = w.key
                        ORDER BY claim_id DESC LIMIT %s
                    ) AS p
                    WHERE p.claim_id NOT IN (SELECT id FROM claims_claim WHERE source_id = %s)
                    GROUP BY p.claim_id HAVING COUNT(*) >= %s
                    ORDER BY n DESC, p.claim_id DESC LIMIT %s
                ) AS shared JOIN claims_claim AS c ON c.id = shared.claim_id
                ORDER BY shared.n DESC, shared.claim_id DESC
                """,
                [keys, MAX_POSTINGS, claim.source_id, MIN_SHARED_WORDS, CANDIDATES],
            )
            return cursor.fetchall()
    shared = list(
        ClaimWord.objects.filter(word__in=keys)
        .exclude(claim__source_id=claim.source_id)
        .values("claim_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=MIN_SHARED_WORDS)
        .order_by("-n", "-claim_id")
        .values_list("claim_id", flat=True)[:CANDIDATES]
    )
    found = dict(Claim.objects.filter(pk__in=shared).values_list("pk", "text"))
    return [(pk, found[pk]) for pk in shared if pk in found]


def suggest_duplicates(claims):
    """Record, for each of ``claims``, claims in other articles saying nearly the same.

    Each pair is recorded once, the newer claim pointing at the older; a pair already
    recorded (suggested, confirmed or dismissed) is never suggested again.
    The claims' words are listed in ClaimWord first; candidates are the claims sharing the
    most words with each one, read through that index, and only they are scored: the cost
    of a claim does not grow with the number of claims recorded.
    """
    claims = list(claims)
    if not claims:
        return 0
    ids = [c.pk for c in claims]
    index_words([c for c in _unlisted() if c.pk not in set(ids)] + claims)
    known = set(
        DuplicateSuggestion.objects.filter(Q(claim__in=ids) | Q(original__in=ids)).values_list(
            "claim_id", "original_id"
        )
    )
    new = []
    for claim in claims:
        words = fingerprint(claim.text)
        scored = []
        for pk, text in _candidates(claim, word_keys(claim.text)):
            pair = (max(pk, claim.pk), min(pk, claim.pk))
            if pair in known:
                continue
            score = similarity(words, fingerprint(text))
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
