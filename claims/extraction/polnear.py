"""Read the PolNeAR corpus (Political News Attribution Relations, networkdynamics/PolNeAR)
into texts and gold attributions, to score the extractor on real news copy.

Layout (from the corpus README): ``data/<split>/text/<article>.txt`` beside
``data/<split>/attributions/<article>_<annotator>.ann``, BRAT standoff annotations whose
``T`` lines are Source / Cue / Content spans (a span may have pieces, "0 5;9 12") and whose
``E`` lines join them into one attribution ("Attribution:T4 Content:T3 Cue:T2 Source:T1";
"Attribution-no-source" when no source is written). Offsets count characters of the text.
An article annotated by several annotators is read once, from the first annotator's file
(sorted by name). The publisher is the file name's first part ("nyt_2016-…").

Only the train and dev splits are meant to be read here; the test split is refused.

Speakers: PolNeAR's gold source is the text as written ("he", "the campaign"). The corpus
has no manual coreference, and its automatic CoreNLP coreference is not used (it is large,
automatic, and absent from many copies), so a gold source is compared to its own text: a
candidate's speaker matches when its resolved name *or* its speaker as written matches the
source text by the evaluator's usual name matching (so "he" matches a candidate read from
"he", and "Donald Trump" matches "Trump").
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

SPLITS = ("train", "dev")
# Cue words that mark attributed speech (as opposed to belief, knowledge or intention).
SPEECH_CUE = re.compile(
    r"\b(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|according|add(?:s|ed|ing)?|"
    r"state[sd]?|stating|announc\w*|declar\w*|clai?m\w*|argu\w*|insist\w*|assert\w*|"
    r"repl\w*|respond\w*|report\w*|writ\w*|wrote|tweet\w*|quot\w*|explain\w*|"
    r"not(?:ed|es|ing)|warn\w*|acknowledg\w*|admit\w*|confirm\w*|den(?:y|ies|ied|ying)|"
    r"accus\w*|call(?:s|ed)?|suggest\w*|predict\w*|promis\w*|vow\w*|pledg\w*|urg\w*|"
    r"remark\w*|comment\w*|recall\w*|mention\w*|describ\w*|ask\w*|answer\w*|"
    r"testif\w*|posted|shouted|continued|countered|conceded|boasted|complained|"
    r"charged|contended|maintained|emphasi[sz]ed|stressed|indicated|revealed|"
    r"disclosed|estimated|showed|shows|found|finds)\b",
    re.I,
)


RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
ANTECEDENT_REACH = 80  # characters before a relative pronoun that hold what it refers to


@dataclass
class GoldAttribution:
    content: list  # [(start, end)] pieces of the content span
    source: str  # the source as written, "" when the attribution has none
    cue: str
    # What a relative pronoun source ("who", "which") stands for: the words written just
    # before it ("Mr. Sanders, who said …"), "" otherwise.
    antecedent: str = ""

    @property
    def start(self):
        return self.content[0][0]

    @property
    def end(self):
        return self.content[-1][1]

    @property
    def speech(self):
        """Whether the cue is a verb of saying (not "believes", "wants", "fears")."""
        return bool(SPEECH_CUE.search(self.cue))


@dataclass
class Article:
    name: str
    publisher: str
    text: str
    gold: list = field(default_factory=list)


def _pieces(offsets):
    return [tuple(int(n) for n in piece.split()) for piece in offsets.split(";")]


def parse_ann(text, ann):
    """Gold attributions from the text of one .ann file."""
    spans = {}
    for line in ann.splitlines():
        if not line.startswith("T") or line.count("\t") < 2:
            continue  # relations, notes, and the odd malformed line
        ident, middle, _ = line.split("\t", 2)
        label, offsets = middle.split(" ", 1)
        pieces = sorted(_pieces(offsets))
        spans[ident] = (label, pieces)
    gold = []
    for line in ann.splitlines():
        if not line.startswith("E") or "\t" not in line:
            continue
        roles = dict(p.split(":", 1) for p in line.split("\t", 1)[1].split() if ":" in p)
        content = spans.get(roles.get("Content"), (None, None))[1]
        if not content:
            continue
        source = spans.get(roles.get("Source"), (None, []))[1]
        cue = spans.get(roles.get("Cue"), (None, []))[1]
        written = " ".join(text[a:b] for a, b in source)
        antecedent = ""
        if source and written.strip().lower() in RELATIVE_PRONOUNS:
            antecedent = text[max(0, source[0][0] - ANTECEDENT_REACH) : source[0][0]]
        gold.append(
            GoldAttribution(content, written, " ".join(text[a:b] for a, b in cue), antecedent)
        )
    gold.sort(key=lambda g: g.start)
    return gold


def read_split(root, split="dev", limit=None):
    """The articles of one split of a PolNeAR checkout at ``root`` (the folder holding
    ``data``, or ``data`` itself), with their gold attributions."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}")
    root = Path(root)
    if (root / "data").is_dir():
        root = root / "data"
    folder = root / split
    chosen = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(article, ann)
    articles = []
    for article, ann in sorted(chosen.items()):
        text_file = folder / "text" / f"{article}.txt"
        if not text_file.exists():
            continue
        text = text_file.read_bytes().decode("utf-8")
        gold = parse_ann(text, ann.read_bytes().decode("utf-8"))
        articles.append(Article(article, article.split("_", 1)[0], text, gold))
        if limit and len(articles) >= limit:
            break
    return articles
