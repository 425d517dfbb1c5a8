"""Phrases and boundaries around a cue: the speaker phrase before or after it, where the
reported statement starts and stops, and the quotation next to it.

A mixin of the extractor: it reads ``self.text``, ``self.masked`` (quotations masked),
``self.quotes`` / ``self.quote_opens`` (sorted by opening mark) and ``self.para_speaker``.
"""

import re
from bisect import bisect_left, bisect_right

from .cues import MASK
from .lexicon import (
    ADJUNCT_STARTS,
    ADVERBS,
    AUDIENCES,
    BARE_CLAUSE_VERBS,
    CLAUSE_BREAKS,
    DENY_VERBS,
    GATHERINGS,
    LOOSE_STARTS,
    NOT_MODIFIERS,
    OPENING_ADVERBS,
    PARTICIPLE_CUES,
    PARTICIPLE_KEEP,
    PREPOSITIONS,
    PROMISE_VERBS,
    PRONOUNS_LOWER,
    QUANTIFIERS,
    SAY_VERBS,
    SUBORDINATORS,
    TIME_WORDS,
    US_STATES,
    WEEKDAYS,
)
from .speakers import Mention, split_coordination, valid_phrase

TIME_AFTER_CUE = re.compile(
    r"(?:\s+(?:on|late|early|last|this|earlier|later)?\s*(?:"
    + "|".join(sorted(TIME_WORDS))
    + r"|week|weekend|month|year|morning|afternoon|evening|night)\b"
    r"(?:\s+(?:morning|afternoon|evening|night|week|month|year))?)+(?![’']s\b)(?=\s*(?:,|that\b|[a-z]+\s|[A-Z“‘\"']))",
    re.I,
)
# The speaker after an inverted cue: up to a comma or stop, keeping the dot of an initial
# or abbreviation ("said Dr. Harold Varmus, the …", "said J. Smith").
_TITLE_DOTS = "|".join(
    rf"(?<=\b{t})\."
    for t in (
        "Dr", "Mr", "Mrs", "Ms", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Jr", "Sr",
        "Del", "Rev", "Prof", "Capt", "Sgt", "Adm", "Maj", "Amb", "Supt", "Cmdr",
    )
)  # fmt: skip
INVERTED_SPEAKER = re.compile(rf"\s*((?:[^,.;:\x00“”\"]|(?<=\b[A-Z])\.|{_TITLE_DOTS})+)")
# A finite verb: "replacing Clinton would be …" is a clause, not a participle adjunct.
FINITE = re.compile(r"\b(?:would|will|is|was|are|were|could|should|has|have|had|can|may)\b")
ADJUNCT_THEN_CLAUSE = re.compile(
    r"(?:despite|if|when|while|after|before|because|although|though|unless|once|since|as)\b"
    r"[^,\x00]{3,80},\s+(?:he|she|it|they|we|i|you|there|the|this|that|[A-Z])"
    # "said after the convention he would not …": a short time adjunct, then a pronoun
    r"|(?:after|before|during|at|in|on)\s+(?:the\s+|a\s+|his\s+|her\s+|their\s+)?"
    r"[\w’'-]+(?:\s+[\w’'-]+)?\s+(?:he|she|they|we|I)\s+[a-z]"
)
SECOND_ATTRIBUTION = re.compile(  # a new clause: and/but after a comma, or a new group
    r"(?:,\s+(?:and|but)\s+|\s+and\s+(?=(?:one|many|some|most|other|others|several|few|"
    r"half|all|about|nearly|more|\d)\b))"  # "… and one in four said": a new group speaks
    r"(?:[\w’'.-]+\s+){1,5}?(?:have\s+|has\s+|had\s+)?"
    r"(?:said|say|says|added|argued|wrote|told|noted|insisted|warned|claimed)\b"
)
SAID_AFTER_COMMA = re.compile(r",\s+(?:said|says|told|added|argued|wrote)\s+(?!that\b)\w")
# Parenthetical words between commas that belong to neither speaker nor statement.
INTERJECTIONS = re.compile(
    r",\s*(?:however|though|too|meanwhile|nonetheless|moreover|in fact|for example|"
    r"for instance|for (?:his|her|their|its) part|in turn|in response|in a statement|"
    r"in an interview|(?:at|in|during|after|speaking|like|unlike|along with|as well as|"
    r"including|such as)\s[^,\x00]{1,40})\s*,",
    re.I,
)
BOUNDARY_CHARS = ',;:”"»' + MASK
APPOSED_PARTICIPLE = re.compile(
    r"(?<=\w),\s*(?:(?:later|again|also|then|still|now|often)\s+)?[a-z]+(?:ing|ed)\b"
    r"(?:[^,\x00]|\x00++,?){0,90},"  # possessive: a long quotation is one step, not many"
)
CLAUSE_OPENER = re.compile(
    r"\b(?:when|because|as|after|before|if|while|since|although|though|until|where|which|"
    r"that|and|but|so|whom|who|whether|once|unless)\s+",
    re.I,
)
# An audience told something, named by its head noun: "told a news conference",
# "told a crowded banquet hall in Baltimore".
_GATHERING = "|".join(sorted(GATHERINGS))
TOLD_GATHERING = re.compile(
    r"\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\w’'-]+\s+){0,3}?"
    rf"(?:{_GATHERING})s?\b"
    r"(?:\s+(?:in|at|on|of)\s+[A-Z][\w’'-]*+(?:\s+[A-Z][\w’'-]*+)*)?"
)
# A cue that closes its attribution (a comma, stop or semicolon next, perhaps after a day):
# the words before it up to a comma can only be its subject.
CLOSING_CUE = re.compile(r"\w+(?:\s+(?:on\s+)?[A-Z][a-z]+day)?\s*[,.;]")
QUOTE_MARKS_AND_STOPS = " .,;:!?“”‘’\"'"
# ", New York" right after a capitalised place: one place, not a phrase boundary.
PLACE_STATE = re.compile(r"(?<=[a-z]),(?= (?:" + US_STATES + r"),)")  # "Monsey, New York,"
SUBJECT_REACH = 400  # characters before a cue where its speaker phrase may start
ASIDE_BEFORE_QUOTE = re.compile(r",\s*(?:who|which|whose|[a-z]+ing)\b[^,\x00]*$")
# Possessive quantifiers and a space between words: a long capitalised token is read once,
# not split every possible way (which took seconds on a 200-letter token).
TOLD_AUDIENCE = re.compile(
    r"(?:(?:the|a|an|his|her|their|its)\s+)?[A-Z][\w.’'&-]*+(?:\s+[A-Z][\w.’'&-]*+){0,3}(?=[\s,]|$)|"
    r"(?:(?:the|a|an|his|her|their|its)\s+)?(?:[\w’'-]++\s+){0,3}?(?:"
    + "|".join(sorted((AUDIENCES - {"a", "an", "the"}) | GATHERINGS))
    + r")\b"
)
DAY_AFTER = re.compile(
    r"(?:the\s+)?(?:next\s+|following\s+)?(?:day|night|morning|week|month|year)\s+"
    r"(?:after|before|when)\b",
    re.I,
)
# "many of whom say": a part of a group named before (a relative clause's subject).
PART_OF = re.compile(
    r"(?:several|many|most|some|all|both|few|one|none|half|each)\s+of\s+(?:them|whom|us|those)",
    re.I,
)
CLOSED_AFTER = re.compile(r"\s*(?:[,.;:!?”\"’]|who\b|whose\b|$)")
ASKED = re.compile(r"(?:when\s+|after\s+being\s+|as\s+)?(?:asked|questioned|pressed)\b", re.I)
# A cue this far from a quotation still introduces it ("said in a statement on Monday: “…”").
QUOTE_REACH = 60


def _named_tail(phrase):
    """The last one to three capitalised words of a phrase that is no speaker as a whole,
    when they name one ("… the third time AROS"), else ''."""
    words = phrase.split()
    for size in (3, 2, 1):
        tail = words[-size:]
        if len(words) > size and all(w[:1].isupper() for w in tail):
            text = " ".join(tail)
            if valid_phrase(text) and Mention(text, 0, 0).kind in {"person", "org"}:
                return text
    # "That is why critics say": a plural group noun right before the verb.
    for size in (2, 1):
        tail = words[-size:]
        text = " ".join(tail)
        if (
            len(words) > size
            and tail[-1].islower()
            and tail[0].lower() not in NOT_MODIFIERS
            and valid_phrase(text)
            and Mention(text, 0, 0).kind == "group"
        ):
            return text
    return ""


def loose_phrase(phrase):
    """Whether ``phrase`` reads as a noun phrase ("the task force", "one P&G employee",
    "most of them"): a determiner or number first, no verb, pronoun or conjunction
    inside, and a noun or name last."""
    words = phrase.split()
    if not 1 <= len(words) <= 12:
        return False
    first, last = words[0], words[-1].strip(",.")
    if len(words) == 1 and first.lower() in QUANTIFIERS:
        return True  # "Several said", "Many say"
    # "respondents said", "proponents of more controls say": a bare plural noun first.
    plural = first.isalpha() and first.islower() and len(first) > 4 and first.endswith("s")
    # "Connecticut’s tax commissioner": a possessive name before the head noun
    possessive = len(words) >= 2 and first[:1].isupper() and first.endswith(("’s", "'s"))
    if not (first.lower() in LOOSE_STARTS or first[:1].isdigit() or plural or possessive):
        return False  # a capital alone may open a headline's clause ("Central bank holds")
    if PART_OF.fullmatch(phrase.strip()):
        return True  # "most of them", "many of whom"
    if any(w.lower().strip(",.") in NOT_MODIFIERS - {"of", "than"} for w in words):
        return False
    if plural and first.endswith(("ss", "ous", "ics")):
        return False  # "business", "serious", "politics": not a plural noun
    if re.fullmatch(r"\d+%?|half", last.lower()) and (len(words) >= 2 or "%" in last):
        return True  # "about four in 10", "almost half", "42%"
    return (
        last.replace("-", "").isalpha()  # "the GOP front-runner"
        and not last.lower().endswith("ly")
        and last.lower() not in PREPOSITIONS | LOOSE_STARTS
    )


def phrase_mention(written, start, end, weak=False, loose=False):
    """A Mention; a phrase no name list knows (``loose``: "About four in 10", "the GOP
    front-runner") is named by the whole phrase but its article, rather than by its first
    capital."""
    mention = Mention(written, start, end, weak=weak)
    first = mention.name.split()[0].lower() if mention.name.split() else ""
    if loose and not valid_phrase(written):
        mention.name = re.sub(r"^(?:the|a|an)\s+", "", written, flags=re.I)
        mention.kind = mention.kind if mention.kind in {"person", "group"} else "group"
    elif not first or first in LOOSE_STARTS:
        mention.name, mention.kind = written, "group"
    return mention


# Patterns compiled once: these run for every cue of a long article.
_PERIOD_END = re.compile(r"\s(?:this|last|next)\s+(?:past\s+)?(?:week|month|year)$")
_LAST_WORD = re.compile(r"(?:^|\s)(\w+)$")
_DASH = re.compile(r"\s(?:--?|–|—)\s")  # "Kall -- co-editor of a book -- said"
_DASH_ASIDE = re.compile(r"\s(?:--?|–|—)\s[^—–\x00]{1,200}?\s(?:--?|–|—)(?=\s|$)")
_OBJECT_RELATIVE = re.compile(r",\s*(?:which|whom|that)\s++([^,\x00\s][^,\x00]*)$")
_PARENS = re.compile(r"\([^)]*\)")
_PARTY_STATE = re.compile(r",\s*[RDI]-[A-Z][\w.]*(?=\s*,)")
_RELATIVE_ASIDE = re.compile(r",\s*(?:who|which|whose)\b(?:[^,]|,(?=[”\"’']))*(?:,|$)")
_AGE = re.compile(r",\s*(?:then\s+|now\s+|aged\s+)?\d{1,3}(?=\s*(?:,|$))")
_LEADING_MARKS = re.compile(r"[\s'‘’]*")
_TWO_WORDS = re.compile(r"\s*[^\s,]+[\s,]+[^\s,]+")
_AND_VERB = re.compile(r"\s+and\s+(?:that\s+)?(?:also\s+)?(\w+)\b")
_COMMA_PARTICIPLE = re.compile(r",\s+(\w+ing)\b")


def _blank(match):
    return " " * len(match.group())


def _blank_asides(segment):
    """``segment`` with what describes the speaker blanked out (same length, so offsets
    hold): relative clauses, parentheses, a party and state, interjections, participle
    phrases and ages."""
    # Relative clauses and parentheses belong to the speaker, not to the statement.
    blanked = _RELATIVE_ASIDE.sub(_blank, segment)  # also 'who calls him a “liar,”'
    blanked = _PARENS.sub(_blank, blanked)
    blanked = _PARTY_STATE.sub(_blank, blanked)  # "Sen. Ron Johnson, R-Wis., said"
    blanked = INTERJECTIONS.sub(_blank, blanked)
    # "Clinton, speaking to reporters on her plane, said", "The survey, conducted for the
    # group America's Voice, found": a participle phrase describes the speaker.
    blanked = APPOSED_PARTICIPLE.sub(_blank, blanked)
    # An age: "Woodrow Benford, 58, who lives …, says", "Mr. Sperling, then 38, said"
    return _AGE.sub(_blank, blanked)


class PhraseReader:
    def _subject_slot(self, blanked, cut, floor):
        """Whether the phrase after ``cut`` in the segment from ``floor`` stands where a
        subject does: at the unit's start or right after a quotation, or after a short
        opening adjunct ("In separate interviews,", "The next month,")."""
        if cut < 0 or blanked[cut] in ":;":
            return True  # "… lean left: 42% say they're liberal"
        if re.match(r"\s*(?:and|but|yet|while)\s", blanked[cut + 1 :]):
            return True  # "…, and more than 4 in 10 said …": a clause of its own
        before = blanked[:cut].strip()
        if not before or before.endswith(MASK) or before[-1:] in '”"':
            return True
        words = before.split()
        if blanked[cut] == "," and words[0].lower() in SUBORDINATORS | {"to"}:
            return True  # "As Trump began tweeting …, his son said", "To win, analysts say"
        if blanked[cut] == "," and re.fullmatch(r"[A-Z][a-z]+(?:ing|ed)", words[0]):
            return True  # "Appearing on CBS' Face the Nation, the GOP front-runner said"
        return (
            blanked[cut] == ","
            and len(words) <= 6
            and not any(ch in before for ch in ",;:")
            and (
                words[0].lower() in ADJUNCT_STARTS | PREPOSITIONS
                or words[-1].lower() in TIME_WORDS
                or words[-1].lower() in {"month", "week", "year", "day", "morning", "night"}
            )
        )

    def _trim_right(self, start, end):
        """Drop adverbs and time adjuncts between a speaker and the verb."""
        m = self.masked
        while True:
            segment = m[start:end].rstrip()
            end = start + len(segment)
            contracted = re.search(
                r"\b(?:he|she|it|they|we|you|I)([’'](?:s|re|m|ve))$", segment, re.I
            )
            if contracted:  # "He’s claiming": the pronoun without its auxiliary
                end = start + contracted.start(1)
                continue
            period = _PERIOD_END.search(segment)
            if period:  # "Reince Priebus, the GOP chairman, this past week announced"
                end = start + period.start()
                continue
            match = _LAST_WORD.search(segment)
            if match and (match.group(1).lower() in ADVERBS or match.group(1).lower() in WEEKDAYS):
                cut = re.search(r"(?:\s+(?:on|last|this|next|late|early))?\s*\w+$", segment)
                end = start + cut.start()
                continue
            return end

    def _subject_before(self, cue_start, floor):
        """Mentions of the speaker just before a cue, and where the phrase (with any
        appositive description before it) begins: [(Mention, …)], lead_start."""
        # Long because the phrase is narrowed in sequence on one blanked copy of the
        # segment (asides, the last boundary, quotation marks, coordination, openings);
        # the fall-backs for a phrase no word list knows are _unlisted_subject.
        m = self.masked
        # A speaker phrase is never longer than this: reading further back in a very long
        # sentence would make each cue cost the sentence's length (quadratic in all).
        if cue_start - floor > SUBJECT_REACH:
            floor = m.find(" ", cue_start - SUBJECT_REACH, cue_start) + 1 or floor
        end = self._trim_right(floor, cue_start)
        # Blanked with the comma before the cue still there, so that a phrase between
        # commas right before it is seen as closed ("Humphrey, for example, said").
        # "Kall -- co-editor of a book, which … -- said": an aside between dashes.
        segment = _DASH.sub(" , ", _DASH_ASIDE.sub(_blank, m[floor:end]))
        # "a philanthropist from Monsey, New York, said": the state is no boundary.
        segment = PLACE_STATE.sub(lambda x: " " + x.group()[1:], segment)
        # "…, which state news media claimed": an object relative clause has its own subject.
        object_relative = _OBJECT_RELATIVE.search(segment)
        if object_relative and valid_phrase(object_relative.group(1).strip()):
            written = object_relative.group(1).strip()
            begin = (
                floor
                + object_relative.start(1)
                + (len(object_relative.group(1)) - len(object_relative.group(1).lstrip()))
            )
            return [phrase_mention(written, begin, begin + len(written))], None
        blanked = _blank_asides(segment)
        # A description is apposed to a name only when a comma closes it before the cue
        # ("Jane Roe, a tax expert, said"); "Clinton, a top aide said, …" and "Cleveland,
        # Ohio, a new poll shows" have the description speak.
        closed = blanked.rstrip().endswith(",") or m[floor:end].rstrip().endswith(
            ("--", "—", "–", " -")
        )  # a dash closes an aside as a comma does
        blanked = blanked.rstrip(" ,'’”\"")  # "His lawyer, Colin Baptiste, said"
        end = floor + len(blanked)
        cut = max(blanked.rfind(ch) for ch in BOUNDARY_CHARS)
        phrase_start = floor + cut + 1
        phrase = blanked[cut + 1 :]
        # "''…,'' Mr. King told me": marks of a doubled-single-quote quotation are no part.
        marks = _LEADING_MARKS.match(phrase).end()
        phrase_start, phrase = phrase_start + marks, phrase[marks:]
        if phrase.split()[-1:] in (["and"], ["but"], ["or"]):
            return [], None  # "spotted Stein and her aide and reported": a second verb
        if " and " in phrase and len(split_coordination(phrase.strip())) == 1:
            tail = phrase.rsplit(" and ", 1)[1]
            if valid_phrase(tail):
                phrase_start += len(phrase) - len(tail)
                phrase = tail
        stripped = phrase.lstrip()
        while (
            stripped.split(" ", 1)[0].lower().strip(",") in SUBORDINATORS | OPENING_ADVERBS
            and " " in stripped
        ):  # "Then Brafman said", "…, after the opposition accused"
            stripped = stripped.split(" ", 1)[1].lstrip()
        phrase_start += len(phrase) - len(stripped)
        phrase = stripped.strip()
        if not phrase:
            return [], None
        if not valid_phrase(phrase):
            place = (blanked, cut, floor, closed)
            return self._unlisted_subject(phrase, phrase_start, end, cue_start, place)
        mentions = [phrase_mention(part, phrase_start, end) for part in split_coordination(phrase)]
        lead = floor + cut if cut >= 0 else phrase_start
        if cut > 0 and blanked[cut] == ",":
            named = self._name_before_apposition(blanked, cut, phrase, floor) if closed else None
            if named is not None:
                return [named[0]], named[1]
            lead = self._description_before(blanked, cut, mentions, floor, lead)
        return mentions, lead

    def _unlisted_subject(self, phrase, phrase_start, end, cue_start, place):
        """The speaker when the phrase before a cue is no speaker as a whole: the name
        before a description, the head before a relative clause, the subject after a
        clause opener, a noun phrase where only a subject can stand, or a name right
        before the verb. ``place`` is (blanked segment, cut, floor, closed) as
        _subject_before read them. ([Mention], lead) or ([], None)."""
        blanked, cut, floor, closed = place
        m = self.masked
        # "Chris Collins, a Trump supporter, said": a description no noun list knows.
        named = (
            self._name_before_apposition(blanked, cut, phrase, floor)
            if cut > 0 and closed
            else None
        )
        if named and blanked[cut] == ",":
            return [named[0]], named[1]
        # "The state officials whose laws have been invalidated say", "Another Muslim
        # who worshiped there said": the head before a relative clause speaks.
        relative = re.match(r"(\S.*?)\s+(?:who|whose|that)\s", phrase)
        if (
            relative
            and (valid_phrase(relative.group(1)) or loose_phrase(relative.group(1)))
            and self._subject_slot(blanked, cut, floor)
        ):
            head = relative.group(1).strip()
            begin = phrase_start + phrase.index(head)
            return [phrase_mention(head, begin, begin + len(head))], floor + max(cut, 0)
        # "… was booed when she said", "… in which he says": the subject of the clause
        # the cue's own clause opens with.
        openers = list(CLAUSE_OPENER.finditer(phrase))
        opener = openers[-1] if openers else None  # the clause nearest the cue
        if opener and valid_phrase(phrase[opener.end() :]):
            # No lead: the words before the opener are the writer's clause, never a
            # statement of this speaker's (so no trailing reading).
            begin = phrase_start + opener.end()
            return [Mention(phrase[opener.end() :].strip(), begin, end)], None
        # "“…,” the billionaire business mogul told People", "In separate interviews,
        # three former employees said": a noun phrase no word list knows, standing
        # where only the subject can (right after a quotation or the clause's opening).
        closing = CLOSING_CUE.match(m, cue_start)  # "…, respondents said, are …"
        part_of = PART_OF.fullmatch(phrase)  # "…, many of whom say …": always a subject
        if loose_phrase(phrase) and (closing or part_of or self._subject_slot(blanked, cut, floor)):
            mention = phrase_mention(phrase, phrase_start, end, weak=True, loose=True)
            return [mention], floor + max(cut, 0)
        # "… were the third time AROS said": the name right before the verb.
        tail = _named_tail(phrase)
        if not tail:
            return [], None
        begin = end - len(tail)
        return [Mention(tail, begin, end, weak=True)], begin

    def _name_before_apposition(self, blanked, cut, phrase, floor):
        """ "Jane Roe, a tax expert at the Brookings Institution, said": when the phrase by
        the cue is a description ("a …", "the …'s chief economist", "45"), the person named
        before it speaks, with the description as the role. (Mention, lead) or None."""
        words = phrase.split()
        determiner = words[0].lower()
        described = (
            determiner in {"a", "an"}
            or (
                determiner in {"the", "his", "her", "its", "their"}
                and Mention(phrase, 0, 0).kind not in {"pronoun", "document"}
            )
            # "Richard Revesz, director of the Institute …, said": a role, no article
            or (words[0].islower() and words[0] not in PRONOUNS_LOWER and len(words) > 1)
            # "China, Pyongyang's only ally, said": a possessive description
            or (words[0].endswith(("'s", "’s")) and len(words) > 1)
        )
        if not described:
            return None
        before = blanked[:cut]
        while before.rstrip().endswith(tuple("0123456789")):  # "Jane Roe, 45, a teacher"
            before = before.rstrip().rstrip("0123456789").rstrip(" ,")
        prev_cut = max(before.rfind(ch) for ch in BOUNDARY_CHARS)
        name = before[prev_cut + 1 :]
        # "Mike Shields, president of the Leadership Fund, a super PAC …, said": a second
        # description before the first; the name stands before both.
        if prev_cut > 0 and before[prev_cut] == "," and re.match(r"\s*[a-z]", name):
            earlier = before[:prev_cut]
            earlier_cut = max(earlier.rfind(ch) for ch in BOUNDARY_CHARS)
            if re.match(r"\s*[A-Z]", earlier[earlier_cut + 1 :]):
                prev_cut, name = earlier_cut, earlier[earlier_cut + 1 :]
        stripped = name.strip()
        while stripped.split(" ", 1)[0].lower() in SUBORDINATORS | OPENING_ADVERBS | {"and", "but"}:
            stripped = stripped.split(" ", 1)[1] if " " in stripped else ""
        if not stripped or not valid_phrase(stripped):
            return None
        name_words = stripped.split()
        if not all(
            w[0].isupper() or w in {"of", "de", "van", "von", "al", "bin"} for w in name_words
        ):
            return None  # a name only: "Writing in the journal Nature, the researchers said"
        possessive = determiner.endswith(("'s", "’s"))
        if determiner not in {"a", "an"} and not possessive and len(name_words) < 2:
            return None  # "In Washington, the president said": a place, not a name
        mention = Mention(stripped, 0, 0)
        if mention.kind != "person" or len(stripped.split()) > 6:
            return None
        begin = floor + prev_cut + 1 + name.index(stripped)
        named = Mention(stripped, begin, begin + len(stripped))
        named.role = named.role or phrase
        return named, floor + prev_cut

    def _description_before(self, blanked, cut, mentions, floor, lead):
        """Where the speaker phrase starts when a description stands before it, between
        commas: a person's title (kept as the role) or an organisation's description."""
        before = blanked[:cut]
        prev_cut = max(before.rfind(ch) for ch in BOUNDARY_CHARS)
        description = before[prev_cut + 1 :].strip()
        if not description or not valid_phrase(description):
            return lead
        kind = Mention(description, 0, 0).kind
        titled = kind in {"role", "org"} or "’s" in description or "'s" in description
        if mentions[0].kind == "person" and not titled:
            return lead  # "The museum, Mr. Obama said, …": no title of his
        if mentions[0].kind == "person":
            # "…, Ostland's Foreign Minister, Lena Voss, said": the description before the name.
            if len(description.split()) <= 8 and kind not in {"pronoun", "document"}:
                mentions[0].role = description
                return floor + prev_cut
            return lead
        # "…, North Korea's official news agency, the Korean Central News Agency, reported"
        if prev_cut > 0 and kind in {"org", "role"} and len(description.split()) <= 6:
            return floor + prev_cut
        return lead

    def _phrase_after(self, start, end):
        """The speaker phrase right after an inverted cue ("said Lim, the spokesman")."""
        m = self.masked
        match = INVERTED_SPEAKER.match(m, start, end)
        if not match:
            return None, start
        phrase = match.group(1)
        first = phrase.split()[0].lower() if phrase.split() else ""
        if (
            first in ADJUNCT_STARTS | PREPOSITIONS
            or first in TIME_WORDS
            or "that" in phrase.split()
        ):
            return None, start  # "said on Saturday that …": not an inverted speaker
        words = phrase.split()
        # Stop before an adjunct: "said Mercer on Tuesday" -> "Mercer"; or a relative
        # clause: "said one former executive who requested anonymity" -> the executive.
        for i, word in enumerate(words):
            if i and word.lower() in {"who", "whose", "which", "that"}:
                phrase = " ".join(words[:i])
                break
            if i and word.lower() in ADJUNCT_STARTS - {"from", "at", "of"}:
                phrase = " ".join(words[:i])
                break
        phrase = phrase.strip()
        if not (valid_phrase(phrase) or loose_phrase(phrase)):
            return None, start
        found = re.compile(r"\s+".join(map(re.escape, phrase.split()))).search(m, start, end)
        # A phrase no word list knows speaks only where a comma, a stop or a relative clause
        # follows it ("said one former executive who …"), not in "said the union expected
        # production to improve …", which is a statement.
        if not valid_phrase(phrase) and not CLOSED_AFTER.match(m, found.end(), end):
            return None, start
        return phrase_mention(found.group(), found.start(), found.end(), loose=True), found.end()

    def _adjunct_only(self, start, end, cue_word=""):
        """Whether text[start:end] adds only time, place or manner (or, after "told", an
        audience: "told reporters after the meeting") to a cue."""
        rest = self.masked[start:end].strip().rstrip('.!?”"’) ').strip()
        if cue_word in {"told", "tells", "wrote", "writes"}:  # "…, Kennedy wrote Linick."
            words = rest.split()
            if "that" in (w.lower() for w in words):
                return False  # "told members of the council that …": a statement follows
            # The audience ("reporters", "POLITICO", "a townhall meeting with …"), then only
            # adjuncts: "told POLITICO she was leaning …" has a statement after it.
            audience = TOLD_AUDIENCE.match(rest)
            rest = rest[audience.end() :].lstrip(" ,") if audience else rest
            if rest and rest.split()[0].lower() not in ADJUNCT_STARTS:
                return False
        if not rest or rest.startswith(";"):
            return True  # "…, political analysts say; in 2012, Romney …": a new clause
        parts = re.split(r",\s*", rest)
        for i, part in enumerate(parts):
            first = part.split()[0].lower() if part.split() else ""
            if ASKED.match(part) or (i == 0 and DAY_AFTER.match(part)):
                return True  # "… when asked whether …", "tweeted the day after a man …"
            if re.match(r"at (?:least|most)\b", part):
                return False  # "reported at least six planes filled …": a statement
            if re.search(r"\bthat\s", part):
                return False  # "said earlier on Friday during a news conference that …"
            quotation = not part.replace(MASK, "").strip(QUOTE_MARKS_AND_STOPS)
            if i > 1 and quotation and parts[i - 1].strip().endswith("ing"):
                continue  # "…, Nefzi said, adding, “…”": the participle's own quotation
            if i and first.endswith("ing") and not FINITE.search(part):
                continue  # "…, one of the people said, speaking on condition of anonymity"
            if i and first in {"which", "who", "where"}:
                return True  # "said of the course, which opened in 1971, now known as …"
            if i and first in {"a", "an"}:
                continue  # "…, Sanders said, a policy that could …": the writer's comment
            if i and len(part.split()) <= 4 and (first.endswith("ly") or part.istitle()):
                continue  # "… in Ho Chi Minh City, formerly Saigon": a place's other name
            if first in {"who", "whose"}:
                continue  # "said one former executive who requested anonymity": the speaker's
            if first and first not in ADJUNCT_STARTS and first not in WEEKDAYS:
                return False
        return True

    def _clause_end(self, start, limit):
        """Where a reported statement starting at ``start`` stops."""
        m = self.masked
        end = limit
        # A break within the statement's first two words is an aside inside its subject
        # ("said Trump, despite his wealth, is …", "says Millennials, numbering …, surpassed").
        first_words = _TWO_WORDS.match(m, start, limit)
        floor = first_words.end() if first_words else start
        for marker in CLAUSE_BREAKS:
            found = m.find(marker, floor, end)
            if found != -1:
                end = found
            if marker.startswith(", "):  # '…a gun," but he said': past the closing mark
                for mark in '”"’':
                    found = m.find(f",{mark} {marker[2:]}", start, end)
                    if found != -1:
                        end = found + 2
        for match in _COMMA_PARTICIPLE.finditer(m[floor:end]):
            if match.group(1).lower() not in PARTICIPLE_KEEP:
                end = floor + match.start()
                break
        said = SAID_AFTER_COMMA.search(m, start, end)
        if said:
            end = said.start()  # "X, who estimated that …, said …": the relative clause ends
        # "…, and other GOP leaders said he's …", "… and one in four said …": a second
        # attribution with its own subject ends the first statement.
        second = SECOND_ATTRIBUTION.search(m, start, end)
        if second and second.start() > start:
            end = second.start()
        for match in _AND_VERB.finditer(m[start:end]):
            if match.group(1).lower() in SAY_VERBS | set(DENY_VERBS):
                end = start + match.start()
                break
        while end > start and self.text[end - 1] in " .;:,!\n":
            end -= 1
        return end

    def _according_phrase(self, position, end):
        """The source after 'according to', cut to its longest valid beginning."""
        match = re.match(
            rf"\s*((?:[^,;:.\x00“”\"()]|\.(?=\w|\s+[a-z])|(?<=\b[A-Z])\.|{_TITLE_DOTS})+)",
            self.masked[position:end],
        )  # "according to F.A.A. records", "to Rep. Trey Gowdy", "to Dennis B. Ross"
        if not match:
            return None, position
        words = match.group(1).split()
        # "North Korean state media and videos posted on social media": the first source.
        if " and " in match.group(1):
            head, tail = match.group(1).split(" and ", 1)
            if tail[:1].islower():
                words = head.split()
        full_end = position + match.end()
        for size in range(len(words), 0, -1):
            phrase = " ".join(words[:size])
            if valid_phrase(phrase):
                return self._written(words[:size], position, end), full_end
        # Anything may be a source here ("according to a CNN tally", "to early returns"):
        # the whole phrase, if short and not a clause.
        if 0 < len(words) <= 10 and words[0].lower() not in NOT_MODIFIERS:
            return self._written(words, position, end), full_end
        return None, position

    def _written(self, words, position, end):
        """A Mention of ``words`` as written from ``position`` on, whatever the spacing."""
        found = re.compile(r"\s+".join(map(re.escape, words))).search(self.masked, position, end)
        return Mention(found.group(), found.start(), found.end())

    def _clause_subject(self, start, position):
        """The speaker phrase the sentence begins with, without a trailing "on Monday",
        and past an opening adjunct ("Minutes later, the campaign issued …")."""
        opening = re.match(r"\s*([^,\x00]{1,80}),\s*", self.masked[start:position])
        if opening:
            words = opening.group(1).split()
            if (len(words) <= 10 and words[0].lower() in ADJUNCT_STARTS | PREPOSITIONS) or (
                len(words) <= 6 and words[-1].lower() in TIME_WORDS | {"later", "earlier", "ago"}
            ):
                start += opening.end()
        # "Dean, a former party chairman, poked at …, tweeting": the name before its
        # apposition.
        clause = self.masked[start:position]
        words = clause[: clause.index(",")].split() if "," in clause else clause.split()
        for size in range(min(len(words), 8), 0, -1):
            phrase = " ".join(words[:size])
            if valid_phrase(phrase):
                begin = start + self.masked[start:position].index(words[0])
                finish = self._trim_right(begin, begin + len(phrase))
                phrase = self.masked[begin:finish]
                if valid_phrase(phrase):
                    return [Mention(phrase, begin, finish)]
        return []

    def _sentence_subject(self, floor, position):
        """The longest speaker phrase at the start of the clause before ``position``."""
        segment = _DASH.sub(" , ", self.masked[floor:position])
        segment = re.sub(r"\([^)]*\)", lambda x: " " * len(x.group()), segment)
        begin = max(segment.rfind(","), segment.rfind(";")) + 1
        words = segment[begin:].split()
        for size in range(min(len(words), 8), 0, -1):
            phrase = " ".join(words[:size])
            # "A reporter for USA Today spotted Stein and …": no past-tense verb inside.
            verb = any(w.islower() and w.endswith("ed") for w in words[1:size])
            if (
                valid_phrase(phrase)
                and not verb
                and phrase.split()[0].lower() not in {"and", "but"}
            ):
                at = floor + begin + segment[begin:].index(words[0])
                return [Mention(phrase, at, at + len(phrase))]
        return []

    def _floor(self, position, unit_start):
        """Where the phrase before ``position`` may begin: the unit, or after a quotation
        that stands right before it ("“…,” bank President Helena Marquardt told")."""
        floor = unit_start
        first = bisect_left(self.quote_opens, unit_start)
        last = bisect_left(self.quote_opens, position)
        # The latest quotation that stands right before the phrase, read from the newest.
        for quote in reversed(self.quotes[first:last]):
            if quote.outer_end > position:
                continue
            if "," in self.masked[quote.outer_end : position].lstrip(" ,"):
                break  # an earlier quotation is further still from the phrase
            # A quotation inside an aside about the speaker ("Humphrey, who calls Trump a
            # “sociopath,” said") does not start the phrase.
            reach = max(floor, quote.open_mark - SUBJECT_REACH)
            if not ASIDE_BEFORE_QUOTE.search(self.masked, reach, quote.open_mark):
                return max(floor, quote.outer_end)
        return floor

    def _quote_at(self, position, limit=QUOTE_REACH):
        """The quotation opening within ``limit`` characters after ``position``."""
        gap = re.match(r"[\s,:]*", self.masked[position : position + limit])
        index = bisect_left(self.quote_opens, position)
        if index < len(self.quotes) and self.quote_opens[index] <= position + gap.end():
            return self.quotes[index]
        return None

    def _quote_before(self, position):
        """The quotation that ends just before ``position`` (only spaces and commas between)."""
        gap_start = position
        while gap_start > 0 and self.masked[gap_start - 1] in " ,":
            gap_start -= 1
        first = bisect_left(self.quote_end_offsets, gap_start)
        last = bisect_right(self.quote_end_offsets, position)
        indexes = [i for _, i in self.quote_ends[first:last]]
        return self.quotes[min(indexes)] if indexes else None

    def _skip_time_words(self, position, unit_end):
        """Past a time adjunct right after a cue: "said Tuesday", "said late Monday night",
        "said earlier this week" (the statement follows it)."""
        match = TIME_AFTER_CUE.match(self.masked, position, unit_end)
        return match.end() if match else position

    def _statement_after(self, cue, unit_end):
        """What a leading cue introduces: ('quote', Quote) or ('clause', start) or None."""
        # Long because each opening it accepts (a quotation, "that", an adjunct then a
        # quotation, an infinitive, a bare clause) is one short regex tried in order; split
        # apart they would need the same position bookkeeping passed around.
        m = self.masked
        position = cue.end
        if cue.word in {"told", "tells", "telling"}:
            match = re.match(r"\s+((?:[\w’'.-]+\s+){0,14}?)(?=that\s)", m[position:unit_end])
            audience = re.match(r"\s+(?:the\s+|a\s+)?([\w’'-]+)", m[position:unit_end])
            gathering = TOLD_GATHERING.match(m, position, unit_end)
            if match:
                position += match.end()
            elif gathering:  # "told a news conference they are …"
                position = gathering.end()
            elif audience and (
                audience.group(1).lower() in AUDIENCES or audience.group(1)[:1].isupper()
            ):
                position += audience.end()
            else:
                return None
        position = self._skip_time_words(position, unit_end)
        quote = self._quote_at(position, 3)
        if quote:
            return "quote", quote
        that = re.match(
            r"(?:\s*,)?((?:\s+(?:in|on|at|during|after|before|last|this|earlier|late|early|"
            r"outside|to|via|through|from|when|while|following|amid|despite|with|without|under|"
            r"over|for|privately|publicly|repeatedly|recently|again|also|later|once)\b"
            r"[^\x00“”\"]{0,80}?)|(?:\s*,[^,\x00]{0,50},))?"
            r"\s*\bthat,?\s+",
            m[position:unit_end],
        )
        if that:
            return "clause", position + that.end()
        # "said in a statement: “…”", "wrote in a note to investors “…”"
        adjunct_quote = re.match(
            r"(?:\s+(?:in|on|at|during|after|before|to|from|of|about)\b(?:[^,\x00“”\"]|(?<=\d),(?=\d))"
            r"{0,80}?\s*[:,]?|\s*[:,])\s*(?<!\w)[“‘\"'`]",
            m[position:unit_end],
        )
        if adjunct_quote:
            quote = self._quote_at(position + adjunct_quote.end() - 2, 3)
            if quote:
                return "quote", quote
        if cue.word in PROMISE_VERBS:
            infinitive = re.match(r"\s+(?=to\s+\w)", m[position:unit_end])
            if infinitive:
                return "clause", position + infinitive.end()
        if cue.word in BARE_CLAUSE_VERBS or cue.word in {"told", "tells", "saying"} | set(
            PARTICIPLE_CUES
        ):
            bare = re.match(r"\s*,?\s+(?=[\w“‘\"'])", m[position:unit_end])
            if bare:
                first = m[position + bare.end() :].split(" ", 1)[0].lower()
                quantity = re.match(
                    r"(?:at (?:least|most)\s|(?:about|around|nearly|some|over)\s+\d)",
                    m[position + bare.end() :],
                )  # "has said about 20 people have …"
                if quantity or first not in ADJUNCT_STARTS | {
                    "to",
                    "for",
                    "about",
                    "with",
                    "of",
                    "it.",
                }:
                    return "clause", position + bare.end()
                # "says despite being a Stanford alumna, she plans to …": an opening adjunct
                # of the statement, then its clause.
                opening = ADJUNCT_THEN_CLAUSE.match(m, position + bare.end(), unit_end)
                if cue.word in SAY_VERBS - {"told", "tells"} and opening:
                    return "clause", position + bare.end()
        return None
