"""Propose every attributed statement in an article: words, speaker, relay, cue and span.

Rule-based and dependency-free: the article is cut into paragraphs, sentences (merged where
a quotation runs over a sentence break) and quotations; attribution cues ("said",
"according to", "accused", "quoted … as saying") are found outside the quotations, and
each cue is read in one of a few shapes:

    trailing   "<statement>, the ministry said on Monday."   "“…,” said Lim, the spokesman."
    leading    "Peskov said (that) <statement>."              "Putin said, ‘…’"
    relayed    "X quoted Y as saying …"   "Y said …, X reported"   "…, Y said, according to X"
    answering  "X accused Y of …"   "X denied such claims" (linked to the accusation)

Quotations with no cue of their own continue the last speaker of the paragraph.
"""

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass

from .lexicon import (
    ACCUSE_VERBS,
    ADJUNCT_STARTS,
    ADVERBS,
    ANSWERED_NOUNS,
    AUDIENCES,
    BARE_CLAUSE_VERBS,
    CLAUSE_BREAKS,
    DENY_VERBS,
    NEGATIONS,
    PARTICIPLE_CUES,
    PARTICIPLE_KEEP,
    PROMISE_VERBS,
    QUESTION_WORDS,
    QUOTE_ONLY_VERBS,
    SAY_VERBS,
    SUBORDINATORS,
    WEEKDAYS,
)
from .segment import paragraphs, quotes, units
from .speakers import Mention, Registry, normalise, split_coordination, valid_phrase

MASK = "\x00"
CUE_WORDS = SAY_VERBS | ACCUSE_VERBS | set(DENY_VERBS) | PARTICIPLE_CUES | {"according", "quoted"}
WORD = re.compile(r"[A-Za-z]+")
BOUNDARY_CHARS = ',;:”"»' + MASK
# A cue this far from a quotation still introduces it ("said in a statement on Monday: “…”").
QUOTE_REACH = 60


# Mention kinds as the newsroom's speaker records name them.
SPEAKER_KINDS = {
    "person": "person",
    "role": "person",
    "pronoun": "person",
    "org": "organisation",
    "document": "organisation",
    "group": "group",
}


@dataclass
class Candidate:
    text: str
    start: int
    end: int
    speaker: str
    speaker_as_written: str
    relayed_by: str | None
    relayed_by_as_written: str | None
    kind: str  # direct, partial, paraphrase
    cue: str
    confidence: float
    answers: int | None = None  # index, in the result list, of the claim this one answers
    relation: str | None = None  # denies / disputes, with ``answers``
    speaker_kind: str = "person"  # person, organisation or group, for a new speaker record

    def as_dict(self):
        return asdict(self)


@dataclass
class _Cue:
    word: str
    start: int
    end: int


def known_aliases(speakers):
    """{normalised alias: canonical name} from [(name, [aliases])]."""
    table = {}
    for name, aliases in speakers:
        for alias in (name, *aliases):
            table[normalise(alias)] = name
    return table


def extract(text, known=None):
    """Candidates for every attributed statement in ``text``, in reading order.

    ``known`` is an optional {normalised alias: canonical name} table (see known_aliases)
    so that mentions resolve to speakers the newsroom already records.
    """
    return _Extractor(text, known or {}).run()


class _Extractor:
    def __init__(self, text, known):
        self.text = text
        self.registry = Registry(text, known)
        self.found = []
        self.quotes = []
        self.accusations = []

    # -- set-up ---------------------------------------------------------------------------
    def run(self):
        structure = []
        for start, end in paragraphs(self.text):
            para_quotes = quotes(self.text, start, end)
            self.quotes.extend(para_quotes)
            structure.append((start, end, para_quotes))
        chars = list(self.text)
        for quote in self.quotes:
            for i in range(quote.start, quote.end):
                chars[i] = MASK
        self.masked = "".join(chars)
        self.quotes.sort(key=lambda q: q.open_mark)
        self.quote_opens = [q.open_mark for q in self.quotes]
        previous_speaker = None
        for start, end, para_quotes in structure:
            self.para_speaker = None
            self.handled = set()
            for unit_start, unit_end in units(self.text, start, end, para_quotes):
                unit_quotes = [q for q in para_quotes if unit_start <= q.open_mark < unit_end]
                self._unit(unit_start, unit_end, unit_quotes)
            for quote in para_quotes:
                if quote not in self.handled:
                    self._unattributed(quote, start, previous_speaker)
            previous_speaker = self.para_speaker or previous_speaker
        self.found.sort(key=lambda c: (c.start, c.end))
        self._link_answers()
        return self.found

    # -- cues -----------------------------------------------------------------------------
    def _cues(self, start, end):
        m = self.masked
        for match in WORD.finditer(m, start, end):
            word = match.group().lower()
            if word not in CUE_WORDS:
                continue
            after = m[match.end() : match.end() + 40].split()
            if word == "according" and after[:1] == ["to"]:
                yield _Cue(
                    "according to", match.start(), match.end() + m[match.end() :].index("to") + 2
                )
                continue
            if word in PARTICIPLE_CUES:
                if not m[max(start, match.start() - 2) : match.start()].startswith(","):
                    continue  # "…, ruling that …" only; "the ruling party" is no cue
            elif word == "quoted" or word in ACCUSE_VERBS or word in DENY_VERBS:
                pass
            elif word not in SAY_VERBS:
                continue
            before = m[max(start, match.start() - 30) : match.start()].lower()
            if any(before.rstrip().endswith(neg) for neg in NEGATIONS):
                continue
            if after and re.sub(r"\W", "", after[0].lower()) in QUESTION_WORDS:
                continue
            if word in {"told", "tells"} and after[:1] == ["to"]:
                continue
            if word in {"show", "shows", "showed", "found", "finds"} and not re.search(
                r"\b(?:study|report|survey|data|analysis|images|minutes|poll|research|records|"
                r"figures|documents|review|audit)\b|[A-Z]\w+\s*$",
                m[max(start, match.start() - 80) : match.start()],
            ):
                continue  # "the meeting shows how": an argument, not an attribution
            yield _Cue(word, match.start(), match.end())

    # -- phrases --------------------------------------------------------------------------
    def _trim_right(self, start, end):
        """Drop adverbs and time adjuncts between a speaker and the verb."""
        m = self.masked
        while True:
            segment = m[start:end].rstrip()
            end = start + len(segment)
            match = re.search(r"(?:^|\s)(\w+)$", segment)
            if match and (match.group(1).lower() in ADVERBS or match.group(1).lower() in WEEKDAYS):
                cut = re.search(r"(?:\s+(?:on|last|this|next|late|early))?\s*\w+$", segment)
                end = start + cut.start()
                continue
            return end

    def _subject_before(self, cue_start, floor):
        """Mentions of the speaker just before a cue, and where the phrase (with any
        appositive description before it) begins: [(Mention, …)], lead_start."""
        m = self.masked
        end = self._trim_right(floor, cue_start)
        while end > floor and m[end - 1] in " ,":  # "His lawyer, Colin Baptiste, said"
            end -= 1
        segment = re.sub(r"\s[-–—]\s", " , ", m[floor:end])
        # Relative clauses and parentheses belong to the speaker, not to the statement.
        blanked = re.sub(
            r",\s*(?:who|which|whose)\b[^,]*(?:,|$)", lambda x: " " * len(x.group()), segment
        )
        blanked = re.sub(r"\([^)]*\)", lambda x: " " * len(x.group()), blanked)
        cut = max(blanked.rfind(ch) for ch in BOUNDARY_CHARS)
        phrase_start = floor + cut + 1
        phrase = blanked[cut + 1 :]
        if " and " in phrase and len(split_coordination(phrase.strip())) == 1:
            tail = phrase.rsplit(" and ", 1)[1]
            if valid_phrase(tail):
                phrase_start += len(phrase) - len(tail)
                phrase = tail
        stripped = phrase.lstrip()
        while stripped.split(" ", 1)[0].lower().strip(",") in SUBORDINATORS and " " in stripped:
            stripped = stripped.split(" ", 1)[1].lstrip()  # "…, after the opposition accused"
        phrase_start += len(phrase) - len(stripped)
        phrase = stripped.strip()
        if not phrase or not valid_phrase(phrase):
            return [], None
        mentions = [Mention(part, phrase_start, end) for part in split_coordination(phrase)]
        lead = floor + cut if cut >= 0 else phrase_start
        # "…, Ostland's Foreign Minister, Lena Voss, said": the description before the name.
        if cut > 0 and blanked[cut] == "," and mentions[0].kind == "person":
            before = blanked[:cut]
            prev_cut = max(before.rfind(ch) for ch in BOUNDARY_CHARS)
            description = before[prev_cut + 1 :].strip()
            if (
                description
                and valid_phrase(description)
                and len(description.split()) <= 8
                and Mention(description, 0, 0).kind not in {"pronoun", "document"}
            ):
                mentions[0].role = description
                lead = floor + prev_cut
        elif cut > 0 and blanked[cut] == ",":
            # "…, North Korea's official news agency, the Korean Central News Agency, reported"
            before = blanked[:cut]
            prev_cut = max(before.rfind(ch) for ch in BOUNDARY_CHARS)
            description = before[prev_cut + 1 :].strip()
            if (
                description
                and prev_cut > 0
                and valid_phrase(description)
                and Mention(description, 0, 0).kind in {"org", "role"}
                and len(description.split()) <= 6
            ):
                lead = floor + prev_cut
        return mentions, lead

    def _phrase_after(self, start, end):
        """The speaker phrase right after an inverted cue ("said Lim, the spokesman")."""
        m = self.masked
        match = re.match(r"\s*([^,.;:\x00“”\"]+)", m[start:end])
        if not match:
            return None, start
        phrase = match.group(1)
        words = phrase.split()
        # Stop before an adjunct: "said Mercer on Tuesday" -> "Mercer".
        for i, word in enumerate(words):
            if i and word.lower() in ADJUNCT_STARTS - {"from", "at", "of"}:
                phrase = " ".join(words[:i])
                break
        phrase = phrase.strip()
        if not valid_phrase(phrase):
            return None, start
        begin = start + m[start:end].index(phrase)
        return Mention(phrase, begin, begin + len(phrase)), begin + len(phrase)

    def _adjunct_only(self, start, end, cue_word=""):
        """Whether text[start:end] adds only time, place or manner (or, after "told", an
        audience: "told reporters after the meeting") to a cue."""
        rest = self.masked[start:end].strip().rstrip('.!?”"’ ').strip()
        if cue_word in {"told", "tells"}:
            words = rest.split()
            while words and words[0].lower() not in ADJUNCT_STARTS - {"told"}:
                words = words[1:]
            rest = " ".join(words)
        if not rest:
            return True
        for i, part in enumerate(re.split(r",\s*", rest)):
            first = part.split()[0].lower() if part.split() else ""
            if i and first.endswith("ing") and first != "adding":
                continue  # "…, one of the people said, speaking on condition of anonymity"
            if first and first not in ADJUNCT_STARTS and first not in WEEKDAYS:
                return False
        return True

    def _clause_end(self, start, limit):
        """Where a reported statement starting at ``start`` stops."""
        m = self.masked
        end = limit
        for marker in CLAUSE_BREAKS:
            found = m.find(marker, start, end)
            if found != -1:
                end = found
        for match in re.finditer(r",\s+(\w+ing)\b", m[start:end]):
            if match.group(1).lower() not in PARTICIPLE_KEEP:
                end = start + match.start()
                break
        for match in re.finditer(r"\s+and\s+(?:that\s+)?(?:also\s+)?(\w+)\b", m[start:end]):
            if match.group(1).lower() in SAY_VERBS | set(DENY_VERBS):
                end = start + match.start()
                break
        while end > start and self.text[end - 1] in " .;:,!\n":
            end -= 1
        return end

    # -- claims ---------------------------------------------------------------------------
    def _emit(self, start, end, mentions, cue, confidence, relay=None, kind=None):
        start, end = self._strip(start, end)
        if end - start < 3 or not mentions:
            return []
        inner = [q for q in self.quotes if start <= q.open_mark and q.outer_end <= end + 1]
        inner += [q for q in self.quotes if q.start <= start and end <= q.end]
        if kind is None:
            kind = "paraphrase"
            if inner:
                outside = self.text[start:end]
                for q in inner:
                    outside = outside.replace(self.text[q.start : q.end], " ")
                if (
                    len(inner) == 1
                    and len(re.findall(r"\w+", outside)) <= 3
                    and inner[0].start >= start
                ):
                    start, end = inner[0].start, inner[0].end
                kind = "partial"
        if (
            kind == "paraphrase"
            and len(self.text[start:end].split()) < 3
            and cue
            not in {"denied", "rejected", "dismissed", "disputed", "refuted", "denies", "rejects"}
        ):
            return []
        self.handled.update(inner)
        relay_name = relay_written = None
        if relay:
            relay_name = self.registry.resolve(relay, relay.start)
            relay_written = relay.written
        made = []
        for mention in mentions:
            name = self.registry.resolve(mention, mention.start, self.unit_start)
            if not name:
                continue
            confidence_here = confidence - (0.15 if mention.kind == "pronoun" else 0)
            candidate = Candidate(
                self.text[start:end],
                start,
                end,
                name,
                mention.written,
                relay_name,
                relay_written,
                kind,
                cue,
                round(confidence_here, 2),
            )
            if any(c.start == start and c.end == end and c.speaker == name for c in self.found):
                continue
            self.found.append(candidate)
            self.registry.spoke(mention, name)
            self.para_speaker = (mention, name)
            made.append(candidate)
        return made

    def _strip(self, start, end):
        while start < end and self.text[start] in " \n\t,“‘\"'":
            start += 1
        while end > start and self.text[end - 1] in " \n\t,;:":
            end -= 1
        return start, end

    def _quote_at(self, position, limit=QUOTE_REACH):
        """The quotation opening within ``limit`` characters after ``position``."""
        gap = re.match(r"[\s,:]*", self.masked[position : position + limit])
        for quote in self.quotes:
            if position <= quote.open_mark <= position + gap.end():
                return quote
        return None

    def _quote_before(self, position):
        """The quotation that ends just before ``position`` (only spaces and commas between)."""
        for quote in self.quotes:
            tail_start = quote.outer_end
            if tail_start <= position and not self.masked[tail_start:position].strip(" ,"):
                return quote
        return None

    def _statement_after(self, cue, unit_end):
        """What a leading cue introduces: ('quote', Quote) or ('clause', start) or None."""
        m = self.masked
        position = cue.end
        if cue.word in {"told", "tells"}:
            match = re.match(r"\s+((?:[\w’'-]+\s+){0,3}?)(?=that\s)", m[position:unit_end])
            audience = re.match(r"\s+(?:the\s+|a\s+)?([\w’'-]+)", m[position:unit_end])
            if match:
                position += match.end()
            elif audience and (
                audience.group(1).lower() in AUDIENCES or audience.group(1)[:1].isupper()
            ):
                position += audience.end()
            else:
                return None
        quote = self._quote_at(position, 3)
        if quote:
            return "quote", quote
        that = re.match(
            r"(?:\s*,)?((?:\s+(?:in|on|at|during|after|before|last|this|earlier|late|early|"
            r"outside|to|via|through|from|when|while)\b[^,\x00“”\"]{0,50}?)|(?:\s*,[^,\x00]{0,50},))?"
            r"\s*\bthat\s+",
            m[position:unit_end],
        )
        if that:
            return "clause", position + that.end()
        adjunct_quote = re.match(
            r"(?:\s+(?:in|on|at|during|after|before|to|from)\b[^,\x00“”\"]"
            r"{0,50}?)?\s*[:,]\s*[“‘\"']",
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
                if first not in ADJUNCT_STARTS | {"to", "for", "about", "with", "of", "it."}:
                    return "clause", position + bare.end()
        return None

    def _unit(self, start, end, unit_quotes):
        self.unit_start = start
        cues = list(self._cues(start, end))
        taken = []  # (start, end) already read as part of a statement or attribution

        def free(position):
            return not any(a <= position < b for a, b in taken)

        # 1. Relays: "X quoted Y as saying …", "Y was quoted by X as saying …".
        for cue in cues:
            if cue.word != "quoted" or not free(cue.start):
                continue
            rest = self.masked[cue.end : end]
            passive = re.match(r"\s+by\s+(.+?)\s+as\s+saying\b", rest)
            active = re.match(r"\s+(.+?)\s+as\s+saying\b", rest)
            if passive:
                relays, _ = self._subject_before(cue.start, start)
                relay = Mention(
                    passive.group(1), cue.end + passive.start(1), cue.end + passive.end(1)
                )
                speakers = relays
                relays = [relay]
                after = cue.end + passive.end()
                lead = speakers and min(s.start for s in speakers)
            elif active:
                relays, lead = self._subject_before(cue.start, start)
                speaker_phrase = active.group(1)
                if not valid_phrase(speaker_phrase):
                    continue
                speakers = [
                    Mention(speaker_phrase, cue.end + active.start(1), cue.end + active.end(1))
                ]
                after = cue.end + active.end()
            else:
                continue
            if not speakers or not relays:
                continue
            said = self._statement_after(_Cue("saying", after - 6, after), end)
            if said is None:
                continue
            kind, value = said
            if kind == "quote":
                made = self._emit(
                    value.start,
                    value.end,
                    speakers,
                    "quoted as saying",
                    0.9,
                    relays[0],
                    "direct"
                    if value.start < len(self.text) and self.text[value.start].isupper()
                    else "partial",
                )
                self.handled.add(value)
                taken.append((cue.start, value.outer_end))
            else:
                clause_end = self._clause_end(value, end)
                made = self._emit(value, clause_end, speakers, "quoted as saying", 0.85, relays[0])
                taken.append((cue.start, clause_end))
            if made and lead is not None:
                taken.append((lead, cue.start))

        # 2. A trailing attribution closes the sentence: "<statement>, X said."
        for cue in reversed(cues):
            if (
                cue.word == "quoted"
                or not free(cue.start)
                or cue.word in ACCUSE_VERBS | set(DENY_VERBS)
            ):
                continue
            made = self._trailing(cue, start, end, taken)
            if made:
                break

        # 3. Leading attributions and answers, left to right.
        for cue in cues:
            if not free(cue.start) or cue.word == "quoted":
                continue
            if cue.word in ACCUSE_VERBS:
                self._accusation(cue, start, end, taken)
            elif cue.word in DENY_VERBS:
                self._denial(cue, start, end, taken)
            elif cue.word == "according to":
                self._according_to_leading(cue, start, end, taken)
            elif cue.word in PARTICIPLE_CUES:
                self._participle(cue, start, end, taken)
            else:
                self._leading(cue, start, end, taken)

    def _floor(self, position, unit_start):
        """Where the phrase before ``position`` may begin: the unit, or after a quotation
        that stands right before it ("“…,” bank President Helena Marquardt told")."""
        floor = unit_start
        first = bisect_left(self.quote_opens, unit_start)
        last = bisect_left(self.quote_opens, position)
        for quote in self.quotes[first:last]:
            gap = self.masked[quote.outer_end : position].lstrip(" ,")
            if quote.outer_end <= position and "," not in gap:
                floor = max(floor, quote.outer_end)
        return floor

    def _trailing(self, cue, start, end, taken):
        m = self.masked
        if cue.word == "according to":
            mention, after = self._according_phrase(cue.end, end)
            if mention is None or not self._adjunct_only(after, end):
                return False
            region_end = cue.start
            return self._trailing_statement(
                start, region_end, [mention], "according to", None, end, taken
            )
        after_cue = cue.end
        speakers, lead = [], None
        floor = self._floor(cue.start, start)
        before = m[floor : cue.start].rstrip()
        inverted = (
            before.endswith(",")
            or (before == "" and floor > start)
            or before.endswith(("”", '"', "’"))
        )
        mention = None
        if inverted and cue.word in SAY_VERBS:
            mention, after_cue = self._phrase_after(cue.end, end)
        if mention is not None:
            # The statement ends at the comma before the verb; after a quotation (floor
            # past the unit start) the quotation itself is the statement.
            speakers, lead = [mention], floor + before.rfind(",")
            tail = m[after_cue:end].strip()
            if tail and not tail.startswith(",") and not self._adjunct_only(after_cue, end):
                return False
        else:
            speakers, lead = self._subject_before(cue.start, floor)
            if not speakers or lead is None or (lead <= start and floor == start):
                return False
            if not self._adjunct_only(cue.end, end, cue.word):
                # "said, according to X" is handled by the according-to rule.
                return False
        if floor > start:  # "“…,” she said." — the quotation before the attribution
            quote = self._quote_before(floor)
            if quote is None or not speakers:
                return False
            self._emit_quote(quote, speakers, cue.word, 0.9)
            self.handled.add(quote)
            taken.append((quote.open_mark, end))
            return True
        return self._trailing_statement(start, lead, speakers, cue.word, None, end, taken)

    def _trailing_statement(self, start, region_end, speakers, cue_word, relay, end, taken):
        """The statement before a trailing attribution, or a relayed one inside it."""
        region_start = start
        opening = re.match(
            r"\s*(?:But|And|So|Yet|Still|However|Meanwhile),?\s+", self.masked[start:region_end]
        )
        if opening:
            region_start += opening.end()
        # "Kim said <statement>, KCNA reported": Kim speaks, KCNA relays.
        for cue in self._cues(region_start, region_end):
            if cue.word not in SAY_VERBS or cue.word in {"show", "shows", "showed", "found"}:
                continue
            inner, lead = self._subject_before(cue.start, region_start)
            if not inner or lead is None:
                continue
            phrase_start = min(s.start for s in inner)
            before = self.masked[region_start:lead].strip(" ,")
            quote = self._quote_before(lead + 1) if before else None
            if quote and quote.open_mark <= region_start + 1:
                # "“…,” Lena Voss said, according to OBC": a relayed quotation.
                made = self._emit_quote(quote, inner, cue.word, 0.85, speakers[0])
                taken.append((region_start, end))
                return bool(made)
            if self.masked[region_start:phrase_start].strip():
                break
            said = self._statement_after(cue, region_end)
            if said and said[0] == "clause":
                clause_end = self._clause_end(said[1], region_end)
                made = self._emit(said[1], clause_end, inner, cue.word, 0.8, speakers[0])
                taken.append((region_start, end))
                return bool(made)
            if said and said[0] == "quote":
                quote = said[1]
                made = self._emit_quote(quote, inner, cue.word, 0.85, speakers[0])
                taken.append((region_start, end))
                return bool(made)
            break
        statement_end = self._clause_end(region_start, region_end)
        quote = next(
            (
                q
                for q in self.quotes
                if q.open_mark <= region_start + 1
                and q.outer_end >= statement_end - 1
                and q.start >= start
            ),
            None,
        )
        if quote:
            made = self._emit_quote(quote, speakers, cue_word, 0.9, relay)
        else:
            made = self._emit(region_start, statement_end, speakers, cue_word, 0.8, relay)
        if made:
            taken.append((start, end))
        return bool(made)

    def _emit_quote(self, quote, speakers, cue, confidence, relay=None):
        """Record a quotation's words: direct, or partial if it starts mid-sentence."""
        return self._emit(
            quote.start, quote.end, speakers, cue, confidence, relay, self._quote_kind(quote)
        )

    def _quote_kind(self, quote):
        first = self.text[quote.start]
        return "direct" if first.isupper() or first.isdigit() else "partial"

    def _according_phrase(self, position, end):
        """The source after 'according to', cut to its longest valid beginning."""
        match = re.match(r"\s*([^,;:.\x00“”\"]+)", self.masked[position:end])
        if not match:
            return None, position
        words = match.group(1).split()
        # "North Korean state media and videos posted on social media": the first source.
        if " and " in match.group(1):
            head, tail = match.group(1).split(" and ", 1)
            if tail[:1].islower():
                words = head.split()
        for size in range(len(words), 0, -1):
            phrase = " ".join(words[:size])
            if valid_phrase(phrase):
                begin = position + self.masked[position:end].index(phrase)
                full_end = position + match.end()
                return Mention(phrase, begin, begin + len(phrase)), full_end
        return None, position

    def _according_to_leading(self, cue, start, end, taken):
        """'According to X, <statement>.'"""
        if self.masked[start : cue.start].strip():
            return
        mention, after = self._according_phrase(cue.end, end)
        comma = re.match(r"\s*,\s*", self.masked[after:end])
        if mention is None or not comma:
            return
        statement_start = after + comma.end()
        statement_end = self._clause_end(statement_start, end)
        if self._emit(statement_start, statement_end, [mention], "according to", 0.8):
            taken.append((start, end))

    def _leading(self, cue, start, end, taken):
        floor = self._floor(cue.start, start)
        speakers, lead = self._subject_before(cue.start, floor)
        confidence = 0.8
        if not speakers:
            shared = re.search(r"\band\s+(?:also\s+)?$", self.masked[floor : cue.start])
            if not shared:
                return
            # "The bank kept rates unchanged and warned that …": the sentence's subject.
            speakers = self._sentence_subject(floor, cue.start)
            confidence = 0.7
            if not speakers and self.para_speaker:
                speakers = [self.para_speaker[0]]  # "She said … and insisted that …"
            if not speakers:
                return
        said = self._statement_after(cue, end)
        if said is None:
            return
        kind, value = said
        if kind == "quote":
            if value.end and self.text[value.end - 1] == "?":
                return
            made = self._emit_quote(value, speakers, cue.word, 0.9)
            self.handled.add(value)
            if made:
                taken.append((cue.start, value.outer_end))
            return
        if cue.word in QUOTE_ONLY_VERBS:
            return
        limit = min([a for a, _ in taken if a > value] + [end])
        statement_end = self._clause_end(value, limit)
        made = self._emit(value, statement_end, speakers, cue.word, confidence)
        if made:
            taken.append((cue.start, statement_end))

    def _participle(self, cue, start, end, taken):
        """ "The court suspended the contract, ruling that …": the subject speaks."""
        speakers = self._clause_subject(start, cue.start)
        said = self._statement_after(cue, end) if speakers else None
        if said is None or said[0] != "clause":
            return
        statement_end = self._clause_end(said[1], end)
        if self._emit(said[1], statement_end, speakers, cue.word, 0.7):
            taken.append((cue.start, statement_end))

    def _clause_subject(self, start, position):
        """The speaker phrase the sentence begins with, without a trailing "on Monday"."""
        words = self.masked[start:position].split()
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
        segment = re.sub(r"\s[-–—]\s", " , ", self.masked[floor:position])
        segment = re.sub(r"\([^)]*\)", lambda x: " " * len(x.group()), segment)
        begin = max(segment.rfind(","), segment.rfind(";")) + 1
        words = segment[begin:].split()
        for size in range(min(len(words), 8), 0, -1):
            phrase = " ".join(words[:size])
            if valid_phrase(phrase) and phrase.split()[0].lower() not in {"and", "but"}:
                at = floor + begin + segment[begin:].index(words[0])
                return [Mention(phrase, at, at + len(phrase))]
        return []

    def _answer(self, cue, start, end, taken, statement_start, confidence):
        """An accusation's or a denial's statement, read from ``statement_start`` on."""
        speakers, _ = self._subject_before(cue.start, self._floor(cue.start, start))
        if not speakers:
            return [], statement_start
        statement_end = self._clause_end(statement_start, end)
        made = self._emit(statement_start, statement_end, speakers, cue.word, confidence)
        if made:
            taken.append((cue.start, statement_end))
        return made, statement_end

    def _accusation(self, cue, start, end, taken):
        """ "X accused Y of …": the statement is "Y of …"."""
        if not re.match(r"\s+(.{1,120}?)\s+of\s+", self.masked[cue.end : end]):
            return
        rest = self.masked[cue.end :]
        made, _ = self._answer(
            cue, start, end, taken, cue.end + len(rest) - len(rest.lstrip()), 0.8
        )
        for candidate in made:
            candidate.cue = "accused"
        self.accusations.extend(made)

    def _denial(self, cue, start, end, taken):
        """ "X denied that …" (the clause) or "X denied the claims" (the denial itself)."""
        that = re.match(r"\s+that\s+", self.masked[cue.end : end])
        made, statement_end = self._answer(
            cue, start, end, taken, cue.end + that.end() if that else cue.start, 0.75
        )
        # A denial of "the claims" or "the allegation" answers an earlier accusation.
        objects = re.findall(r"[a-z]+", self.masked[cue.end : statement_end].lower())[:3]
        answers = any(word in ANSWERED_NOUNS for word in objects)
        for candidate in made:
            candidate.relation = DENY_VERBS[cue.word] if answers else None

    def _unattributed(self, quote, para_start, previous_speaker):
        """A quotation with no cue: its sentence's subject, or the paragraph's speaker."""
        words = self.text[quote.start : quote.end].split()
        if len(words) < 3 or self.text[quote.end - 1 : quote.end] == "?":
            return
        subject = re.match(
            r"\s*([A-Z][^,.\x00“”\"]{1,60}),\s*([A-Z][^,.\x00“”\"]{1,40}),",
            self.masked[para_start : quote.open_mark],
        )
        speaker = None
        confidence = 0.7
        if (
            subject
            and valid_phrase(subject.group(2))
            and Mention(subject.group(2), 0, 0).kind == "person"
        ):
            begin = para_start + subject.start(2)
            speaker = Mention(subject.group(2), begin, begin + len(subject.group(2)))
            speaker.role = subject.group(1)
            confidence = 0.6
        elif self.para_speaker:
            speaker = self.para_speaker[0]
        elif previous_speaker and not self.masked[para_start : quote.open_mark].strip():
            speaker = previous_speaker[0]
            confidence = 0.5
        if speaker is None:
            return
        self._emit_quote(quote, [speaker], "", confidence)

    def _link_answers(self):
        for candidate in self.found:
            if not candidate.relation:
                continue
            earlier = [a for a in self.accusations if a.start < candidate.start]
            if earlier:
                candidate.answers = self.found.index(earlier[-1])
            else:
                candidate.relation = None
