"""Attribution cues: find "said", "according to", "accused", "denied", "quoted", and
participles after a comma ("…, ruling that"), outside quotations, skipping negated and
question uses ("did not say", "said why")."""

import re

from .candidate import Cue
from .lexicon import (
    ACCUSE_VERBS,
    DENY_VERBS,
    IF_CUES,
    NAMING_VERBS,
    NEGATIONS,
    PARTICIPLE_CUES,
    PROGRESSIVE,
    QUESTION_WORDS,
    SAY_VERBS,
)

MASK = "\x00"  # stands in for every character inside a quotation
CUE_WORDS = (
    SAY_VERBS
    | ACCUSE_VERBS
    | set(DENY_VERBS)
    | PARTICIPLE_CUES
    | NAMING_VERBS
    | {"according", "quoted"}
)
WORD = re.compile(r"[A-Za-z]+")
COMMA_BEFORE = re.compile(r",\s*(?:(?:even|also|then|again|later|\w+ly)\s+)?$")
PARTICIPLE_LEAD = re.compile(
    r"(?:\s[—–-]|\b(?:before|after|while|by|without|statement|letter|e-?mail|tweet|message|"
    r"video|post|release|comment|note|op-ed|interview))\s*$"
)
AFTER_QUOTE = re.compile(r"[”\"’'\x00],?\s+(?:[\w.’'-]+\s+){0,4}$")
# Cue words that are also plural nouns ("the claims", "news reports").
NOUN_LIKE_CUES = {"claims", "reports", "notes", "estimates", "shows", "finds", "fears", "vows"}


def find_cues(m, start, end):
    """Attribution cues in m[start:end] (``m`` is the text with quotations masked), in order."""
    # Long because it is one flat list of independent vetoes (negation, question word,
    # infinitive, noun use, …), each a line or two; split up they would only pass ``m`` around.
    for match in WORD.finditer(m, start, end):
        word = match.group().lower()
        if word not in CUE_WORDS:
            continue
        if match.start() and m[match.start() - 1] == "-":
            continue  # "so-called", "long-said": part of a word
        after = m[match.end() : match.end() + 40].split()
        if word == "according" and after[:1] == ["to"]:
            yield Cue("according to", match.start(), m.index("to", match.end()) + 2)
            continue
        if word in PARTICIPLE_CUES:
            # "…, ruling that", "…, even suggesting he may have been sabotaged"
            comma = COMMA_BEFORE.search(m, max(start, match.start() - 20), match.start())
            progressive = PROGRESSIVE.search(m, max(start, match.start() - 40), match.start())
            # "… — saying the campaign chose not to", "before adding that", "issued a
            # statement saying": the subject's words as surely as after a comma.
            led = PARTICIPLE_LEAD.search(m, max(start, match.start() - 30), match.start())
            if not comma and not progressive and not led:
                continue  # "…, ruling that …", "is saying that"; "the ruling party" is no cue
        elif word == "quoted" or word in ACCUSE_VERBS or word in DENY_VERBS:
            pass
        elif word in NAMING_VERBS:
            pass  # read only with a quotation after it (Shapes._naming)
        elif word not in SAY_VERBS:
            continue
        before = m[max(start, match.start() - 30) : match.start()].lower()
        if any(before.rstrip().endswith(neg) for neg in NEGATIONS):
            continue
        if word != "according" and re.search(r"\bto\s*$", before):
            continue  # "wants to say", "asked police to tell": not said yet
        if word in {"state", "states", "stated"} and after[:1] != ["that"]:
            continue  # "the United States", "secretary of state"
        if match.group()[0].isupper() and word not in {"according", "says", "said"}:
            continue  # "Reports", "Finds" in a headline or a name: not a cue
        first_after = re.sub(r"\W", "", after[0].lower()) if after else ""
        if word in NOUN_LIKE_CUES and first_after in {
            "as",
            "of",
            "by",
            "from",
            "about",
            "were",
            "are",
        }:
            continue  # "cites many claims as inaccurate": a noun, not a verb
        asked = first_after == "when" and re.sub(r"\W", "", "".join(after[1:2])).lower() in {
            "asked",
            "questioned",
            "pressed",
        }  # "“Absolutely,” he said when asked …": the answer is the statement
        # "“Really,” she added when the interviewer …": after a quotation, "when" is the time.
        after_quote = first_after == "when" and AFTER_QUOTE.search(
            m, max(start, match.start() - 60), match.start()
        )
        if first_after in QUESTION_WORDS and not (
            (first_after == "if" and word in IF_CUES) or asked or after_quote
        ):
            continue
        if word in {"told", "tells", "agreed", "agrees", "agree"} and after[:1] == ["to"]:
            continue  # "asked police to tell", "agreed to hold votes": no statement
        if word.endswith("ed") and first_after == "by" and word != "quoted":
            continue  # "a fact later confirmed by the department": passive, no speaker here
        if word in {"show", "shows", "showed", "found", "finds"} and not re.search(
            r"\b(?:stud(?:y|ies)|reports?|surveys?|data|analys[ie]s|images|video|footage|"
            r"minutes|polls?|polling|research(?:ers)?|authors|scientists|experts|records|"
            r"figures|documents|review|audit|inquiry|investigation|results|estimates|tally|"
            r"count|returns|numbers)\b|[A-Z]\w+\s*$",
            m[max(start, match.start() - 80) : match.start()],
        ):
            continue  # "the meeting shows how": an argument, not an attribution
        yield Cue(word, match.start(), match.end())
