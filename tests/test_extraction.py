"""The extractor, one construction at a time, plus its quality on annotated articles.

Pure Python: no database. Sentences here are made up for each rule, not taken from the
corpus articles, so the rules are checked on text they were not written against.
"""

from pathlib import Path

import pytest

from claims.extraction import MAX_CHARS, extract, known_aliases
from claims.extraction.annotations import read_annotations
from claims.extraction.evaluate import score_article

ROOT = Path(__file__).resolve().parent.parent


def only(text, **known):
    found = extract(text, known_aliases(known.items()))
    for c in found:
        assert text[c.start : c.end] == c.text  # offsets index the text unchanged
    return found


def one(text, **known):
    found = only(text, **known)
    assert len(found) == 1, [(c.speaker, c.text) for c in found]
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        'Jane Porter said: "The harvest was the worst in a decade."',
        "Jane Porter said: “The harvest was the worst in a decade.”",
        "Jane Porter said, ‘The harvest was the worst in a decade.’",
        "“The harvest was the worst in a decade,” Jane Porter said.",
        "“The harvest was the worst in a decade,” said Jane Porter, the farmers’ leader.",
    ],
)
def test_direct_quotes_in_every_kind_of_mark_with_the_attribution_before_or_after(text):
    claim = one(text)
    assert claim.speaker == "Jane Porter"
    assert claim.text.startswith("The harvest was the worst in a decade")
    assert claim.kind == "direct"


def test_a_quote_running_over_several_sentences_is_one_claim():
    text = "Mayor Lee said: “We will rebuild. It will take years. But we will do it.”"
    claim = one(text)
    assert claim.text == "We will rebuild. It will take years. But we will do it."


def test_a_quote_split_by_its_attribution_keeps_its_speaker():
    text = "“Prices will rise,” the governor, Amal Haddad, said. “Nobody can stop that now.”"
    first, second = only(text)
    assert first.speaker == second.speaker == "Amal Haddad"
    assert second.text == "Nobody can stop that now."


def test_mismatched_and_unclosed_marks_still_give_the_words():
    text = "Asked about the strike, Grant said, ‘We will not negotiate. Not this week.\n\nNext."
    claim = one(text)
    assert claim.text == "We will not negotiate. Not this week."
    assert claim.speaker == "Grant"


def test_the_speakers_whole_title_is_read_and_the_name_kept():
    text = (
        "Chief Medical Officer of the Northern Health Board Ruth Akande said that "
        "vaccination rates had fallen for the third year."
    )
    claim = one(text)
    assert claim.speaker == "Ruth Akande"
    assert claim.text == "vaccination rates had fallen for the third year"
    assert claim.kind == "paraphrase"


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The regulator warned that two banks were short of capital.", "warned"),
        ("The regulator insisted two banks were short of capital.", "insisted"),
        ("The regulator announced that two banks were short of capital.", "announced"),
        ("The regulator said in a statement that two banks were short of capital.", "said"),
        ("The regulator told reporters two banks were short of capital.", "told"),
        ("Two banks were short of capital, the regulator said on Friday.", "said"),
        ("According to the regulator, two banks were short of capital.", "according to"),
        ("Two banks were short of capital, according to the regulator.", "according to"),
    ],
)
def test_indirect_speech_in_its_usual_shapes(sentence, cue):
    claim = one(sentence)
    assert claim.text.lower().startswith("two banks were short of capital")
    assert claim.speaker.lower() == "regulator"
    assert claim.cue == cue


def test_a_study_speaks_through_its_authors():
    claim = one("A survey by the Ocean Trust found that plastic waste had doubled since 2015.")
    assert claim.speaker == "Ocean Trust"
    assert claim.text == "plastic waste had doubled since 2015"


def test_a_participle_after_a_comma_gives_the_subjects_statement():
    claim = one("The regulator fined the bank on Monday, saying that its controls had failed.")
    assert (claim.speaker.lower(), claim.cue) == ("regulator", "saying")
    assert claim.text == "its controls had failed"


def test_a_participle_without_a_comma_is_no_cue():
    found = only("The ruling party said the budget would pass.")
    assert [(c.speaker, c.cue) for c in found] == [("ruling party", "said")]


def test_a_promise_is_a_claim_about_what_will_happen():
    claim = one("The mayor promised to plant 10,000 trees by next spring.")
    assert claim.text == "to plant 10,000 trees by next spring"


def test_a_document_speaks_through_its_author_even_with_a_participle():
    claim = one(
        "A survey released on Friday by the Harbour Institute found that rents had doubled."
    )
    assert claim.speaker == "Harbour Institute"


def test_figures_can_be_a_source():
    claim = one("Exports rose by 12% last year, according to customs figures.")
    assert claim.speaker == "customs figures"


def test_accusations_and_denials_are_linked():
    text = (
        "The mining union accused Corvex of ignoring safety warnings at its Tarn site. "
        "Corvex rejected the accusation."
    )
    accusation, denial = only(text)
    assert accusation.cue == "accused" and accusation.text.startswith("Corvex of ignoring")
    assert denial.speaker == "Corvex" and denial.relation == "disputes"
    assert denial.answers == 0


def test_a_denial_by_two_groups_gives_two_claims():
    text = (
        "Inspectors accused the port of hiding fuel spills. "
        "Greek and Turkish officials denied the allegations."
    )
    speakers = {c.speaker for c in only(text) if c.cue == "denied"}
    assert speakers == {"Greek officials", "Turkish officials"}


@pytest.mark.parametrize(
    ("text", "speaker", "relay"),
    [
        (
            "The Daily Courier quoted Minister Ivo Marek as saying the border would reopen soon.",
            "Ivo Marek",
            "Daily Courier",
        ),
        (
            "Minister Ivo Marek said the border would reopen soon, the Daily Courier reported.",
            "Ivo Marek",
            "Daily Courier",
        ),
        (
            "“The border will reopen soon,” Minister Ivo Marek said, according to the Daily "
            "Courier.",
            "Ivo Marek",
            "Daily Courier",
        ),
        (
            "Minister Ivo Marek was quoted by the Daily Courier as saying the border would "
            "reopen soon.",
            "Ivo Marek",
            "Daily Courier",
        ),
    ],
)
def test_relayed_statements_name_both_speaker_and_relay(text, speaker, relay):
    claim = one(text)
    assert claim.speaker == speaker
    assert claim.relayed_by == relay
    assert "border" in claim.text


def test_later_mentions_resolve_to_the_full_name():
    text = (
        "Finance Minister Carla Benedetti presented the budget on Monday. "
        "Benedetti said the deficit would shrink next year. "
        "She added that taxes would not rise."
    )
    first, second = only(text)
    assert first.speaker == second.speaker == "Carla Benedetti"


def test_the_ministry_resolves_to_the_ministry_named_before():
    text = (
        "The Ministry of Water Resources opened an inquiry. "
        "The ministry said the dam had passed every inspection."
    )
    claim = one(text)
    assert claim.speaker == "Ministry of Water Resources"


def test_known_speakers_are_found_through_their_aliases():
    claim = one(
        "The Kremlin spokesman said talks would continue.",
        **{"Dmitry Peskov": ["The Kremlin spokesman", "Peskov"]},
    )
    assert claim.speaker == "Dmitry Peskov"


@pytest.mark.parametrize(
    "text",
    [
        "The ministry did not immediately say how many people were hurt.",
        "The company did not respond to a request for comment.",
        "The club declined to comment on the fee.",
        "It was unclear whether the talks would resume.",
        "Reporters asked whether the minister would resign.",
        "The mayor did not say when the road would reopen.",
    ],
)
def test_non_claims_are_left_out(text):
    assert only(text) == []


def test_a_question_in_quotes_is_not_a_claim():
    assert only("“Will you resign?” a reporter asked the minister.") == []


def test_scare_quotes_without_a_speaker_are_not_claims():
    assert only("The so-called “peace plan” was published on Monday.") == []


# -- quality on annotated articles -------------------------------------------------------


def test_the_seed_article_meets_the_quality_bar():
    result = score_article(read_annotations(ROOT / "seeds" / "putin-kim-vostochny.json"))
    assert result.matched_speaker >= 14  # of the 15 hand-checked statements
    precision, _, _ = result.speaker()
    assert precision >= 0.9


# Development folders only: the blind set (tests/articles/heldout-blind) is scored elsewhere.
DEV_FOLDERS = ["tests/articles", "tests/articles/dev-2", "tests/articles/dev-3"]


@pytest.mark.parametrize("folder", DEV_FOLDERS)
def test_the_test_corpus_scores_f1_of_at_least_0_9_with_the_right_speaker(folder):
    files = sorted((ROOT / folder).glob("*.json"))
    assert len(files) >= 3  # the folder was found and holds articles
    hits = candidates = gold = 0
    for path in files:
        result = score_article(read_annotations(path), use_aliases=False)
        hits += result.matched_speaker
        candidates += result.candidates
        gold += result.gold
    precision, recall = hits / candidates, hits / gold
    assert 2 * precision * recall / (precision + recall) >= 0.9


def test_every_candidate_span_is_exact_on_every_article():
    for folder in DEV_FOLDERS:
        for path in sorted((ROOT / folder).glob("*.txt")):
            text = path.read_bytes().decode("utf-8")
            for claim in extract(text):
                assert text[claim.start : claim.end] == claim.text
                assert 0 < claim.confidence <= 1


# -- size ------------------------------------------------------------------------------


def test_a_long_article_up_to_max_chars_is_read_to_the_end():
    # No timing here (tests never assert on speed); benchmarks/extraction_speed.py times it.
    paragraph = (
        "“Prices will fall by spring,” said Anna Berg, the bank's chief economist. "
        "The ministry said on Monday that exports rose sharply. "
        "'Tis the season, one trader said.\n\n"
    )
    text = (paragraph * (MAX_CHARS // len(paragraph)))[:MAX_CHARS]
    found = extract(text)
    assert len(found) >= 2 * (MAX_CHARS // len(paragraph)) - 2
    assert found[-1].start > MAX_CHARS - 2 * len(paragraph)


def test_a_long_single_paragraph_paste_is_read_to_the_end():
    sentence = "“Prices will fall,” said Anna Berg. The ministry said that exports rose sharply. "
    text = sentence * (200_000 // len(sentence))
    found = extract(text)
    assert found and found[-1].start > len(text) - 2 * len(sentence)


# -- real news copy (issue 11) -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg said Tuesday that exports rose sharply last year.",
        "Anna Berg said Wednesday night that exports rose sharply last year.",
        "Anna Berg said Tuesday exports rose sharply last year.",
    ],
)
def test_time_words_after_the_cue_stay_out_of_the_statement(text):
    claim = one(text)
    assert claim.speaker == "Anna Berg"
    assert claim.text == "exports rose sharply last year"


def test_a_coordinated_cue_after_but_gives_the_sentences_subject():
    claim = one("Senator Anna Berg did not apologize, but said the plan was sound and fair.")
    assert claim.speaker == "Anna Berg"
    assert claim.text == "the plan was sound and fair"


def test_he_said_if_goes_to_the_person_last_named_not_a_place():
    text = "Tom Reed visited Ohio on Monday. He said if the plan fails, taxes will rise."
    claim = one(text)
    assert claim.speaker == "Tom Reed"
    assert claim.text == "if the plan fails, taxes will rise"
    assert claim.speaker_as_written == "He"


def test_she_after_a_sentence_ending_in_a_place_is_the_person():
    claim = one("Anna Berg spoke in Paris. She said the plan was sound and fair.")
    assert claim.speaker == "Anna Berg"


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe, a tax expert at the Brookings Institution, said the plan was flawed.",
        "Jane Roe, 45, a teacher from Leeds, said the plan was flawed.",
        "Senator Jane Roe of Texas, the No. 2 Republican in the Senate, said the plan was flawed.",
    ],
)
def test_the_person_before_an_apposition_speaks(text):
    claim = one(text)
    assert claim.speaker == "Jane Roe"
    assert claim.text == "the plan was flawed"


def test_a_quote_in_two_single_quotes_is_a_direct_quote():
    claim = one("He thought so. ''We will build it and they will pay for it,'' Tom Reed said.")
    assert claim.speaker == "Tom Reed"
    assert claim.text == "We will build it and they will pay for it"
    assert claim.kind == "direct"


def test_a_trailing_attribution_with_an_audience_adjunct_still_reads():
    # Already so before issue 11; kept beside the new time-word handling.
    claim = one("We will build it and they will pay for it, Tom Reed said to cheers.")
    assert claim.speaker == "Tom Reed"
    assert claim.text == "We will build it and they will pay for it"


def test_a_dateline_is_not_part_of_the_statement_and_gives_the_date():
    claim = one("SEOUL, Sept. 20 (Reuters) - North Korea said on Tuesday it had tested an engine.")
    assert claim.speaker == "North Korea"
    assert claim.text == "it had tested an engine"
    assert claim.claimed_on == "--09-20"
    dated = one("WASHINGTON, Oct. 3, 2016 - The ministry said that exports rose sharply.")
    assert dated.claimed_on == "2016-10-03"


@pytest.mark.parametrize(
    "furniture",
    [
        "Obama Says African-American Museum Will Tell a Story",
        "By Jane Roe and Tom Reed",
        "Protesters march in Ohio on Monday. (AP Photo/Tom Reed)",
    ],
)
def test_headlines_bylines_and_captions_are_never_statements(furniture):
    text = f"{furniture}\n\n“The museum tells the whole story,” he said.\n"
    for claim in only(text):
        assert claim.start > len(furniture)
        assert "Museum" not in claim.speaker and "Reed" not in claim.speaker


def test_a_title_in_quotation_marks_is_not_a_quote():
    assert only("Tom Reed said on “Face the Nation” that the plan was sound.")[0].text == (
        "the plan was sound"
    )
    assert not only("Tom Reed appeared on “Face the Nation” on Sunday.")


@pytest.mark.parametrize(
    "text",
    [
        "No official has said that the plan was sound and fair.",
        "Nobody at the ministry said that the plan was sound and fair.",
    ],
)
def test_speech_denied_by_its_subject_is_no_claim(text):
    assert not only(text)


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg has not said whether she will run again for the seat.",
        "Anna Berg declined to comment on the report.",
        "Anna Berg wants to say that the plan was sound and fair.",
        "Anna Berg did not explicitly say that the plan was sound and fair.",
    ],
)
def test_negated_or_unspoken_speech_stays_no_claim(text):
    # Already so before issue 11; kept so that the looser speaker phrases cannot undo it.
    assert not only(text)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("The Kremlin said the talks were useful and frank.", "government_body"),
        ("The foreign ministry said the talks were useful and frank.", "government_body"),
        ("The government said the talks were useful and frank.", "government"),
        ("The Washington Post reported that the talks were useful and frank.", "media"),
        ("Tom Reed said the talks were useful and frank.", "person"),
        ("Local farmers said the talks were useful and frank.", "group"),
        ("Brightwater Securities said the talks were useful and frank.", "organisation"),
    ],
)
def test_the_speaker_kind_is_inferred(text, kind):
    assert one(text).speaker_kind == kind


def test_a_known_speaker_is_not_proposed_again_under_a_longer_name():
    known = {
        "Vladimir Putin": ["Putin"],
        "Ministry of Unification": ["Unification Ministry"],
        "Korean Central News Agency": ["KCNA"],
    }
    text = (
        "Vladimir Vladimirovich Putin said the talks went well. South Korea's Unification "
        "Ministry said the talks went well. The ministry said it would watch closely. "
        "North Korea's KCNA news agency said the talks went well."
    )
    speakers = [c.speaker for c in only(text, **known)]
    assert speakers == [
        "Vladimir Putin",
        "Ministry of Unification",
        "Ministry of Unification",
        "Korean Central News Agency",
    ]


def test_a_denial_answers_the_accusation_aimed_at_its_speaker_sentences_back():
    text = (
        "Anna Berg accused Mayor Tom Reed of lying about the budget. Councillor Jo Park "
        "accused the police chief of hiding the figures. The session ended late. "
        "Reed denied the accusation on Tuesday."
    )
    found = only(text)
    denial = found[-1]
    assert denial.speaker == "Tom Reed" and denial.relation == "denies"
    assert found[denial.answers].speaker == "Anna Berg"


def test_confidence_is_lower_for_weaker_readings():
    named = one("The Ministry of Trade said that exports rose sharply.")
    described = only("The Ministry of Trade opened. The ministry said that exports rose sharply.")
    assert described[0].speaker == "Ministry of Trade"
    assert described[0].confidence < named.confidence
    quoted = one("“The plan is sound,” Tom Reed said.")
    pronoun = only("Tom Reed arrived. “The plan is sound,” he said.")[0]
    paraphrase = one("Tom Reed said the plan is sound.")
    far = only(
        "Tom Reed said: “We are ready.” "
        + "The hall was full and the evening was long, with speeches and music and food. " * 3
        + "“The plan is sound and it will work.”"
    )[-1]
    assert quoted.confidence > paraphrase.confidence > pronoun.confidence
    assert far.confidence < quoted.confidence


def test_a_quoted_name_given_by_the_speaker_is_a_partial_quote():
    claim = one("Anna Berg called the mayor’s budget “a fantasy in three chapters.”")
    assert claim.speaker == "Anna Berg"
    assert claim.text == "the mayor’s budget “a fantasy in three chapters."
    assert claim.kind == "partial"
    assert not only("Anna Berg called for new rules on the budget.")


def test_telling_an_audience_after_a_comma_gives_the_subjects_statement():
    claim = one("Tom Reed spoke for an hour, telling supporters that he would win easily.")
    assert claim.speaker == "Tom Reed"
    assert claim.text == "he would win easily"


def test_a_written_quote_after_an_adjunct_without_a_colon():
    claim = one("Anna Berg wrote in a note to investors “Rates will stay high for a year.”")
    assert claim.speaker == "Anna Berg"
    assert claim.text == "Rates will stay high for a year."


def test_an_attribution_inside_its_statement_gives_one_statement_around_it():
    text = "Tom Reed opened it. The museum, Mr. Reed said, would make visitors face hard truths."
    claim = only(text)[-1]
    assert claim.speaker == "Tom Reed"
    assert claim.text == "The museum, Mr. Reed said, would make visitors face hard truths"


def test_a_quotation_split_by_a_participle_continues_the_first_part():
    text = (
        "“Every time you say that,” Jon Tester said, referring to the excuse, "
        "“you give ammunition to the people who want to break up the banks.”"
    )
    first, second = only(text)
    assert first.speaker == second.speaker == "Jon Tester"
    assert second.text.startswith("you give ammunition")
    assert second.continues == 0


def test_a_participle_after_an_auxiliary_is_a_finite_cue():
    claim = one("Tom Reed is once again saying that the election is rigged against him.")
    assert claim.speaker == "Tom Reed"
    assert claim.text == "the election is rigged against him"
    assert not only("Tom Reed is not saying that the election is rigged.")


def test_a_statement_in_a_relative_clause_ends_with_the_clause():
    claim = one("The senator, who said the plan would fail, left the chamber early.")
    assert claim.speaker == "senator"
    assert claim.text == "the plan would fail"


def test_a_place_with_a_comma_between_the_cue_and_that():
    claim = one("Anna Berg says at a campaign stop in Toledo, Ohio, that the plant will close.")
    assert claim.speaker == "Anna Berg"
    assert claim.text == "the plant will close"


def test_a_short_quotation_opening_a_clause_stays_inside_the_statement():
    claim = one('Tom Reed said "budget reforms" and unpaid taxes would pay for the ships.')
    assert claim.text == '"budget reforms" and unpaid taxes would pay for the ships'
    assert claim.kind == "partial"


def test_a_reply_verb_takes_a_clause_with_that():
    claim = one("Tom Reed responded that the figures were taken out of context.")
    assert claim.text == "the figures were taken out of context"


def test_a_cue_word_used_as_a_noun_is_no_cue():
    # Guards the name-before-the-cue reading added with issue 11 (b66508d got this right).
    claim = one("Tom Reed said the site lists many claims as false without context.")
    assert claim.text == "the site lists many claims as false without context"


# Classes of misses found on PolNeAR's train split (issue 11, second pass), in general form.


def test_an_answer_attributed_when_asked_is_a_statement():
    text = (
        "Bernie Sanders spoke at a brunch on Sunday. “Absolutely,” he said when asked by a "
        "reporter whether a contested convention remains his view."
    )
    claim = one(text)
    assert (claim.text, claim.speaker) == ("Absolutely", "Bernie Sanders")


def test_a_question_quoted_before_its_speaker_is_proposed_but_weak():
    text = (
        "“Why is he attacking me?” Donald Trump said. "
        "“He has got to knock out seven or eight guys before he gets to me.”"
    )
    question, rest = only(text)
    assert question.text == "Why is he attacking me?"
    assert question.speaker == rest.speaker == "Donald Trump"
    assert rest.continues == 0
    assert question.confidence < 0.6 <= rest.confidence  # the preview flags it as weak


def test_a_short_quotation_with_a_sentence_break_is_speech_not_a_title():
    claim = one("“Like Oakland. Or Ferguson,” Donald Trump said.")
    assert (claim.text, claim.speaker) == ("Like Oakland. Or Ferguson", "Donald Trump")


def test_the_speaker_of_a_subordinate_clause_is_its_own_subject():
    claim = one(
        "Hillary Clinton was booed at the debate when she said the attack was an attack "
        "on the president."
    )
    assert claim.speaker_as_written == "she"
    assert claim.text == "the attack was an attack on the president"


@pytest.mark.parametrize(
    ("text", "speaker", "statement"),
    [
        (
            "“My guilty pleasure is the show, starring me,” the billionaire business mogul "
            "told People.",
            "the billionaire business mogul",
            "My guilty pleasure is the show, starring me",
        ),
        (
            "In separate interviews, three former employees said disagreements broke out "
            "within the firm over the contract.",
            "three former employees",
            "disagreements broke out within the firm over the contract",
        ),
    ],
)
def test_a_noun_phrase_in_the_subjects_place_speaks(text, speaker, statement):
    claim = one(text)
    assert (claim.speaker_as_written, claim.text) == (speaker, statement)


def test_a_headline_clause_is_no_speaker_phrase():
    assert not only("Central bank holds rates, warns inflation will stay high")


@pytest.mark.parametrize(
    ("text", "source", "statement"),
    [
        (
            "Undeclared voters turn out at lower rates during primaries, according to Andy "
            "Smith, director of the Survey Center, which conducted the poll.",
            "Andy Smith",
            "Undeclared voters turn out at lower rates during primaries",
        ),
        (
            "According to F.A.A. records, the Boeing has flown about 333 hours since June.",
            "F.A.A. records",
            "the Boeing has flown about 333 hours since June",
        ),
        (
            "But according to hacked party documents, the committee asked coal companies "
            "for donations.",
            "hacked party documents",
            "the committee asked coal companies for donations",
        ),
    ],
)
def test_according_to_with_a_described_source_or_an_opening(text, source, statement):
    claim = one(text)
    assert (claim.speaker_as_written, claim.text) == (source, statement)


def test_according_to_inside_a_long_sentence_keeps_the_statement_around_it():
    text = (
        "One of the decisions they have made, according to a person close to the process, "
        "is to turn any attack on the foundation into a counterattack."
    )
    claim = one(text)
    assert claim.text.startswith("One of the decisions they have made")
    assert claim.text.endswith("into a counterattack")


def test_a_participle_phrase_after_the_name_describes_the_speaker():
    claim = one("Hillary Clinton, speaking to reporters on her plane, said the FBI resolved it.")
    assert (claim.speaker, claim.text) == ("Hillary Clinton", "the FBI resolved it")


def test_a_second_attribution_with_its_own_subject_ends_the_first_statement():
    text = (
        "Rex Early said he intends to pursue a slot as a delegate, and other party leaders "
        "said he is an example of a backer who could make it."
    )
    first, second = only(text)
    assert (first.speaker, first.text) == ("Rex Early", "he intends to pursue a slot as a delegate")
    assert second.speaker_as_written == "other party leaders"
    assert second.text == "he is an example of a backer who could make it"


def test_a_passive_participle_is_no_cue():
    claim = one(
        "But the next day, a State Department spokesman indicated that the number did not "
        "come from any analysis but was a calculation made by the campaign - a fact later "
        "confirmed by the department."
    )
    assert claim.speaker_as_written == "a State Department spokesman"


@pytest.mark.parametrize(
    ("text", "speaker", "statement"),
    [
        (
            "Others, however, say a recalibration is overdue.",
            "Others",
            "a recalibration is overdue",
        ),
        (
            "Humphrey, for example, said he is hopeful that the effort succeeds.",
            "Humphrey",
            "he is hopeful that the effort succeeds",
        ),
        (
            "Mr. Sperling, then 38, said he was advised to find a more experienced deputy.",
            "Mr. Sperling",
            "he was advised to find a more experienced deputy",
        ),
        (
            "The state officials whose laws have been invalidated say the real change has "
            "come in the makeup of the judiciary.",
            "The state officials",
            "the real change has come in the makeup of the judiciary",
        ),
        (
            "Her campaign workers here said they have been working the state since spring.",
            "Her campaign workers",
            "they have been working the state since spring",
        ),
        (
            "About four in 10 said they were angry with the way the government is operating.",
            "About four in 10",
            "they were angry with the way the government is operating",
        ),
        (
            "The Trump job marks his return to the political scene, one longtime friend said.",
            "one longtime friend",
            "The Trump job marks his return to the political scene",
        ),
        (
            "“She had made up her mind,” said one former executive who requested anonymity "
            "to avoid damaging his relationships.",
            "one former executive",
            "She had made up her mind",
        ),
    ],
)
def test_the_speaker_phrase_around_asides_and_descriptions(text, speaker, statement):
    claim = one(text)
    assert (claim.speaker_as_written, claim.text) == (speaker, statement)


def test_a_phrase_no_name_list_knows_is_named_whole():
    claim = one("About four in 10 said they were angry with the way the government is run.")
    assert claim.speaker == "About four in 10"  # not "About", its first capital


def test_a_name_given_to_an_object_with_its_own_apposition():
    claim = one(
        "Mr. Ubben called Valeant's chief executive, J. Michael Pearson, “incredibly "
        "driven” on Monday."
    )
    assert claim.speaker == "Ubben"
    assert claim.text.startswith("Valeant's chief executive") and "incredibly driven" in claim.text


def test_a_name_given_to_a_pronoun_without_quotation_marks():
    claim = one("Critics called it the enforcement of political correctness.")
    assert (claim.speaker, claim.text) == ("Critics", "it the enforcement of political correctness")
    assert not only("The senator called for an investigation into the matter.")


@pytest.mark.parametrize(
    "text",
    [
        "Ryan told a news conference they are planting the seeds for a deal.",
        "Ryan told a crowded banquet hall in Baltimore they are planting the seeds for a deal.",
    ],
)
def test_telling_a_gathering_gives_the_clause_after_it(text):
    claim = one(text)
    assert (claim.speaker, claim.text) == ("Ryan", "they are planting the seeds for a deal")


@pytest.mark.parametrize(
    ("text", "speaker", "statement"),
    [
        (
            "Minutes later, the Trump campaign issued a statement saying that Trump meant "
            "gun owners are unified.",
            "the Trump campaign",
            "Trump meant gun owners are unified",
        ),
        (
            "Rubio responded before adding that he will have to win some states in March.",
            "Rubio",
            "he will have to win some states in March",
        ),
        (
            "Bolton had a comparable assessment of the record, while saying that the "
            "candidate's recent speech reassured him.",
            "Bolton",
            "the candidate's recent speech reassured him",
        ),
    ],
)
def test_a_participle_cue_after_a_preposition_or_a_document(text, speaker, statement):
    claim = one(text)
    assert (claim.speaker_as_written, claim.text) == (speaker, statement)


@pytest.mark.parametrize(
    ("text", "speaker", "statement"),
    [
        (
            "The top three issues facing the community, respondents said, are immigration "
            "and the economy.",
            "respondents",
            "The top three issues facing the community, respondents said, are immigration "
            "and the economy",
        ),
        (
            "Several said they would rather the states decided how to spend the money.",
            "Several",
            "they would rather the states decided how to spend the money",
        ),
        (
            "As Trump began tweeting out his new nickname for her, his son said the campaign "
            "was just getting started.",
            "his son",
            "the campaign was just getting started",
        ),
        (
            "Appearing on Fox News, the GOP front-runner said the senator caused the crisis.",
            "the GOP front-runner",
            "the senator caused the crisis",
        ),
        (
            "To win the White House, candidates need 40 percent of the Hispanic vote, "
            "political analysts say; in 2012, Romney won 27 percent.",
            "political analysts",
            "To win the White House, candidates need 40 percent of the Hispanic vote",
        ),
    ],
)
def test_more_subjects_no_word_list_knows(text, speaker, statement):
    claim = one(text)
    assert (claim.speaker_as_written, claim.text) == (speaker, statement)


def test_a_loose_speaker_phrase_is_named_whole_without_its_article():
    claim = one("Appearing on Fox News, the GOP front-runner said the senator erred.")
    assert claim.speaker == "GOP front-runner"  # not "GOP"


def test_a_pronoun_after_the_verb_begins_the_statement_not_an_inverted_speaker():
    claim = one(
        "Sanders, who has already sent fundraising pleas on Canova’s behalf, said he also "
        "may campaign for him."
    )
    assert (claim.speaker, claim.text) == ("Sanders", "he also may campaign for him")


def test_a_trailing_attribution_then_adding_a_quotation():
    first, second = only(
        "Mateen left as soon as prayers were finished, Nefzi said, adding, "
        "“He was not very religious.”"
    )
    assert (first.speaker, first.text) == ("Nefzi", "Mateen left as soon as prayers were finished")
    assert (second.speaker, second.text) == ("Nefzi", "He was not very religious.")


def test_said_of_a_possessive_then_the_quotation():
    claim = one("Clinton said of Chaffetz's request: “The FBI resolved all of this.”")
    assert (claim.speaker, claim.text) == ("Clinton", "The FBI resolved all of this.")


def test_a_question_in_doubled_single_quotes_before_its_speaker():
    first, second = only(
        "''Mr. Khan made the ultimate sacrifice, didn't he?'' Mrs. Clinton said. "
        "''And what has he heard from Donald Trump? Nothing but insults.''"
    )
    assert first.speaker == second.speaker == "Clinton"
    assert second.continues == 0


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Clinton, a top aide said, is very confident in the contrast with her rival.", "top aide"),
        (
            "Days before the convention in Cleveland, Ohio, a new national poll shows Trump "
            "with his largest lead to date.",
            "poll",
        ),
    ],
)
def test_a_description_speaks_when_no_comma_closes_it_before_the_cue(text, speaker):
    claim = one(text)
    assert speaker in claim.speaker_as_written and "Clinton" not in claim.speaker_as_written
    assert "Ohio" not in claim.speaker


def test_a_quotation_after_adding_is_a_statement_of_its_own():
    first, second = only(
        "Ryan and Trump will meet next week, Spicer said, adding, “They need to sit down.”"
    )
    assert first.speaker == second.speaker == "Spicer"
    assert second.continues is None  # its own cue, not the first statement's continuation


@pytest.mark.parametrize(
    ("text", "speaker", "statement"),
    [
        (
            "Andy Smith said Trump, despite his wealth, is better placed to win the vote.",
            "Andy Smith",
            "Trump, despite his wealth, is better placed to win the vote",
        ),
        (
            "Humphrey, who calls Trump a “sociopath,” said he does not believe the effort "
            "needs an alternative.",
            "Humphrey",
            "he does not believe the effort needs an alternative",
        ),
        (
            "Mr. Manafort, citing ''the unique magic of Trump,'' said the candidate could win "
            "several states.",
            "Mr. Manafort",
            "the candidate could win several states",
        ),
        (
            "Rachel Berg, a philanthropist from Monsey, New York, said Thursday's speeches "
            "have led her to count Trump out.",
            "Rachel Berg",
            "Thursday's speeches have led her to count Trump out",
        ),
        (
            "Christine Todd Whitman, the former governor, told The Star-Ledger last week she "
            "would rather vote for Clinton.",
            "Christine Todd Whitman",
            "would rather vote for Clinton",
        ),
    ],
)
def test_asides_places_and_audiences_around_the_speaker(text, speaker, statement):
    said = [c for c in only(text) if c.cue in {"said", "told"}]
    assert len(said) == 1
    assert said[0].speaker_as_written == speaker
    assert said[0].text.endswith(statement)


def test_what_follows_a_relative_clause_after_the_cue_belongs_to_it():
    claim = one(
        "“We wanted to control the real estate,” Michael Cernech said of the course, which "
        "opened in 1971, now known as the Honda Classic."
    )
    assert (claim.speaker, claim.text) == (
        "Michael Cernech",
        "We wanted to control the real estate",
    )


@pytest.mark.parametrize(
    ("text", "speaker", "statement"),
    [
        (
            "After a marathon of speeches on Wednesday, a Democratic senator said Republicans "
            "had agreed to hold votes on background checks.",
            "a Democratic senator",
            "Republicans had agreed to hold votes on background checks",
        ),
        (
            "“People look at our election system and say ‘what a mess’,” Obama told a "
            "townhall meeting with young leaders in Ho Chi Minh City, formerly Saigon.",
            "Obama",
            "People look at our election system and say ‘what a mess’",
        ),
        (
            "Sen. Ron Johnson, R-Wis., said in an op-ed piece before a 2014 Senate Benghazi "
            "hearing, “The State Department reduced security in Libya.”",
            "Sen. Ron Johnson",
            "The State Department reduced security in Libya.",
        ),
        (
            "Yet Democratic economists, like their Republican counterparts, say taxing "
            "consumption encourages savings.",
            "Democratic economists",
            "taxing consumption encourages savings",
        ),
        (
            "More than half of respondents in the USA TODAY/Suffolk poll said the nation needs "
            "more than two parties.",
            "More than half of respondents in the USA TODAY/Suffolk poll",
            "the nation needs more than two parties",
        ),
        (
            "One delegate not on the Cruz slate, Kelly Schmidt, told POLITICO she was leaning "
            "toward Cruz.",
            "Kelly Schmidt",
            "she was leaning toward Cruz",
        ),
        (
            "Abortion opponents said the ruling illustrates the importance of the election.",
            "Abortion opponents",
            "the ruling illustrates the importance of the election",
        ),
    ],
)
def test_audiences_asides_and_groups_in_wire_copy(text, speaker, statement):
    claim = one(text)
    assert (claim.speaker_as_written, claim.text) == (speaker, statement)


def test_a_quoted_question_after_said_is_proposed_but_weak():
    claim = one("Carson said, “What does it say about people who jump on the bandwagon?”")
    assert claim.speaker == "Carson" and claim.confidence < 0.6


@pytest.mark.parametrize(
    ("text", "speaker", "statement"),
    [
        (
            "The visit became ''the high-water mark in their relationship,'' according to "
            "Mr. Rhodes.",
            "Mr. Rhodes",
            "the high-water mark in their relationship",  # three words around: the quotation
        ),
        (
            "She lost the Oregon primary but was leading in Kentucky, according to complete "
            "but unofficial returns.",
            "complete but unofficial returns",
            "She lost the Oregon primary but was leading in Kentucky",
        ),
        (
            "According to Rep. Trey Gowdy, the inquiry was partly responsible for the exposure.",
            "Rep. Trey Gowdy",
            "the inquiry was partly responsible for the exposure",
        ),
        (
            "Reince Priebus, the GOP chairman, this past week announced the creation of a "
            "website about the convention.",
            "Reince Priebus",
            "the creation of a website about the convention",
        ),
        (
            "As the parade rolled through Pasadena, CNN reported at least six planes filled "
            "the skies with messages.",
            "CNN",
            "at least six planes filled the skies with messages",
        ),
        (
            "For his part, Bush tweeted Monday that Trump is a “loser” and a “whiner.”",
            "Bush",
            "Trump is a “loser” and a “whiner.”",
        ),
        ("“Really,” she added when the TV interviewer expressed shock.", "she", "Really"),
        (
            "There is no need to move them, Kennedy wrote Linick.",
            "Kennedy",
            "There is no need to move them",
        ),
        (
            "Canova wrote to his 20,000 Twitter followers, “It’s time to end her career.”",
            "Canova",
            "It’s time to end her career.",
        ),
    ],
)
def test_sources_recipients_and_times_around_the_cue(text, speaker, statement):
    claim = one(text)
    assert (claim.speaker_as_written, claim.text) == (speaker, statement)


def test_a_title_after_a_preposition_is_no_statement_even_with_its_comma():
    found = only("Trump said on “Morning Joe,” that he is very disappointed in the committee.")
    assert [c.speaker for c in found] == ["Trump"]
    assert "Morning Joe" not in [c.text for c in found]


def test_an_opening_adverb_is_not_part_of_the_speaker():
    claim = one("Then Brafman said the government had deliberately slanted its filing.")
    assert claim.speaker_as_written == "Brafman"


@pytest.mark.parametrize(
    ("text", "speaker", "statement"),
    [
        (
            "Ham described Clinton as “a lifetime politician” in his speech.",
            "Ham",
            "Clinton as “a lifetime politician” in his speech",
        ),
        (
            "This has not gone over well with families of the victims, many of whom say the "
            "president’s claims are unfounded.",
            "many of whom",
            "the president’s claims are unfounded",
        ),
        (
            "McAuliffe has said about 20 people have shown an interest in the seat.",
            "McAuliffe",
            "about 20 people have shown an interest in the seat",
        ),
        (
            "He’s claiming that voting fraud is a big problem in this country.",
            "He",
            "voting fraud is a big problem in this country",
        ),
    ],
)
def test_descriptions_parts_of_groups_and_contractions(text, speaker, statement):
    claim = one(text)
    assert (claim.speaker_as_written, claim.text) == (speaker, statement)


def test_a_possessive_before_a_gerund_is_no_speaker():
    assert not only("Trump’s claiming victory is premature.")


def test_the_first_line_without_a_stop_is_a_headline_even_in_sentence_case():
    text = (
        "Minister denies misleading parliament over hospital waiting lists\n\n"
        "Health Minister Rosa Delgado said on Tuesday that the figures were accurate.\n"
    )
    (claim,) = only(text)
    assert claim.text == "the figures were accurate"


def test_an_object_relative_clause_has_its_own_speaker():
    claim = one(
        "The council met to discuss the test, which state news media claimed now allows "
        "the country to build warheads."
    )
    assert claim.speaker_as_written == "state news media"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“I have never been edited,” Mr. King, 82, told me.", "Mr. King"),
        ("''I have never been edited,'' Mr. King, 82, told me.", "Mr. King"),
        (
            "“This is a waste of time,” said Del. Stacey Plaskett of the Virgin Islands.",
            "Del. Stacey Plaskett of the Virgin Islands",
        ),
    ],
)
def test_the_speaker_after_a_quotation_without_its_marks_or_cut_at_a_title(text, speaker):
    assert one(text).speaker_as_written == speaker


def test_a_sentence_subject_stops_before_a_past_tense_verb():
    claim = one(
        "A reporter for USA Today spotted Stein and her press secretary and reported her "
        "presence on Twitter."
    )
    assert claim.speaker_as_written == "A reporter for USA Today"


@pytest.mark.parametrize(
    ("text", "speaker", "statement"),
    [
        (
            "John Dickey, the chief executive of Ora Media -- the company that owns the "
            "programme, which also streams on Hulu -- told me, “We're a content provider.”",
            "John Dickey",
            "We're a content provider.",
        ),
        (
            "Kall -- co-editor of a book about the debates -- said the candidate made "
            "announcements at those encounters.",
            "Kall",
            "the candidate made announcements at those encounters",
        ),
        (
            "Trump tweeted in the early morning hours that Machado was “disgusting” and a con.",
            "Trump",
            "Machado was “disgusting” and a con",
        ),
        (
            "Richard Revesz, director of the Institute for Policy Integrity, said the states "
            "were exaggerating the reach of the EPA.",
            "Richard Revesz",
            "the states were exaggerating the reach of the EPA",
        ),
        (
            "Dean, a former party chairman, poked at Trump's sniffing during the debate, "
            "tweeting, “Notice Trump sniffing all the time.”",
            "Dean",
            "Notice Trump sniffing all the time.",
        ),
        (
            "During a speech earlier in the day, Trump attacked Clinton for her record, "
            "saying, “She's trigger-happy and very unstable.”",
            "Trump",
            "She's trigger-happy and very unstable.",
        ),
        (
            "The GOP nominee complained about his mic after the debate, even suggesting he "
            "may have been sabotaged.",
            "The GOP nominee",
            "he may have been sabotaged",
        ),
    ],
)
def test_dash_asides_roles_and_participles_in_campaign_copy(text, speaker, statement):
    claim = one(text)
    assert (claim.speaker_as_written, claim.text) == (speaker, statement)


@pytest.mark.parametrize(
    ("text", "speaker", "statement"),
    [
        (
            "Connecticut’s tax commissioner says an internal review found no leak from his "
            "department.",
            "Connecticut’s tax commissioner",
            "an internal review found no leak from his department",
        ),
        (
            "Even China, Pyongyang's only ally, said it was “resolutely opposed” to the test.",
            "China",
            "it was “resolutely opposed” to the test",
        ),
        (
            "The president told African-Americans this weekend he would consider it a "
            "personal insult.",
            "The president",
            "he would consider it a personal insult",
        ),
    ],
)
def test_possessives_and_weekend_audiences(text, speaker, statement):
    claim = one(text)
    assert (claim.speaker_as_written, claim.text) == (speaker, statement)


def test_an_unknown_noun_phrase_after_said_is_no_speaker_when_a_statement_follows():
    claim = one(
        "Phil Smith, a spokesman for the miners' union, said the union expected production "
        "to improve when the market recovered."
    )
    assert claim.speaker_as_written == "Phil Smith"
    assert claim.text.startswith("the union expected production to improve")


def test_a_time_adjunct_then_a_pronoun_opens_the_statement():
    claim = one("Trump said after the convention he would not accept the endorsement.")
    assert claim.text == "after the convention he would not accept the endorsement"


def test_a_place_described_after_the_trailing_cue_is_no_statement():
    claim = one(
        "“Our progress is on the ballot,” Mr. Obama said on Saturday night at the gala in "
        "Washington, where Mrs. Clinton also spoke."
    )
    assert (claim.speaker, claim.text) == ("Obama", "Our progress is on the ballot")


def test_a_one_paragraph_article_has_no_headline_to_skip():
    claim = one("Mayor Ana Ruiz said the bridge would reopen in May. (edition 2)")
    assert claim.text == "the bridge would reopen in May"


def test_a_first_line_ending_in_a_quotation_is_a_headline_too():
    text = (
        "Trump says “we will build the wall”\n\n"
        "Donald Trump said on Monday that the wall is planned.\n"
    )
    assert [c.text for c in only(text)] == ["the wall is planned"]


@pytest.mark.parametrize(
    "text",
    [
        "Smith said the plan, as the governor said last year, would fail.",
        "Smith said the company and its lawyers told regulators nothing about the leak.",
    ],
)
def test_an_aside_or_a_plural_subject_inside_the_statement_does_not_end_it(text):
    found = only(text)
    assert found and found[0].speaker == "Smith" and found[0].text.endswith(("fail", "leak"))


def test_a_state_that_is_also_a_first_name_stays_in_the_name():
    assert one("Her spokeswoman, Georgia Smith, said the bill would fail.").speaker_as_written == (
        "Georgia Smith"
    )


def test_long_capitalised_tokens_and_many_quotations_are_read_in_linear_time():
    # Each of these took seconds to minutes under an earlier pattern (nested quantifiers,
    # a search per quotation per cue). No time is asserted: a regression shows as a run
    # that hangs here; benchmarks/extraction_speed.py measures the time.
    claim = one("The plan will fail, Smith told " + "A" * 3000 + ", on Monday.")
    assert claim.text == "The plan will fail"
    assert len(only(" ".join(["“We will win the state,” he said, “and the country”"] * 300))) >= 300
