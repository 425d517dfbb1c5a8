"""The public-benchmark path: a PolNeAR-shaped checkout (made here, in the corpus's layout;
the corpus itself is never in the repository) read into gold attributions and scored."""

import io

import pytest

from claims.extraction import evaluate
from claims.extraction.polnear import Article, GoldAttribution, parse_ann, read_split

TEXT = (
    "Senator Ann Lee said the bill would cut taxes for families. "
    "“It is a fair deal,” she told reporters. "
    "Critics believe the plan is too costly.\n"
)


def _span(text, words):
    start = TEXT.index(words)
    return f"{start} {start + len(words)}"


ANN = "\n".join(
    [
        f"T1\tSource {_span(TEXT, 'Senator Ann Lee')}\tSenator Ann Lee",
        f"T2\tCue {_span(TEXT, 'said')}\tsaid",
        f"T3\tContent {_span(TEXT, 'the bill would cut taxes for families')}\tthe bill …",
        "E1\tAttribution:T3 Content:T3 Cue:T2 Source:T1",
        f"T4\tSource {_span(TEXT, 'she')}\tshe",
        f"T5\tCue {_span(TEXT, 'told')}\ttold",
        f"T6\tContent {_span(TEXT, 'It is a fair deal')}\tIt is a fair deal",
        "E2\tAttribution:T6 Content:T6 Cue:T5 Source:T4",
        f"T7\tSource {_span(TEXT, 'Critics')}\tCritics",
        f"T8\tCue {_span(TEXT, 'believe')}\tbelieve",
        f"T9\tContent {_span(TEXT, 'the plan is too costly')}\tthe plan …",
        "E3\tAttribution:T9 Content:T9 Cue:T8 Source:T7",
        "#1\tAnnotatorNotes T9\ta note line, skipped",
        "E4\tAttribution-no-source:T99 Content:T99",  # content missing: skipped
    ]
)


@pytest.fixture
def checkout(tmp_path):
    for split in ("dev", "train", "test"):
        (tmp_path / "data" / split / "text").mkdir(parents=True)
        (tmp_path / "data" / split / "attributions").mkdir()
    dev = tmp_path / "data" / "dev"
    (dev / "text" / "nyt_2016-10-01_ab.txt").write_text(TEXT)
    (dev / "attributions" / "nyt_2016-10-01_ab_annA.ann").write_text(ANN)
    (dev / "attributions" / "nyt_2016-10-01_ab_annB.ann").write_text("")  # second annotator
    (dev / "attributions" / "wapo_2016-10-02_cd_annA.ann").write_text(ANN)  # text missing
    return tmp_path


def test_the_reader_takes_one_annotator_per_article_and_every_attribution(checkout):
    articles = read_split(checkout, "dev")
    assert [(a.name, a.publisher) for a in articles] == [("nyt_2016-10-01_ab", "nyt")]
    gold = articles[0].gold
    assert [(g.source, g.cue, g.speech) for g in gold] == [
        ("Senator Ann Lee", "said", True),
        ("she", "told", True),
        ("Critics", "believe", False),  # belief, not speech
    ]
    assert TEXT[gold[0].start : gold[0].end] == "the bill would cut taxes for families"


def test_the_test_split_cannot_be_read():
    with pytest.raises(ValueError, match="train, dev"):
        read_split("anywhere", "test")


def test_pieces_of_a_split_span_are_kept_in_order():
    text = "He said, “one,” and then “two.”"
    ann = "T1\tContent 25 29;10 13\tone two\nE1\tAttribution:T1 Content:T1"
    (gold,) = parse_ann(text, ann)
    assert gold.content == [(10, 13), (25, 29)] and (gold.source, gold.cue) == ("", "")


def test_the_report_scores_speech_and_all_attributions_per_publisher(checkout):
    out = io.StringIO()
    totals = evaluate.evaluate_polnear(checkout, "dev", verbose=True, out=out)
    report = out.getvalue()
    assert "PolNeAR dev: 1 articles (continuations grouped, overlap matching)" in report
    speech_part = report[report.index("[speech]") : report.index("[all]")]
    overall = speech_part.split("OVERALL")[1].split()
    # Both statements found with their speaker ("she" resolved to Ann Lee matches "she").
    assert overall[:2] == ["2", "2"] and overall[2:5] == ["1.00", "1.00", "1.00"]
    assert "nyt" in speech_part
    assert totals["speech"].gold == 2 and totals["all"].gold == 3


def test_the_command_scores_polnear_or_asks_for_folders(checkout, capfd):
    evaluate.main(["--polnear", str(checkout), "--split", "dev", "--limit", "1", "--no-grouping"])
    assert "every candidate on its own" in capfd.readouterr().out
    with pytest.raises(SystemExit):
        evaluate.main([])
    assert "give folders of annotated articles" in capfd.readouterr().err


def _gold(text, content, source="", cue="said", antecedent=""):
    start = text.index(content)
    return GoldAttribution([(start, start + len(content))], source, cue, antecedent)


class _Cand:
    def __init__(self, text, words, speaker):
        self.start = text.index(words)
        self.end = self.start + len(words)
        self.speaker = self.speaker_as_written = speaker


def test_a_candidate_goes_to_the_attribution_it_spans_not_one_nested_inside():
    text = "“I thought she was amazing,” he said, as he traced her career. “She is ready.”"
    said = _gold(text, text[: text.index("ready") + 6], "he")  # the quotations around
    traced = _gold(text, "her career", "he", cue="traced")  # nested, not speech
    article = Article("nyt_x", "nyt", text, [said, traced])
    whole = _Cand(text, text[1 : text.index("ready") + 6], "he")
    scores, pairs = evaluate.score_polnear_article(article, [whole])
    assert pairs == [(0, 0)] and scores["speech"].found == 1
    # Largest share covered first, as first written, gave it to the nested one.
    scores, pairs = evaluate.score_polnear_article(article, [whole], matching="coverage")
    assert pairs == [(1, 0)] and scores["speech"].found == 0


@pytest.mark.parametrize(
    ("meant", "other"),
    [
        ("Mr. Sanders", "Mrs. Clinton"),  # what it stands for, not another name
        ("Mr. Bryan", "Ryan"),  # whole words only: "Ryan" is inside "Bryan"
    ],
)
def test_a_relative_pronoun_source_is_what_it_stands_for(meant, other):
    text = f"The loss was steep for {meant}, who said he needed a day off."
    start = text.index("who")
    gold = _gold(text, "he needed a day off", "who", antecedent=text[max(0, start - 80) : start])
    assert evaluate._speaker_ok(gold, _Cand(text, "he needed a day off", meant))
    assert not evaluate._speaker_ok(gold, _Cand(text, "he needed a day off", other))


def test_the_reader_keeps_the_words_before_a_relative_pronoun_source():
    text = "It hurt Mr. Sanders, who said he was tired.\n"
    ann = "\n".join(
        [
            f"T1\tSource {text.index('who')} {text.index('who') + 3}\twho",
            f"T2\tCue {text.index('said')} {text.index('said') + 4}\tsaid",
            f"T3\tContent {text.index('he was')} {text.index('tired') + 5}\the was tired",
            "E1\tAttribution:T3 Content:T3 Cue:T2 Source:T1",
        ]
    )
    (gold,) = parse_ann(text, ann)
    assert gold.source == "who" and gold.antecedent.endswith("Mr. Sanders, ")


def test_punctuation_inside_a_name_is_ignored_on_both_sides():
    text = "“We are shocked,” one P&G Amiens employee told a station."
    gold = _gold(text, "We are shocked", "one P&G Amiens employee")
    assert evaluate._speaker_ok(gold, _Cand(text, "We are shocked", "one P&G Amiens employee"))
