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

from .answers import Answers
from .candidate import Candidate
from .cues import MASK, find_cues
from .emit import Emitter
from .layout import dateline, furniture, title_case
from .lexicon import (
    ACCUSE_VERBS,
    DENY_VERBS,
    NAMING_VERBS,
    PARTICIPLE_CUES,
    PROGRESSIVE,
)
from .phrases import PhraseReader
from .segment import paragraphs, quotes, units
from .shapes import Shapes, _free
from .speakers import Registry, normalise

__all__ = ["MAX_CHARS", "Candidate", "extract", "known_aliases"]

# The longest article callers should hand to extract(), in characters; refuse longer ones.
# Extraction is linear in the length (about 1-2 s for 1 MB), this bounds the wait.
MAX_CHARS = 1_000_000


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


class _Extractor(Shapes, Answers, PhraseReader, Emitter):
    """The article's state, and the order in which the parts read it."""

    def __init__(self, text, known):
        self.text = text
        self.paragraphs = list(paragraphs(text))
        # Headlines, bylines and captions: never statements, and their names are not speakers.
        self.furniture = [
            (a, b)
            for i, (a, b) in enumerate(self.paragraphs)
            if furniture(text, a, b, first=i == 0 and len(self.paragraphs) > 1)
        ]
        self.registry = Registry(text, known, skip=self.furniture)
        self.claimed_on = None  # the dateline's date, given to every candidate
        self.found = []  # Candidates so far
        self.emitted = set()  # (start, end, speaker) of each, to make each only once
        self.quotes = []  # every quotation, sorted by opening mark once all are found
        self.quote_opens = []  # their opening offsets, for bisection
        self.quote_ends = []  # (outer end, index in quotes), sorted, for bisection
        self.quote_end_offsets = []  # the outer ends alone
        self.quote_reach = []  # the furthest quotation end up to each index in quotes
        self.accusations = []  # Candidates read from "X accused Y of …"
        self.masked = text  # the text with every quotation's words replaced by MASK
        self.para_speaker = None  # (Mention, name) of the paragraph's last speaker
        self.handled = set()  # quotations of the paragraph already given a speaker
        self.unit_start = 0  # where the unit being read begins
        self.para_first = 0  # index in found of the paragraph's first candidate

    def run(self):
        """Read the article: its layout and quotations, then each paragraph's units, then
        the quotations nobody introduced; finally number the links between candidates."""
        structure, titles = self._layout()
        self._mask(titles)
        previous_speaker = None
        for start, end, para_quotes in structure:
            self.para_speaker = None
            self.para_first = len(self.found)
            self.handled = set()
            for unit_start, unit_end in units(self.text, start, end, para_quotes):
                self._unit(unit_start, unit_end)
            for quote in para_quotes:
                if quote not in self.handled:
                    self._unattributed(quote, start, previous_speaker)
            previous_speaker = self.para_speaker or previous_speaker
        self.found.sort(key=lambda c: (c.start, c.end))
        index_of = {id(candidate): i for i, candidate in enumerate(self.found)}
        for candidate in self.found:
            candidate.claimed_on = self.claimed_on
            if candidate.continues is not None:
                candidate.continues = index_of[id(candidate.continues)]
        self._link_answers()
        return self.found

    def _layout(self):
        """[(story start, end, quotations)] of the paragraphs to read (past any dateline,
        without headlines, bylines and captions), and the titles in quotation marks."""
        structure = []
        skipped = set(self.furniture)
        titles = []
        for start, end in self.paragraphs:
            para_quotes = quotes(self.text, start, end)
            # A title in quotation marks ("Face the Nation") is part of the sentence.
            titles += [q for q in para_quotes if self._is_title(q)]
            para_quotes = [q for q in para_quotes if not self._is_title(q)]
            self.quotes.extend(para_quotes)
            if (start, end) in skipped:
                continue
            story_start, date = dateline(self.text, start, end)
            self.claimed_on = self.claimed_on or date
            if story_start > start:
                para_quotes = [q for q in para_quotes if q.open_mark >= story_start]
            structure.append((story_start, end, para_quotes))
        return structure, titles

    def _mask(self, titles):
        """The masked text (quotations' words hidden, titles' marks blanked) and the
        sorted quotation indexes the look-ups bisect."""
        chars = list(self.text)
        for quote in self.quotes:
            for i in range(quote.start, quote.end):
                chars[i] = MASK
        for quote in titles:
            chars[quote.open_mark] = " "
            if quote.close_mark is not None:
                chars[quote.close_mark] = " "
        self.masked = "".join(chars).replace("\xa0", " ")  # no-break spaces read as spaces
        self.quotes.sort(key=lambda q: q.open_mark)
        self.quote_opens = [q.open_mark for q in self.quotes]
        self.quote_ends = sorted((q.outer_end, i) for i, q in enumerate(self.quotes))
        self.quote_end_offsets = [e for e, _ in self.quote_ends]
        reach = 0
        for quote in self.quotes:
            reach = max(reach, quote.end)
            self.quote_reach.append(reach)

    def _progressive(self, cue, start):
        """Whether a participle cue is finite ("is saying"): read it as a leading cue."""
        return PROGRESSIVE.search(self.masked, max(start, cue.start - 40), cue.start) is not None

    def _is_title(self, quote):
        """A title in quotation marks ("Face the Nation"), not words someone said: speech
        holds a sentence break ("“Like Oakland. Or Ferguson,”") or ends on the comma
        before its attribution."""
        words = self.text[quote.start : quote.end].split()
        if not (2 <= len(words) <= 8 and title_case(words)):
            return False
        # "told CNN’s “State of the Union,” that …": after a preposition, still a title.
        if re.search(
            r"\b(?:on|in|to|at|from|of|for|called|titled|entitled)\s*$",
            self.text[max(0, quote.open_mark - 20) : quote.open_mark],
        ):
            return True
        closing = self.text[quote.end : quote.outer_end]
        return "," not in closing and not re.search(r"[.!?] ", self.text[quote.start : quote.end])

    def _unit(self, start, end):
        """Read one sentence-like unit: relays first, then one trailing attribution, then
        leading attributions and answers left to right."""
        self.unit_start = start
        cues = list(find_cues(self.masked, start, end))
        taken = []  # (start, end) already read as part of a statement or attribution
        self._relays(cues, start, end, taken)

        # 2. A trailing attribution closes the sentence: "<statement>, X said."
        for cue in reversed(cues):
            if (
                cue.word == "quoted"
                or not _free(taken, cue.start)
                or cue.word in ACCUSE_VERBS | set(DENY_VERBS)
            ):
                continue
            made = self._trailing(cue, start, end, taken)
            if made:
                break

        # 3. Leading attributions and answers, left to right.
        for cue in cues:
            if not _free(taken, cue.start) or cue.word == "quoted":
                continue
            if cue.word in ACCUSE_VERBS:
                self._accusation(cue, start, end, taken)
            elif cue.word in DENY_VERBS:
                self._denial(cue, start, end, taken)
            elif cue.word == "according to":
                self._according_to_leading(cue, start, end, taken)
            elif cue.word in PARTICIPLE_CUES and not self._progressive(cue, start):
                self._participle(cue, start, end, taken)
            elif cue.word in NAMING_VERBS:
                self._naming(cue, start, end, taken)
            else:
                self._leading(cue, start, end, taken)
