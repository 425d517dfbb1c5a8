"""How alike two statements are, for suggesting that a claim repeats an earlier one.

Pure Python over rapidfuzz: statements are reduced to their content words (lower case, no
punctuation, no function words, crude suffix stripping), then compared by a blend of the
words they share (order-free) and their order. Scores run 0–100.
"""

import re

from rapidfuzz import fuzz

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
