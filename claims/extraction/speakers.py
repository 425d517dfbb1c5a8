"""Speaker phrases: find them beside a cue, name them, and resolve later mentions."""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import (
    ADJECTIVES,
    DETERMINERS,
    DOCUMENT_NOUNS,
    FUNCTION_WORDS,
    GOVERNMENT_BODY_WORDS,
    GOVERNMENT_WORDS,
    HONORIFICS,
    MEDIA_WORDS,
    NOT_MODIFIERS,
    ORG_HEADS,
    PREPOSITIONS,
    PRONOUNS,
    SPEAKER_NOUNS,
    TITLE_WORDS,
)
from .segment import ABBREVIATIONS

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_][\w’'\-.]*[\w’']|[^\W_]")
PARTICLES = {"de", "van", "von", "der", "den", "al", "bin", "da", "du", "del", "di", "la", "le"}
APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


@lru_cache(maxsize=8192)
def normalise(name):
    """Comparable form of a name: straight apostrophes, no possessive, lower case, no 'the'."""
    name = name.translate(APOSTROPHES).strip(" ,.;:")
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
    name = re.sub(r"'s\b", "", name)
    return re.sub(r"\s+", " ", name).lower()


def tokens(text):
    return TOKEN.findall(text)


@lru_cache(maxsize=8192)
def _bare(token):
    return re.sub(r"['’]s$|['’]$", "", token)


def _is_group_noun(word):
    word = _bare(word).lower()
    singular = (
        word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word
    )
    return (
        word in SPEAKER_NOUNS
        or singular in SPEAKER_NOUNS
        or word in DOCUMENT_NOUNS
        or (len(word) > 5 and word.endswith(("ists", "ians", "ers", "ors")))
        or (len(word) > 7 and word.endswith("atives"))  # conservatives, representatives
    )


def _is_name_token(token):
    bare = _bare(token)
    return bool(bare) and bare[0].isupper() and bare not in FUNCTION_WORDS


@dataclass
class Mention:
    """A speaker phrase as written, with what it names."""

    written: str
    start: int
    end: int
    name: str = ""
    role: str = ""
    kind: str = "person"  # person, org, group, role, pronoun, document
    weak: bool = False  # read from a phrase that is no speaker as a whole

    def __post_init__(self):
        if not self.name:
            self.name, self.role, self.kind = describe(self.written)


def valid_phrase(phrase):
    """Whether ``phrase`` can be a speaker: a name, a role or group noun, or a pronoun."""
    words = tokens(phrase)
    if not words or len(words) > 12:
        return False
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return True
    if (
        len(words) == 2
        and words[0].lower() in {"the", "a", "an"}
        and words[1].isalpha()
        and words[1].islower()
    ):
        return True  # "the club said": a determiner and a noun right before the verb
    seen_preposition = False
    has_head = False
    for i, word in enumerate(words):
        low = _bare(word).lower()
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if _is_name_token(word) or _is_group_noun(word):
            has_head = True
            continue
        if low in PREPOSITIONS:
            seen_preposition = True
            continue
        if low in DETERMINERS or low in PARTICLES or low == "and" or low in ADJECTIVES:
            continue
        if seen_preposition:  # "farmers in the delta", "Hughes of the county police"
            continue
        if low.endswith("ed") and i and _bare(words[i - 1]).lower() in DOCUMENT_NOUNS:
            seen_preposition = True  # "a poll published on Monday by the Ridgeway Institute"
            continue
        if nxt and (_is_group_noun(nxt) or low.endswith("-based")):  # "fire service"
            continue
        if _modifier(word) and any(_is_name_token(w) or _is_group_noun(w) for w in words[i + 1 :]):
            continue  # "GOP presidential candidate Ben Carson", "55 percent"
        return False
    return has_head


def _modifier(word):
    """A lower-case word that can stand before a speaker's head: an adjective or a number,
    not a verb, adverb, pronoun or conjunction."""
    low = word.lower()
    if low.isdigit():
        return True
    return (
        re.fullmatch(r"[a-z][a-z-]*", low) is not None
        and low not in NOT_MODIFIERS
        and not low.endswith(("ly", "ing"))
        and (not low.endswith("ed") or "-" in low)  # "teary-eyed", not "said"
    )


def _name_runs(words):
    """Runs of name tokens (not titles), with the index where each starts."""
    runs, current, begun = [], [], 0
    for i, word in enumerate(words):
        bare = _bare(word)
        nxt = words[i + 1] if i + 1 < len(words) else ""
        after = words[i + 2] if i + 2 < len(words) else ""
        # "Ursula von der Leyen": a particle, or two, between parts of one name
        named_next = _is_name_token(nxt) or (nxt.lower() in PARTICLES and _is_name_token(after))
        if word.lower() in PARTICLES and current and nxt and named_next:
            current.append(word)
            continue
        if (
            bare in TITLE_WORDS
            or bare in HONORIFICS
            or bare in ORG_HEADS
            or not _is_name_token(word)
        ):
            if current:
                runs.append((begun, current))
            current = []
            continue
        if not current:
            begun = i
        current.append(bare)
    if current:
        runs.append((begun, current))
    return runs


def _person_name(words):
    """The last personal name in a phrase of titles and names, or ''."""
    runs = _name_runs(words)
    return " ".join(runs[-1][1]) if runs else ""


def _describe_document(words, lower):
    """A phrase that begins with a document noun: "a study by the National Institute for …"
    (its author speaks), or "a study published on Tuesday" (a document named elsewhere)."""
    for marker in ("by", "from"):
        if marker in lower:
            author = words[lower.index(marker) + 1 :]
            if author and author[0].lower() == "the":
                author = author[1:]
            if author:
                return " ".join(author), "", "org"
    return words[0], "", "document"


def _describe_affiliated(words, lower):
    """ "Rachel Hughes of the county police": a person, with their organisation;
    "analysts at Brightwater Securities": the organisation speaks through them. None when
    the phrase has no such "of/at/for/from" link."""
    for i, word in enumerate(lower):
        if word not in {"of", "at", "for", "from"} or i == 0:
            continue
        head, tail = words[:i], words[i + 1 :]
        if tail and tail[0].lower() == "the":
            tail = tail[1:]
        if (
            head[-1].islower()
            and _is_group_noun(head[-1])
            and tail
            and any(_bare(w) in ORG_HEADS for w in tail)
        ):
            return " ".join(tail), " ".join(head), "org"
        if _is_group_noun(head[-1]):
            return None
        if _is_name_token(head[-1]) and _bare(head[-1]) not in TITLE_WORDS | ORG_HEADS:
            name = _person_name(head)
            if name and not any(_bare(w) in ORG_HEADS for w in head):
                return name, " ".join(words[i + 1 :]), "person"
        return None
    return None


def _describe_named(words, lower, runs):
    """A phrase ending in a run of names: an acronym ("the agency KCNA") is an organisation,
    "Foreign Minister Lena Voss" a person with a title. None otherwise."""
    begun, run = runs[-1]
    ends_phrase = begun + len(run) == len(words)
    after_connector = begun > 0 and lower[begun - 1] in {"of", "for", "and"}
    acronym = len(run) == 1 and run[0].isupper() and len(run[0]) > 1
    if acronym and ends_phrase:
        return run[0], " ".join(words[:begun]), "org"
    if (
        ends_phrase
        and not after_connector
        and not any(w in ORG_HEADS for w in run)
        and (begun > 0 or len(run) >= 2)
    ):
        return " ".join(run), " ".join(words[:begun]), "person"
    return None


def _describe_body(words, runs):
    """What is left: an organisation, role or group by its head noun, else a name."""
    last = _bare(words[-1])
    phrase = " ".join(_bare(w) if i == len(words) - 1 else w for i, w in enumerate(words))
    if any(_bare(w) in ORG_HEADS or _is_group_noun(w) for w in words):
        if last.lower() in ROLE_NOUNS:
            return phrase, "", "role"
        plural_group = last.islower() and last.endswith("s") and last.lower() != "media"
        return phrase, "", "group" if plural_group else "org"
    if runs:
        return " ".join(runs[-1][1]), "", "person"
    return phrase, "", "group"


@lru_cache(maxsize=4096)
def describe(written):
    """(name, role, kind) of a speaker phrase; kind is person, org, group, role, pronoun
    or document. Each shape is tried in turn, most specific first."""
    text = re.sub(r"\([^)]*\)", " ", written)
    text = re.sub(r"\s+", " ", text).strip(" ,")
    words = tokens(text)
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return words[0].lower(), "", "pronoun"
    while words and (words[0].lower() in DETERMINERS or words[0] in {"And", "But", "So"}):
        words = words[1:]
    if not words:
        return "", "", "group"
    lower = [w.lower() for w in words]
    if lower[0] in DOCUMENT_NOUNS:
        return _describe_document(words, lower)
    if _bare(words[-1]).lower() in DOCUMENT_NOUNS and len(words) <= 3:
        return " ".join(words), "", "document"
    runs = _name_runs(words)
    return (
        _describe_affiliated(words, lower)
        or (_describe_named(words, lower, runs) if runs else None)
        or _describe_body(words, runs)
    )


GENERIC_HEADS = {
    "company",
    "firm",
    "group",
    "business",
    "carrier",
    "retailer",
    "lender",
    "club",
    "team",
    "side",
    "bank",
    "broadcaster",
    "newspaper",
}
ROLE_NOUNS = {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "leader",
    "lawyer",
    "judge",
    "director",
    "secretary",
    "chairman",
    "executive",
    "economist",
    "analyst",
    "specialist",
    "officer",
    "official",
    "mayor",
    "governor",
    "senator",
}


def split_coordination(phrase):
    """'Russian and North Korean officials' -> ['Russian officials', 'North Korean officials']."""
    match = re.fullmatch(
        r"\s*((?:[A-Z][\w’'-]*\s+)*?[A-Z][\w’'-]*)\s+and\s+((?:[A-Z][\w’'-]*\s+)*?[A-Z][\w’'-]*)"
        r"\s+([a-z][\w’'-]*(?:\s+[a-z][\w’'-]*)?)\s*",
        phrase,
    )
    if match and _is_group_noun(match.group(3).split()[-1]):
        head = match.group(3)
        return [f"{match.group(1)} {head}", f"{match.group(2)} {head}"]
    return [phrase]


SENTENCE_DOT = re.compile(r"(?<=[A-Za-z])\.\s+")


def _within_sentences(phrase, offset):
    """A run of capitalised words cut where a sentence ends inside it ("Paris. She" ->
    "Paris", "She"); the dot after an initial or an abbreviation ("Mr.", "J.") stays."""
    begin = 0
    for dot in SENTENCE_DOT.finditer(phrase):
        word = re.search(r"([A-Za-z]+)$", phrase[: dot.start()]).group(1)
        if len(word) == 1 or word.lower() in ABBREVIATIONS:
            continue
        yield offset + begin, phrase[begin : dot.start()]
        begin = dot.end()
    yield offset + begin, phrase[begin:]


@dataclass
class Registry:
    """Who has been named so far, to resolve 'Putin', 'the ministry' and 'she'.

    ``known`` maps a normalised alias to a canonical name (from the newsroom's speakers).
    """

    text: str
    known: dict = field(default_factory=dict)
    names: list = field(default_factory=list)  # (offset, full name, kind, titled)
    last_person: str = ""
    last_group: str = ""
    spoken: tuple = ()  # (offset, name) of the last person who spoke
    skip: list = field(default_factory=list)  # (start, end) of headlines etc., sorted

    def __post_init__(self):
        self._scan_names()
        # Every place a known person is named, in full or by one part of the name, so that
        # "she" can find the latest one by bisection.
        parts = {
            p for _, n, k, _ in self.names if k == "person" for p in (n.split()[0], n.split()[-1])
        }
        found = []
        if parts:
            pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(parts))) + r")\b")
            found = [(m.start(), m.group(1)) for m in pattern.finditer(self.text)]
        self._person_mentions = found
        self._person_offsets = [offset for offset, _ in found]
        self._index_names()

    def _index_names(self):
        """Look-up tables over ``names`` so that each resolution costs a bisection, not a
        pass over every name (extraction stays linear in the article's length)."""
        self._name_offsets = [offset for offset, _, _, _ in self.names]
        self._org_offsets = [o for o, _, k, _ in self.names if k == "org"]
        self._org_names = [n for _, n, k, _ in self.names if k == "org"]
        # word -> offsets, names and the running best (titled, length) for person names
        # whose first or last word it is; the best keeps the earliest of equal scores.
        by_part = {}
        for offset, full, kind, titled in self.names:
            parts = [normalise(p) for p in full.split()]
            if kind != "person" or len(parts) < 2:
                continue
            for part in {parts[0], parts[-1]}:
                entry = by_part.setdefault(part, ([], [], []))
                offsets, fulls, best = entry
                score = (titled, len(parts))
                if not best or score > best[-1][0]:
                    best.append((score, full))
                else:
                    best.append(best[-1])
                offsets.append(offset)
                fulls.append(full)
        self._by_part = by_part
        by_head = {}
        for offset, full in zip(self._org_offsets, self._org_names, strict=True):
            for word in set(normalise(full).split()):
                by_head.setdefault(word, ([], []))
                by_head[word][0].append(offset)
                by_head[word][1].append(full)
        self._org_by_head = by_head
        self._authors = {}

    def _scan_names(self):
        # Capitalised names, joined by "of", "for", "de"…: "Ministry of Water Resources",
        # "Russian President Vladimir Putin". Remembered so that a later "Putin" or "the
        # ministry" resolves; classified by the same rules as speaker phrases.
        name = r"[A-Z][\w’'\-.]*"
        pattern = re.compile(rf"\b{name}(?:\s+(?:(?:of|for|de|van|von|al|bin|the)\s+)*{name})*")
        skip_starts = [a for a, _ in self.skip]
        for match in pattern.finditer(self.text):
            inside = bisect_right(skip_starts, match.start()) - 1
            if inside >= 0 and match.start() < self.skip[inside][1]:
                continue  # a headline's "Obama Says Museum Will Tell" names nobody
            for offset, piece in _within_sentences(match.group(), match.start()):
                self._remember_name(offset, piece)

    def _remember_name(self, offset, phrase):
        words = tokens(phrase)
        while words and words[0] in FUNCTION_WORDS:
            words = words[1:]
        if not words:
            return
        found, role, kind = describe(" ".join(words))
        acronym = any(len(_bare(w)) > 1 and _bare(w).isupper() for w in words)
        if kind == "person" and len(found.split()) >= 2 and not acronym:
            self.names.append((offset, found, "person", bool(role)))
        elif kind == "org" or acronym or any(_bare(w) in ORG_HEADS for w in words):
            self.names.append((offset, " ".join(_bare(w) for w in words), "org", False))
        elif len(words) >= 2:
            self.names.append((offset, found, "person", False))

    def canonical(self, name):
        """The registry's name for ``name``, else ``name`` itself."""
        return self.known_name(name) or name

    def known_name(self, written):
        """The newsroom's name for a phrase that holds a known name or alias: the whole
        phrase, its tail after a possessive or title ("South Korea's Unification Ministry",
        "Vladimir Vladimirovich Putin" -> "Putin"), or a known acronym in it ("KCNA news
        agency"). None when no known speaker is named, so no second record is proposed."""
        if not self.known:
            return None
        key = normalise(written)
        if key in self.known:
            return self.known[key]
        words = key.split()
        raw = re.findall(r"[\w’'.-]+", written)
        for i in range(1, len(words)):
            tail = " ".join(words[i:])
            if tail in self.known and (len(words) - i > 1 or raw[-1][:1].isupper()):
                return self.known[tail]
        for token in raw:
            if len(token) >= 3 and token.isupper() and normalise(token) in self.known:
                return self.known[normalise(token)]
        return None

    def _earlier_full_name(self, word, position):
        """The full name a one-word mention stands for: of the person names before
        ``position`` with that first or last word, the titled and longest (the earliest of
        equals); if none comes before, the first one after."""
        entry = self._by_part.get(normalise(word))
        if not entry:
            return None
        offsets, fulls, best = entry
        index = bisect_right(offsets, position) - 1
        if index >= 0:
            return best[index][1]
        return fulls[0]

    def _earlier_org(self, head, position):
        """The organisation most recently named before ``position`` with ``head`` in it."""
        entry = self._org_by_head.get(normalise(head))
        if not entry:
            return None
        index = bisect_left(entry[0], position) - 1
        return entry[1][index] if index >= 0 else None

    def _generic_referent(self, position, sentence_start):
        """What "the company" or "the club" stands for: the body this sentence began with,
        else the organisation named most recently."""
        if sentence_start is not None:
            first = bisect_left(self._name_offsets, sentence_start)
            last = bisect_left(self._name_offsets, position)
            for _, name, _, titled in self.names[first:last]:
                if not titled:
                    return name
        index = bisect_left(self._org_offsets, position) - 1
        return self._org_names[index] if index >= 0 else None

    def resolve(self, mention, position, sentence_start=None):
        """The canonical name for ``mention`` at ``position``, or '' when unresolvable."""
        if mention.kind == "pronoun":
            if mention.name in {"he", "she", "i"}:
                return self._latest_person(position) or self.last_person
            return self.last_group
        known = self.known_name(mention.written) or self.known_name(mention.name)
        if known:
            return known
        name = mention.name
        words = name.split()
        if mention.kind == "person" and len(words) == 1:
            name = self._earlier_full_name(words[0], position) or name
        elif mention.kind in {"org", "role", "document"} and mention.written.split()[0].lower() in {
            "the",
            "a",
            "an",
        }:
            # "the ministry", "a department spokesman": the body named earlier.
            heads = [
                w
                for w in words
                if w.lower() not in {"spokesman", "spokeswoman", "spokesperson", "official"}
            ]
            for head in reversed(heads):
                found = self._earlier_org(head, position)
                if found:
                    name = found
                    break
            else:
                if mention.kind == "document":
                    name = self._document_author(words[-1], position) or name
                elif words[-1].lower() in GENERIC_HEADS:
                    name = self._generic_referent(position, sentence_start) or name
        return self.canonical(name)

    def _latest_person(self, position):
        """The person most recently named before ``position`` ("Ruiz was unmoved. She …")."""
        index = bisect_left(self._person_offsets, position) - 1
        latest = None
        if index >= 0:
            offset, part = self._person_mentions[index]
            latest = (offset, self._earlier_full_name(part, offset) or part)
        if self.spoken and (latest is None or self.spoken[0] > latest[0]):
            return self.spoken[1]
        return latest[1] if latest else None

    def _document_author(self, noun, position=0):
        """'according to a study' -> the body the article says made it ("a study by X"),
        else the first organisation named soon after the mention."""
        if noun not in self._authors:  # one search of the text per noun
            match = re.search(
                rf"\b{re.escape(noun)}\s+(?:by|from)\s+(?:the\s+)?((?:[A-Z][\w’'-]*\s*(?:for\s+|of\s+)?)+)",
                self.text,
            )
            self._authors[noun] = match.group(1).strip() if match else None
        if self._authors[noun]:
            return self._authors[noun]
        index = bisect_right(self._org_offsets, position)
        if index < len(self._org_offsets) and self._org_offsets[index] < position + 400:
            return self._org_names[index]
        return None

    def spoke(self, mention, name):
        if mention.kind in {"person", "role"} or (
            mention.kind == "pronoun" and mention.name in {"he", "she"}
        ):
            self.last_person = name
            self.spoken = (mention.start, name)
        else:
            self.last_group = name


def speaker_kind(mention, name):
    """The newsroom's Speaker.Kind for a resolved speaker: person, organisation, government,
    government_body, media or group. ``name`` is the resolved name (for a pronoun, the
    name it stands for)."""
    if normalise(name) == "white house":
        return "government_body"  # not a person's name, however it is capitalised
    if mention.kind in {"person", "role"} or mention.name in {"he", "she", "i"}:
        return "person"  # "a White House spokesman" too
    if mention.kind == "group" and mention.name not in {"they", "we"}:
        return "group"
    words = {re.sub(r"['’]s?$", "", w.lower()) for w in re.findall(r"[\w’']+", name)}
    if words & MEDIA_WORDS:
        return "media"
    if words & GOVERNMENT_WORDS:
        return "government"
    if words & GOVERNMENT_BODY_WORDS:
        return "government_body"
    if mention.name in {"they", "we"} and name.split()[-1].lower().endswith("s"):
        return "group"  # "they" for "Russian officials"
    return "organisation"
