"""Sentence shapes, one method each: relays ("X quoted Y as saying"), trailing
("<statement>, X said"), leading ("X said that …"), according-to, participle
("…, ruling that …") and quotations with no cue of their own.

A mixin of the extractor; ``taken`` lists the (start, end) ranges of a unit already read.
"""

import re
from bisect import bisect_left, bisect_right

from .candidate import Cue
from .cues import MASK, find_cues
from .lexicon import (
    QUOTE_ONLY_VERBS,
    SAY_VERBS,
    SUBORDINATORS,
)
from .phrases import loose_phrase, phrase_mention
from .speakers import Mention, valid_phrase

# After a cue inside its statement: an optional time or place, a comma, and an optional
# participle phrase ("said on Tuesday, referring to the bill, …").
PARENTHETICAL_TAIL = re.compile(
    r"(?:\s+(?:on|in|at|last|this|earlier|late|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b[^,\x00]{0,40})?\s*,\s*"
    r"(?:(?:referring|speaking|adding|noting|pointing|citing)\b[^,\x00]{0,80},\s*)?"
)
AUXILIARY = r"(?:is|are|was|were|will|would|has|have|had|can|could|should|may|might|must)\b"
FINITE_START = re.compile(AUXILIARY)
# What may follow the source of a trailing "according to" and still close the sentence:
# a parenthesis, or the source's own description ("…, according to Andy Smith, director of
# the survey center, which conducted the poll", "according to a new poll that shows …";
# after a comma, a lower-case word describes the source, as a new clause would need one).
SOURCE_DESCRIPTION = re.compile(
    r"\s*(?:\(|,\s*(?:which|who|whose|one of|a|an|the|(?!" + AUXILIARY + r")[a-z]+)\b|"
    r"(?:that|by|from|of|for|in|on|released|published|conducted|obtained)\s)"
)
# At most this many characters, and two sentence ends, between a quotation and the one it
# continues.
CONTINUATION_GAP = 300


def _free(taken, position):
    return not any(a <= position < b for a, b in taken)


class Shapes:
    def _relays(self, cues, start, end, taken):
        """ "X quoted Y as saying …", "Y was quoted by X as saying …"."""
        # Long because the active and passive relay shapes share everything after the
        # speaker and relay are found (statement, span bookkeeping); one loop keeps that once.
        for cue in cues:
            if cue.word != "quoted" or not _free(taken, cue.start):
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
            said = self._statement_after(Cue("saying", after - 6, after), end)
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

    def _trailing(self, cue, start, end, taken):
        # Long because the three trailing forms (according to, inverted "said Lim",
        # subject-verb) share the checks on what follows the cue and the quotation case.
        m = self.masked
        if cue.word == "according to":
            mention, after = self._according_phrase(cue.end, end)
            described = SOURCE_DESCRIPTION.match(self.masked, after, end) and not re.search(
                r",\s*" + AUXILIARY, self.masked[after:end]
            )  # "…, according to X, another envoy, was a decision …" runs on around it
            if mention is None or not (self._adjunct_only(after, end) or described):
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
        if inverted and cue.word in SAY_VERBS - {"told", "tells"}:  # one tells an audience
            mention, after_cue = self._phrase_after(cue.end, end)
        if mention is not None:
            # The statement ends at the comma before the verb; after a quotation (floor
            # past the unit start) the quotation itself is the statement.
            speakers, lead = [mention], floor + before.rfind(",")
            tail = m[after_cue:end].strip().rstrip('.!?”"’ ')
            if tail and not tail.startswith(",") and not self._adjunct_only(after_cue, end):
                return False
            if tail and not tail.startswith(",") and mention.kind == "pronoun":
                return False  # "Sanders, who …, said he also may …": "he" begins a clause
        else:
            speakers, lead = self._subject_before(cue.start, floor)
            if not speakers and self._adjunct_only(cue.end, end, cue.word):
                speakers, lead = self._closing_subject(cue.start, floor)
            if not speakers or lead is None or (lead <= start and floor == start):
                return False
            if not self._adjunct_only(cue.end, end, cue.word):
                # "said, according to X" is handled by the according-to rule; "The museum,
                # Mr. Obama said, would …" is a statement around its attribution.
                return self._parenthetical(cue, start, end, floor, speakers, lead, taken)
        if floor > start:  # "“…,” she said." — the quotation before the attribution
            quote = self._quote_before(floor)
            if quote is None or not speakers:
                return False
            self._emit_quote(quote, speakers, cue.word, 0.9)
            self.handled.add(quote)
            taken.append((quote.open_mark, end))
            return True
        return self._trailing_statement(start, lead, speakers, cue.word, None, end, taken)

    def _closing_subject(self, cue_start, floor):
        """ "…, one longtime friend said.": after the sentence's last comma and before a cue
        that closes it, any noun phrase is the speaker. ([Mention], lead) or ([], None)."""
        before = self.masked[floor:cue_start].rstrip()
        comma = before.rfind(",")
        phrase = before[comma + 1 :].strip() if comma != -1 else ""
        if not phrase or not loose_phrase(phrase) or MASK in phrase:
            return [], None
        begin = floor + before.index(phrase, comma)
        mention = phrase_mention(phrase, begin, begin + len(phrase), weak=True, loose=True)
        return [mention], floor + comma

    def _parenthetical(self, cue, start, end, floor, speakers, lead, taken):
        """An attribution inside its statement, between commas: "The museum, Mr. Obama
        said, would make visitors face uncomfortable truths" (one statement around it) or
        "“Every time you say that,” Tester said, referring to …, “you give ammunition …”"
        (two quotations, the second continuing the first)."""
        m = self.masked
        after = PARENTHETICAL_TAIL.match(m, cue.end, end)
        if not after or after.end() >= end or m[after.end() :].startswith("according"):
            return False
        rest = after.end()
        if floor > start:
            first, second = self._quote_before(floor), self._quote_at(rest, 3)
            if first is None or second is None:
                return False
            made = self._emit_quote(first, speakers, cue.word, 0.9)
            more = self._emit_quote(second, speakers, cue.word, 0.9)
            for earlier, later in zip(made, more, strict=False):
                later.continues = earlier
            self.handled.update({first, second})
            taken.append((first.open_mark, second.outer_end))
            return bool(made)
        if lead is None or lead <= start or m[lead] != "," or len(m[start:lead].split()) < 2:
            return False
        if self._quote_at(rest, 3) is not None:
            return False
        statement_end = self._clause_end(rest, end)
        if len(m[rest:statement_end].split()) < 3:
            return False
        opening = re.match(r"\s*(?:But|And|So|Yet|Still|However|Meanwhile),?\s+", m[start:lead])
        region_start = start + (opening.end() if opening else 0)
        made = self._emit(region_start, statement_end, speakers, cue.word, 0.75)
        if made:
            taken.append((start, end))
        return bool(made)

    def _trailing_statement(self, start, region_end, speakers, cue_word, relay, end, taken):
        """The statement before a trailing attribution, or a relayed one inside it."""
        # Long because a relayed statement inside the region ("Kim said …, KCNA
        # reported") must be tried before the plain reading, and both record ``taken``.
        region_start = start
        opening = re.match(
            r"\s*(?:But|And|So|Yet|Still|However|Meanwhile),?\s+", self.masked[start:region_end]
        )
        if opening:
            region_start += opening.end()
        # "Kim said <statement>, KCNA reported": Kim speaks, KCNA relays.
        for cue in find_cues(self.masked, region_start, region_end):
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
                for q in self.quotes[
                    bisect_left(self.quote_opens, start - 3) : bisect_right(
                        self.quote_opens, region_start + 1
                    )
                ]
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

    def _according_to_leading(self, cue, start, end, taken):
        """'According to X, <statement>.', also after a short opening ("Over the long
        term, according to the budget office, the rise …")."""
        opening = self.masked[start : cue.start].strip()
        words = opening.rstrip(",").split()
        conjunction = len(words) == 1 and words[0].lower() in SUBORDINATORS
        if opening and not conjunction and (not opening.endswith(",") or len(words) > 12):
            return
        mention, after = self._according_phrase(cue.end, end)
        comma = re.match(r"\s*,\s*", self.masked[after:end])
        if mention is None or not comma:
            return
        statement_start = after + comma.end()
        if len(words) > 6 and words[-1].lower() not in SUBORDINATORS | {"that"}:
            # "One of the decisions they have made, according to a person close to the
            # process, is to turn …": the statement runs around its source, whose
            # predicate follows it.
            if not FINITE_START.match(self.masked, statement_start, end):
                return
            statement_start = (
                start
                + len(self.masked[start : cue.start])
                - len(self.masked[start : cue.start].lstrip())
            )
        statement_end = self._clause_end(statement_start, end)
        if self._emit(statement_start, statement_end, [mention], "according to", 0.8):
            taken.append((start, end))

    def _leading(self, cue, start, end, taken):
        # Long because the fall-backs for the speaker (relative clause, coordination) and
        # for the statement (quotation, clause, relative-clause end) share the same offsets.
        floor = self._floor(cue.start, start)
        speakers, lead = self._subject_before(cue.start, floor)
        confidence = 0.8
        if not speakers:
            # "Kerr Putney, who said the footage was unclear, …": the antecedent speaks.
            relative = re.search(
                r"(?:,\s*|\s)(?:who|which)\s+(?:[a-z]+\s+){0,2}$", self.masked[floor : cue.start]
            )
            if relative:
                speakers, _ = self._subject_before(floor + relative.start(), floor)
                confidence = 0.7
        if not speakers:
            shared = re.search(
                r"\b(?:and|but|yet)\s+(?:also\s+|then\s+|later\s+|instead\s+)?$",
                self.masked[floor : cue.start],
            )
            if not shared:
                return
            # "The bank kept rates unchanged and warned that …", "Berg did not apologize,
            # but said …": the sentence's subject speaks.
            speakers = self._sentence_subject(floor, cue.start) or self._clause_subject(
                floor, cue.start
            )
            confidence = 0.7
            if not speakers and self.para_speaker:
                speakers = [self.para_speaker[0]]  # "She said … and insisted that …"
            if not speakers:
                return
        said = self._statement_after(cue, end)
        if said is None:
            return
        kind, value = said
        if kind == "quote" and self._quote_opens_clause(value, end):
            kind, value = "clause", value.open_mark  # 'said "budget reforms" would pay'
        if kind == "quote":  # a question is proposed too, flagged weak (_emit_quote)
            made = self._emit_quote(value, speakers, cue.word, 0.9)
            self.handled.add(value)
            if made:
                taken.append((cue.start, value.outer_end))
            return
        # "tweeted Monday that …", "tweeted in the early morning hours that …"
        that = re.search(r"\bthat\s+$", self.masked[cue.end : value])
        if cue.word in QUOTE_ONLY_VERBS and not that:
            return  # "responded" introduces a quotation, or a clause only with "that"
        limit = min([a for a, _ in taken if a > value] + [end])
        in_relative = re.search(r"(?:,\s*|\s)(?:who|which)\b[^,]*$", self.masked[floor : cue.start])
        if in_relative:  # "X, who said …, left": the relative clause ends at its comma
            comma = self.masked.find(",", value, limit)
            limit = comma if comma != -1 else limit
        statement_end = self._clause_end(value, limit)
        made = self._emit(value, statement_end, speakers, cue.word, confidence)
        if made:
            taken.append((cue.start, statement_end))

    def _naming(self, cue, start, end, taken):
        """ "Clinton called the Republican frontrunner “ISIS' best recruiter.”": the object
        and the quoted name, when a quotation follows within a few words."""
        floor = self._floor(cue.start, start)
        speakers, _ = self._subject_before(cue.start, floor)
        if not speakers:
            return
        first = bisect_left(self.quote_opens, cue.end)
        quote = self.quotes[first] if first < len(self.quotes) else None
        between = self.masked[cue.end : quote.open_mark] if quote else ""
        # "called Valeant's chief executive, J. Michael Pearson, “incredibly driven”": the
        # object may carry its own apposition (the unit holds one sentence), but no clause
        # break.
        if (
            quote is None
            or quote.open_mark >= end
            or len(between.split()) > 12
            or re.search(r"[;:]", between)
            or re.search(r"\b(?:for|on|in|to|off|out|up)\s*$", between)
        ):
            self._naming_plain(cue, end, speakers, taken)
            return
        statement_end = quote.end
        if re.match(r"\s+(?:for|as|over|because|after|in)\b", self.masked[quote.outer_end : end]):
            statement_end = self._clause_end(quote.outer_end, end)  # "… “a genius” for his …"
        made = self._emit(cue.end, statement_end, speakers, cue.word, 0.8, kind="partial")
        if made:
            self.handled.add(quote)
            taken.append((cue.start, quote.outer_end))

    def _naming_plain(self, cue, end, speakers, taken):
        """ "Critics call it the enforcement of political correctness": a name given to a
        pronoun object, without quotation marks, up to the end of the clause."""
        if cue.word not in {"call", "calls", "called"}:
            return
        plain = re.match(
            r"\s+(?:it|this|that|him|her|them|himself|herself|themselves|itself)\s+"
            r"(?:a|an|the|[a-z]+)\b",
            self.masked[cue.end : end],
        )
        if not plain:
            return
        statement_end = self._clause_end(cue.end, end)
        if len(self.masked[cue.end : statement_end].split()) < 3:
            return
        if self._emit(cue.end, statement_end, speakers, cue.word, 0.7):
            taken.append((cue.start, statement_end))

    def _quote_opens_clause(self, quote, end):
        """Whether a short quotation right after a cue is only the start of a clause that
        runs on ('he said "budget reforms" and unpaid taxes would finance them')."""
        words = self.text[quote.start : quote.end].split()
        after = self.masked[quote.outer_end : end].lstrip()
        return len(words) <= 4 and bool(
            re.match(
                r"(?:and|or|would|will|could|is|are|was|were|"
                r"has|have|had|can|should|must)\b",
                after,
            )
        )

    def _participle(self, cue, start, end, taken):
        """ "The court suspended the contract, ruling that …": the subject speaks."""
        speakers = self._clause_subject(start, cue.start)
        said = self._statement_after(cue, end) if speakers else None
        if said is None:
            return
        if said[0] == "quote":  # "…, saying, “She's trigger-happy and very unstable.”"
            made = self._emit_quote(said[1], speakers, cue.word, 0.75)
            if made:
                self.handled.add(said[1])
                taken.append((cue.start, said[1].outer_end))
            return
        statement_end = self._clause_end(said[1], end)
        if self._emit(said[1], statement_end, speakers, cue.word, 0.7):
            taken.append((cue.start, statement_end))

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
        for candidate in self._emit_quote(quote, [speaker], "", confidence):
            candidate.continues = self._continued(candidate)

    def _continued(self, candidate):
        """The candidate that a cue-less quotation carries on: the same speaker's statement
        just before it in the paragraph, with at most an attribution between ("“…,” he
        said. “…”"). Kept as an object until the list is final."""
        earlier = [
            c
            for c in self.found[self.para_first :]
            if c.speaker == candidate.speaker and c.end <= candidate.start and c is not candidate
        ]
        if not earlier:
            return None
        previous = max(earlier, key=lambda c: c.end)
        gap = self.masked[previous.end : candidate.start]
        if len(gap) > CONTINUATION_GAP or len(re.findall(r"[.!?][”\"’']?\s", gap)) > 2:
            return None  # more than the attribution and one more sentence between
        if re.search(r",\s*(?:adding|continuing|concluding)\b", gap):
            return None  # "…, Spicer said, adding, “…”": a second statement, cue of its own
        return previous
