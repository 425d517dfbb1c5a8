"""Accusations and denials: read "X accused Y of …" and "X denied …", and link each
denial of "the claims" to the accusation it answers.

A mixin of the extractor: accusations are kept in ``self.accusations``.
"""

import re
from bisect import bisect_left

from .lexicon import (
    ANSWERED_NOUNS,
    DENY_VERBS,
)


class Answers:
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

    def _link_answers(self):
        """Point each denial of "the claims" at the accusation it answers: the latest one
        before it that accuses the denier (by a word of their name or description, however
        many sentences back), else the latest one before it."""
        index_of = {id(candidate): i for i, candidate in enumerate(self.found)}
        accusations = sorted(self.accusations, key=lambda a: a.start)
        starts = [a.start for a in accusations]
        targets = [_target_words(a.text) for a in accusations]
        for candidate in self.found:
            if not candidate.relation:
                continue
            before = bisect_left(starts, candidate.start)
            if not before:
                candidate.relation = None
                continue
            denier = _name_words(candidate.speaker) | _name_words(candidate.speaker_as_written)
            chosen = before - 1
            for i in range(before - 1, max(-1, before - 1 - LINK_REACH), -1):
                if targets[i] & denier:
                    chosen = i
                    break
            candidate.answers = index_of[id(accusations[chosen])]


# How many earlier accusations a denial looks back through for one aimed at its speaker.
LINK_REACH = 20
_SMALL = {"the", "a", "an", "of", "and", "his", "her", "its", "their", "mr", "mrs", "ms", "dr"}


def _name_words(name):
    words = {re.sub(r"['’]s$", "", w.lower()) for w in re.findall(r"[\w’']+", name or "")}
    return words - _SMALL


def _target_words(accusation_text):
    """Who an accusation's statement ("the mayor of lying about …") accuses."""
    return _name_words(re.split(r"\s+of\s+", accusation_text, maxsplit=1)[0])
