"""Building Candidates: trim a statement's span, decide direct / partial / paraphrase,
resolve each speaker mention through the registry, and record the result.

A mixin of the extractor: it appends to ``self.found``, marks quotations in
``self.handled`` and remembers ``self.para_speaker`` for quotations with no cue.
"""

import re
from bisect import bisect_left, bisect_right

from .candidate import Candidate
from .speakers import normalise, speaker_kind

NEGATED_SUBJECTS = {"no", "nobody", "none", "neither", "nor", "not"}


class Emitter:
    def _emit(self, start, end, mentions, cue, confidence, relay=None, kind=None):
        # Long because trimming, kind, dedup and registry updates must happen in this order
        # for each speaker of one statement; the parts that stand alone are helpers below.
        start, end = self._strip(start, end)
        if end - start < 3 or not mentions:
            return []
        inner = self._quotes_within(start, end) + self._quotes_around(start, end)
        if kind is None:
            start, end, kind = self._kind_of(start, end, inner)
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
            if mention.written.split()[0].lower() in NEGATED_SUBJECTS:
                continue  # "No official has said that …": nobody said it
            name = self.registry.resolve(mention, mention.start, self.unit_start)
            unresolved = not name and mention.kind == "pronoun"
            if unresolved:
                name = mention.written  # "They argue that …" with no group named before
            if not name:
                continue
            confidence_here = self._confidence(confidence, mention, name, start, end)
            if unresolved:
                confidence_here = max(0.05, confidence_here - 0.3)
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
                speaker_kind=speaker_kind(mention, name),
            )
            if (start, end, name) in self.emitted:
                continue
            self.emitted.add((start, end, name))
            self.found.append(candidate)
            self.registry.spoke(mention, name)
            self.para_speaker = (mention, name)
            made.append(candidate)
        return made

    def _confidence(self, base, mention, name, start, end):
        """``base`` (the shape's own certainty: a quotation with its cue 0.9, a paraphrase
        0.8, a continued quotation less) lowered for weaker readings: a pronoun speaker,
        a speaker resolved from a description ("the ministry" -> a name), and a speaker
        written far from the words."""
        confidence = base
        if mention.kind == "pronoun":
            confidence -= 0.15
        elif mention.weak:
            confidence -= 0.1
        elif normalise(mention.written) != normalise(name) and normalise(name) not in normalise(
            mention.written
        ):
            confidence -= 0.05
        distance = max(0, mention.start - end, start - mention.end)
        if distance > 150:
            confidence -= 0.1 if distance <= 400 else 0.2
        return max(0.05, min(1.0, confidence))

    def _quotes_within(self, start, end):
        """Quotations that open and close inside start..end (one character of slack)."""
        first = bisect_left(self.quote_opens, start)
        last = bisect_left(self.quote_opens, end + 1)
        return [q for q in self.quotes[first:last] if q.outer_end <= end + 1]

    def _quotes_around(self, start, end):
        """Quotations whose words hold all of start..end, in reading order. Walks back from
        ``start`` only while some earlier quotation still reaches ``end``."""
        around = []
        index = bisect_right(self.quote_opens, start) - 1
        while index >= 0 and self.quote_reach[index] >= end:
            quote = self.quotes[index]
            if quote.start <= start and end <= quote.end:
                around.append(quote)
            index -= 1
        return around[::-1]

    def _kind_of(self, start, end, inner):
        """(start, end, kind) of a statement holding the quotations ``inner``: a paraphrase
        without any; with one and at most three words around it, just the quotation."""
        if not inner:
            return start, end, "paraphrase"
        outside = self.text[start:end]
        for q in inner:
            outside = outside.replace(self.text[q.start : q.end], " ")
        if len(inner) == 1 and len(re.findall(r"\w+", outside)) <= 3 and inner[0].start >= start:
            start, end = inner[0].start, inner[0].end
        return start, end, "partial"

    def _strip(self, start, end):
        while start < end and self.text[start] in " \n\t,“‘\"'":
            opens = bisect_left(self.quote_opens, start)
            if opens < len(self.quotes) and self.quote_opens[opens] == start:
                break  # the mark opens a quotation inside the statement: keep it
            start += 1
        while end > start and self.text[end - 1] in " \n\t,;:":
            end -= 1
        return start, end

    def _emit_quote(self, quote, speakers, cue, confidence, relay=None):
        """Record a quotation's words: direct, or partial if it starts mid-sentence. A
        title in quotation marks ("Face the Nation", “All Bets Are Off.”) is no statement."""
        if self._is_title(quote):
            self.handled.add(quote)
            return []
        if self.text[quote.end - 1] == "?":
            confidence = min(confidence, 0.55)  # a question may hold no claim: flag it weak
        return self._emit(
            quote.start, quote.end, speakers, cue, confidence, relay, self._quote_kind(quote)
        )

    def _quote_kind(self, quote):
        first = self.text[quote.start]
        return "direct" if first.isupper() or first.isdigit() else "partial"
