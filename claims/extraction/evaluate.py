"""Score the extractor against hand-annotated articles.

    python -m claims.extraction.evaluate DIR [DIR …] [--verbose] [--no-aliases]
    python -m claims.extraction.evaluate --polnear PATH [--split dev] [--limit N] [-v]

Each NAME.json annotation (the seed format, see .annotations) beside NAME.txt is gold.
A candidate matches a gold claim when their spans overlap by at least half of the shorter
one (one-to-one); "with speaker" also requires the speaker to match: the same name after
normalising case, possessives and "the", or one name's words contained in the other's
("Marquardt" in "Helena Marquardt"), or one of the gold speaker's aliases. The gold's speaker
aliases stand in for the newsroom's speaker registry unless --no-aliases is given.

With --polnear, the extractor is scored on real news copy, the PolNeAR corpus (see
.polnear): a gold attribution is found when a candidate's span covers at least 30% of its
CONTENT span (one-to-one, largest overlaps first), and found "with speaker" when the speaker
also matches its SOURCE text (resolved name or speaker as written, same name matching as
above; a gold attribution with no source needs no speaker). Rows per publisher and overall,
for every attribution ("all") and for attributed speech only ("speech": the gold cue is a
verb of saying; candidates that match a non-speech attribution are then left out of the
count rather than called wrong). "spk acc" is the share of found attributions with a source
whose speaker is right. PolNeAR annotates one relation per cue, its content possibly in
pieces ("“…,” he said. “…”"), where the extractor proposes one candidate per quotation and
marks the later ones with ``continues``; such a chain is scored as one attribution spanning
its candidates, unless --no-grouping is given.
"""

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .annotations import AnnotationError, read_annotations
from .extractor import extract, known_aliases
from .speakers import normalise

MIN_OVERLAP = 0.5


def overlap(a_start, a_end, b_start, b_end):
    shared = min(a_end, b_end) - max(a_start, b_start)
    return max(0, shared) / max(1, min(a_end - a_start, b_end - b_start))


def same_speaker(predicted, names):
    words = set(normalise(predicted or "").split())
    for name in names:
        gold = set(normalise(name).split())
        if words and gold and (words <= gold or gold <= words):
            return True
    return False


def one_to_one(options):
    """[(gold, candidate)] from [(rank, gold, candidate)]: the best-ranked pairs first,
    each gold and each candidate used once."""
    used_gold, used_cand, pairs = set(), set(), []
    for _, gi, ci in sorted(options, reverse=True):
        if gi not in used_gold and ci not in used_cand:
            used_gold.add(gi)
            used_cand.add(ci)
            pairs.append((gi, ci))
    return pairs


@dataclass
class Score:
    candidates: int = 0
    gold: int = 0
    matched: int = 0
    matched_speaker: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)
    wrong_speaker: list = field(default_factory=list)

    def add(self, other):
        self.candidates += other.candidates
        self.gold += other.gold
        self.matched += other.matched
        self.matched_speaker += other.matched_speaker

    @staticmethod
    def prf(hits, predicted, gold):
        precision = hits / predicted if predicted else 0.0
        recall = hits / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def span(self):
        return self.prf(self.matched, self.candidates, self.gold)

    def speaker(self):
        return self.prf(self.matched_speaker, self.candidates, self.gold)


def score_article(notes, use_aliases=True):
    speakers = {s.name: (s.name, *s.aliases) for s in notes.speakers}
    known = known_aliases((s.name, s.aliases) for s in notes.speakers) if use_aliases else {}
    candidates = extract(notes.body, known)
    result = Score(candidates=len(candidates), gold=len(notes.claims))

    def pairs(need_speaker):
        options = []
        for gi, gold in enumerate(notes.claims):
            for ci, cand in enumerate(candidates):
                amount = overlap(gold.start, gold.end, cand.start, cand.end)
                if amount < MIN_OVERLAP:
                    continue
                if need_speaker and not same_speaker(cand.speaker, speakers[gold.speaker]):
                    continue
                options.append((amount, gi, ci))
        return one_to_one(options)

    span_matches = pairs(False)
    speaker_matches = pairs(True)
    result.matched, result.matched_speaker = len(span_matches), len(speaker_matches)
    hit_gold = {gi for gi, _ in span_matches}
    hit_cand = {ci for _, ci in span_matches}
    right = {(gi, ci) for gi, ci in speaker_matches}
    result.misses = [g for i, g in enumerate(notes.claims) if i not in hit_gold]
    result.extras = [c for i, c in enumerate(candidates) if i not in hit_cand]
    result.wrong_speaker = [
        (notes.claims[gi], candidates[ci])
        for gi, ci in span_matches
        if (gi, ci) not in right and gi not in {g for g, _ in right}
    ]
    return result


def _row(label, score):
    """One line of the report: counts, then P/R/F1 without and with the speaker."""
    p, r, f = score.span()
    sp, sr, sf = score.speaker()
    return (
        f"{label:32} {score.gold:4} {score.candidates:4}  {p:5.2f} {r:5.2f} {f:5.2f}   "
        f"{sp:5.2f} {sr:5.2f} {sf:6.2f}"
    )


def evaluate(paths, use_aliases=True, verbose=False, out=None):
    out = out or sys.stdout  # read when called, so that a redirected stdout is honoured
    total = Score()
    files = []
    for path in paths:
        path = Path(path)
        files += sorted(path.glob("*.json")) if path.is_dir() else [path]
    print(
        f"{'article':32} {'gold':>4} {'cand':>4}  {'P':>5} {'R':>5} {'F1':>5}   "
        f"{'P+spk':>5} {'R+spk':>5} {'F1+spk':>6}",
        file=out,
    )
    for file in files:
        notes = read_annotations(file)
        result = score_article(notes, use_aliases)
        total.add(result)
        print(_row(file.stem[:32], result), file=out)
        if verbose:
            for gold in result.misses:
                print(f"    missed  [{gold.speaker}] {gold.text[:90]!r}", file=out)
            for cand in result.extras:
                print(f"    extra   [{cand.speaker}] {cand.text[:90]!r}", file=out)
            for gold, cand in result.wrong_speaker:
                print(
                    f"    speaker {cand.speaker!r} (as {cand.speaker_as_written!r}) "
                    f"should be {gold.speaker!r}: {gold.text[:60]!r}",
                    file=out,
                )
    print(_row("TOTAL", total), file=out)
    return total


POLNEAR_OVERLAP = 0.3


def _covered(gold, cand):
    """Share of the gold content (its pieces) that the candidate's span covers."""
    size = sum(b - a for a, b in gold.content) or 1
    shared = sum(max(0, min(b, cand.end) - max(a, cand.start)) for a, b in gold.content)
    return shared / size


@dataclass
class PolnearScore:
    candidates: int = 0
    gold: int = 0
    found: int = 0
    found_speaker: int = 0
    sourced: int = 0  # found attributions that have a source
    right_speaker: int = 0

    def add(self, other):
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self, label):
        p, r, f = Score.prf(self.found, self.candidates, self.gold)
        sp, sr, sf = Score.prf(self.found_speaker, self.candidates, self.gold)
        accuracy = self.right_speaker / self.sourced if self.sourced else 0.0
        return (
            f"{label:24} {self.gold:5} {self.candidates:5}  {p:5.2f} {r:5.2f} {f:5.2f}   "
            f"{sp:5.2f} {sr:5.2f} {sf:6.2f}  {accuracy:7.2f}"
        )


def _speaker_ok(gold, cand):
    if not gold.source:
        return True

    # PolNeAR's source spans keep their punctuation ("Douglas Brinkley, a historian,"): both
    # sides are compared without it ("one P&G employee" is "one P G employee" on each).
    def words(name):
        return re.sub(r"[^\w\s’'.-]", " ", name or "")

    source = words(gold.source)
    if same_speaker(words(cand.speaker), [source]) or same_speaker(
        words(cand.speaker_as_written), [source]
    ):
        return True
    # "Mr. Sanders, who said …": PolNeAR's source is "who"; the candidate names what it
    # stands for, the phrase written right before it.
    before = normalise(words(gold.antecedent)).split()
    for name in (cand.speaker_as_written, cand.speaker):
        name_words = normalise(words(name)).split()
        if before and name_words and before[-len(name_words) :] == name_words:
            return True  # whole words: "Ryan" is not the end of "Bryan"
    return False


def _overlap(gold, cand):
    """Shared length over joint length (intersection over union) of the two spans."""
    union = max(gold.end, cand.end) - min(gold.start, cand.start)
    return (min(gold.end, cand.end) - max(gold.start, cand.start)) / max(1, union)


def score_polnear_article(article, candidates, matching="overlap"):
    """{"all": PolnearScore, "speech": PolnearScore}, plus the (gold, cand) pairs found.

    A pair qualifies when the candidate covers at least 30% of the gold content; pairs are
    then taken one-to-one, best first: by intersection over union ("overlap"), so that a
    candidate spanning a whole attribution goes to it and not to a shorter attribution
    nested inside it ("…,” he said, as he traced her career …": the tracing is an
    attribution of its own), or, as first written, by the share covered ("coverage")."""
    options = []
    for gi, gold in enumerate(article.gold):
        for ci, cand in enumerate(candidates):
            if cand.end <= gold.start or cand.start >= gold.end:
                continue
            amount = _covered(gold, cand)
            if amount >= POLNEAR_OVERLAP:
                rank = _overlap(gold, cand) if matching == "overlap" else amount
                options.append((rank, gi, ci))
    pairs = one_to_one(options)
    scores = {}
    for subset in ("all", "speech"):
        wanted = {i for i, g in enumerate(article.gold) if subset == "all" or g.speech}
        other_hits = {ci for gi, ci in pairs if gi not in wanted}
        score = PolnearScore(candidates=len(candidates) - len(other_hits), gold=len(wanted))
        for gi, ci in pairs:
            if gi not in wanted:
                continue
            gold, cand = article.gold[gi], candidates[ci]
            score.found += 1
            ok = _speaker_ok(gold, cand)
            score.found_speaker += ok
            if gold.source:
                score.sourced += 1
                score.right_speaker += ok
        scores[subset] = score
    return scores, pairs


@dataclass
class Attribution:
    """Candidates that make one attribution: a statement and the quotations that continue
    it (Candidate.continues), as PolNeAR annotates "“…,” he said. “…”" as one relation."""

    start: int
    end: int
    speaker: str
    speaker_as_written: str
    text: str


def attributions(candidates):
    """One Attribution per chain of candidates joined by ``continues``."""
    root = list(range(len(candidates)))
    for i, cand in enumerate(candidates):
        continues = getattr(cand, "continues", None)  # absent from older candidates
        if continues is not None:
            root[i] = root[continues]  # continues always points back in the list
    groups = {}
    for i, cand in enumerate(candidates):
        groups.setdefault(root[i], []).append(cand)
    made = []
    for members in groups.values():
        first = members[0]
        start, end = min(c.start for c in members), max(c.end for c in members)
        made.append(Attribution(start, end, first.speaker, first.speaker_as_written, first.text))
    return sorted(made, key=lambda a: a.start)


def evaluate_polnear(
    path, split="dev", limit=None, verbose=False, out=None, grouping=True, matching="overlap"
):
    out = out or sys.stdout
    from .polnear import read_split

    articles = read_split(path, split, limit)
    totals = {"all": PolnearScore(), "speech": PolnearScore()}
    by_publisher = {}
    for article in articles:
        candidates = extract(article.text)
        if grouping:
            candidates = attributions(candidates)
        scores, pairs = score_polnear_article(article, candidates, matching)
        for subset, score in scores.items():
            totals[subset].add(score)
            by_publisher.setdefault((subset, article.publisher), PolnearScore()).add(score)
        if verbose:
            _polnear_details(article, candidates, pairs, out)
    how = "continuations grouped" if grouping else "every candidate on its own"
    print(f"PolNeAR {split}: {len(articles)} articles ({how}, {matching} matching)", file=out)
    header = (
        f"{'':24} {'gold':>5} {'cand':>5}  {'P':>5} {'R':>5} {'F1':>5}   "
        f"{'P+spk':>5} {'R+spk':>5} {'F1+spk':>6}  {'spk acc':>7}"
    )
    for subset in ("speech", "all"):
        print(f"\n[{subset}]", file=out)
        print(header, file=out)
        for (kind, publisher), score in sorted(by_publisher.items()):
            if kind == subset:
                print(score.row(publisher), file=out)
        print(totals[subset].row("OVERALL"), file=out)
    return totals


def _polnear_details(article, candidates, pairs, out):
    hit_gold = {gi for gi, _ in pairs}
    hit_cand = {ci for _, ci in pairs}
    print(f"== {article.name}", file=out)
    for gi, gold in enumerate(article.gold):
        if gi not in hit_gold and gold.speech:
            words = article.text[gold.start : gold.end][:90]
            print(f"    missed  [{gold.source}|{gold.cue}] {words!r}", file=out)
    for ci, cand in enumerate(candidates):
        if ci not in hit_cand:
            print(f"    extra   [{cand.speaker}] {cand.text[:90]!r}", file=out)
    for gi, ci in pairs:
        gold, cand = article.gold[gi], candidates[ci]
        if not _speaker_ok(gold, cand):
            print(
                f"    speaker {cand.speaker!r} ({cand.speaker_as_written!r}) should be "
                f"{gold.source!r}: {cand.text[:60]!r}",
                file=out,
            )


def main(argv=None):
    parser = argparse.ArgumentParser(description="Score claim extraction against gold files.")
    parser.add_argument("paths", nargs="*", help="folders of NAME.json + NAME.txt, or files")
    parser.add_argument("--polnear", metavar="PATH", help="score on a PolNeAR checkout instead")
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--limit", type=int, help="PolNeAR: only the first N articles")
    parser.add_argument(
        "--no-grouping",
        action="store_true",
        help="PolNeAR: score each candidate alone, not a quotation with its continuations",
    )
    parser.add_argument(
        "--matching",
        choices=("overlap", "coverage"),
        default="overlap",
        help="PolNeAR: pair candidates and attributions best overlap first (default), or "
        "largest share of the attribution covered first (the first version)",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and extras")
    parser.add_argument(
        "--no-aliases",
        action="store_true",
        help="do not give the extractor the gold speakers' aliases",
    )
    args = parser.parse_args(argv)
    if args.polnear:
        evaluate_polnear(
            args.polnear,
            args.split,
            args.limit,
            args.verbose,
            grouping=not args.no_grouping,
            matching=args.matching,
        )
        return
    if not args.paths:
        parser.error("give folders of annotated articles, or --polnear PATH")
    try:
        evaluate(args.paths, not args.no_aliases, args.verbose)
    except AnnotationError as exc:
        parser.exit(2, f"error: {exc}\n")


if __name__ == "__main__":
    main()
