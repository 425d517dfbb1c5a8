"""The extractor's output record (Candidate) and the cue record it reads from (Cue)."""

from dataclasses import asdict, dataclass

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
    speaker_kind: str = "person"  # a Speaker.Kind value, for a new speaker record
    claimed_on: str | None = None  # the dateline's date: "YYYY-MM-DD", or "--MM-DD" if no year
    # Index, in the result list, of the same speaker's statement that this cue-less
    # quotation carries on ("“…,” he said. “…”"): one attribution in two quotations.
    continues: int | None = None

    def as_dict(self):
        return asdict(self)


@dataclass
class Cue:
    """An attribution cue found in the text: the word(s) and where they stand."""

    word: str
    start: int
    end: int
