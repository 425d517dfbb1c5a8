"""Speaker phrases (claims/extraction/speakers.py) on their own: how a phrase beside a cue is
named, what kind of speaker it is, and how later mentions ("Putin", "the ministry", "she")
resolve to the speaker named earlier.

Pure Python, no database: each test is a made-up phrase or passage with the answer a reader
of the article would give.
"""

import pytest

from claims.extraction.speakers import (
    Mention,
    Registry,
    _bare,
    _is_group_noun,
    _modifier,
    _name_runs,
    _within_sentences,
    describe,
    normalise,
    speaker_kind,
    split_coordination,
    tokens,
    valid_phrase,
)

# --- normalise: one comparable form for every way a name is written ---------------------


@pytest.mark.parametrize(
    "written",
    [
        "Kremlin",
        "the Kremlin’s",
        "The Kremlin's",
        "the Kremlin‘s",
        "KREMLIN",
        " Kremlin, ",
        "Kremlin.",
        "Kremlin;",
        "Kremlin:",
    ],
)
def test_a_name_matches_however_it_is_written(written):
    assert normalise(written) == "kremlin"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("A spokesman", "spokesman"),
        ("an agency", "agency"),
        ("THE   Ministry of\nDefence", "ministry of defence"),
        ("Theodore Roosevelt", "theodore roosevelt"),  # "the" only as a word of its own
        ("Anastasia Ivanova", "anastasia ivanova"),
        ("Malcolm X", "malcolm x"),  # a one-letter last name is kept
        ("O’Brien’s aide", "o'brien aide"),
    ],
)
def test_normalise_drops_only_the_article_and_the_possessive(written, expected):
    assert normalise(written) == expected


def test_tokens_keep_acronyms_hyphens_and_apostrophes_inside_a_word():
    assert tokens("U.S. officials told Jean-Luc O’Brien’s aide, 55 percent.") == [
        "U.S.",
        "officials",
        "told",
        "Jean-Luc",
        "O’Brien’s",
        "aide",
        "55",
        "percent",
    ]
    assert tokens("I said: Putin.") == ["I", "said", "Putin"]


@pytest.mark.parametrize("word", ["Kremlin’s", "Kremlin's", "Kremlin’", "Kremlin'"])
def test_a_possessive_is_bare_of_its_apostrophe(word):
    assert _bare(word) == "Kremlin"


def test_an_apostrophe_inside_a_name_stays():
    assert _bare("O’Brien") == "O’Brien"
    assert _bare("Kremlin’s’s") == "Kremlin’s"  # only the last possessive goes


# --- which words head a speaker phrase ----------------------------------------------------


@pytest.mark.parametrize(
    "word",
    [
        "spokesman",
        "agencies",  # plural of a listed "agency"
        "ministries",
        "councils",
        "Officials",
        "analysts’",
        "memo",  # a document speaks for its author
        "physicians",  # plurals of people by what they do
        "pianists",
        "bakers",
        "sailors",
        "conservatives",
        "relatives",
    ],
)
def test_group_nouns_head_a_speaker_phrase(word):
    assert _is_group_noun(word)


@pytest.mark.parametrize("word", ["doors", "hers", "yesterday", "strongly", "crowd", "agreed"])
def test_other_words_are_no_group_nouns(word):
    assert not _is_group_noun(word)


@pytest.mark.parametrize("word", ["55", "veteran", "presidential", "teary-eyed", "state-run"])
def test_modifiers_stand_before_a_head(word):
    assert _modifier(word)


@pytest.mark.parametrize(
    "word", ["said", "agreed", "reported", "quickly", "saying", "because", "they", "O’Brien", "3rd"]
)
def test_verbs_adverbs_pronouns_and_odd_tokens_are_no_modifiers(word):
    assert not _modifier(word)


# --- valid_phrase: can this phrase speak? ------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "she",
        "They",
        "Putin",
        "the club",
        "the crowd",  # a determiner and a noun right before the verb
        "a neighbour",
        "An onlooker",
        "Russian President Vladimir Putin",
        "Ursula von der Leyen",
        "farmers in the delta",
        "Rachel Hughes of the county police",
        "a poll published on Monday by the Ridgeway Institute",
        "the shipping company",
        "GOP presidential candidate Ben Carson",
        "outspoken Putin",
        "55 percent",
        "the chief executive of the National Bank of the Republic of Korea",  # 12 words
        "Russian and North Korean officials",
        "the Kremlin’s",
        "U.S. officials",
        "Some of the residents",
        "a number of junior doctors",
        "a report released yesterday",
        "that Russian diplomat",
    ],
)
def test_phrases_that_can_speak(phrase):
    assert valid_phrase(phrase) is True


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "...",
        "it said",
        "Putin also",
        "reportedly Putin",
        "Ben Carson presidential",
        "all the former",
        "some local",
        "the 55",
        "his crowd",
        "said",
        "yesterday",
        "Putin agreed",
        "a study said to have been",
        "when the war began",
        # 13 words: too long to be the subject of a cue
        "the chief executive of the National Bank of the Republic of South Korea",
    ],
)
def test_phrases_that_cannot_speak(phrase):
    assert valid_phrase(phrase) is False


# --- describe: name, role and kind of a phrase --------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "name", "role"),
    [
        ("Foreign Minister Lena Voss", "Lena Voss", "Foreign Minister"),
        ("Russian President Vladimir Putin", "Vladimir Putin", "Russian President"),
        ("President Joe Biden", "Joe Biden", "President"),
        ("Chancellor Olaf Scholz", "Olaf Scholz", "Chancellor"),
        ("GOP presidential candidate Ben Carson", "Ben Carson", "GOP presidential candidate"),
        ("Secretary of State Antony Blinken", "Antony Blinken", "Secretary of State"),
        ("Rachel Hughes of the county police", "Rachel Hughes", "the county police"),
        ("Vladimir Putin’s", "Vladimir Putin", ""),
        ("Vladimir Putin (pictured)", "Vladimir Putin", ""),
        ("Kim Jong Un", "Kim Jong Un", ""),
        ("Putin", "Putin", ""),
        ("But Putin", "Putin", ""),
        ("So Putin", "Putin", ""),
        ("Bernie Sanders", "Bernie Sanders", ""),  # a name that ends like a plural noun
        ("Malcolm X", "Malcolm X", ""),
        ("Ana Ruiz, 45", "Ana Ruiz", ""),  # the age after the name is no part of it
        ("Mr X", "X", "Mr"),  # one capital letter is an initial, no acronym
        ("Russian diplomat Ushakov of the foreign ministry", "Ushakov", "the foreign ministry"),
        ("Foreign Minister Lena Voss of Germany", "Lena Voss", "Germany"),
        ("President Biden of the United States", "Biden", "the United States"),
    ],
)
def test_a_person_is_named_without_their_title(phrase, name, role):
    assert describe(phrase) == (name, role, "person")


@pytest.mark.parametrize(
    "honorific",
    ["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof", "Prof.", "Sir", "Dame"],
)
def test_an_honorific_is_stripped_from_the_name(honorific):
    name, role, kind = describe(f"{honorific} Ann Lee")
    assert (name, kind) == ("Ann Lee", "person")
    assert role == honorific.rstrip(".")


@pytest.mark.parametrize(
    "phrase",
    [
        "Ludwig van Beethoven",
        "Osama bin Laden",
        "Charles de Gaulle",
        "Ursula von Leyen",
        "Hafez al Assad",
        "Leonardo da Vinci",
        "Daphne du Maurier",
        "Guillermo del Toro",
        "Fiorello la Guardia",
        "Marine le Pen",
        "Rogier der Kinderen",
        "Anna den Hartog",
        "Giovanni di Lorenzo",
    ],
)
def test_a_particle_inside_a_name_is_kept(phrase):
    assert describe(phrase) == (phrase, "", "person")


@pytest.mark.parametrize("phrase", ["Ursula von der Leyen", "Johannes van den Berg"])
def test_a_name_with_two_particles_is_kept_whole(phrase):
    assert describe(phrase)[0] == phrase


def test_a_particle_ends_no_name_and_starts_none():
    assert _name_runs(["Ludwig", "van"]) == [(0, ["Ludwig"])]
    assert _name_runs(["de", "Gaulle"]) == [(1, ["Gaulle"])]
    assert _name_runs(["Ludwig", "van", "the"]) == [(0, ["Ludwig"])]
    assert _name_runs(["Ludwig", "van", "the", "Great"]) == [(0, ["Ludwig"]), (3, ["Great"])]
    assert _name_runs(["Ludwig", "van", "der"]) == [(0, ["Ludwig"])]


def test_two_particles_join_a_name_only_when_a_name_follows_them():
    # The name after the pair is looked up ahead of the particle, wherever the run starts.
    assert _name_runs(["met", "Ursula", "von", "der", "Leyen"]) == [
        (1, ["Ursula", "von", "der", "Leyen"])
    ]


def test_name_runs_are_split_by_titles_and_organisations():
    words = ["Kremlin", "aide", "Yuri", "Ushakov’s", "Mr", "Kim"]
    assert _name_runs(words) == [(2, ["Yuri", "Ushakov"]), (5, ["Kim"])]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the Kremlin’s", ("Kremlin", "", "org")),
        ("Reuters", ("Reuters", "", "org")),
        ("the BBC", ("BBC", "", "org")),
        ("the agency KCNA", ("KCNA", "agency", "org")),
        ("the Ministry of Water Resources", ("Ministry of Water Resources", "", "org")),
        ("And the ministry", ("ministry", "", "org")),
        ("the shipping company", ("shipping company", "", "org")),
        ("the New York Times", ("New York Times", "", "org")),
        ("analysts at Brightwater Securities", ("Brightwater Securities", "analysts", "org")),
        ("a spokesman for the Kremlin", ("Kremlin", "spokesman", "org")),
        ("analysts from Brightwater Securities", ("Brightwater Securities", "analysts", "org")),
        ("the carmaker VW", ("VW", "carmaker", "org")),
        ("the state news agency KCNA", ("KCNA", "state news agency", "org")),
        (
            "senior analysts at Brightwater Securities",
            ("Brightwater Securities", "senior analysts", "org"),
        ),
        ("the US Army Corps of Engineers", ("US Army Corps of Engineers", "", "org")),
        ("the Institute for Fiscal Studies", ("Institute for Fiscal Studies", "", "org")),
        (
            "the Department for Environment, Food and Rural Affairs",
            ("Department for Environment Food and Rural Affairs", "", "org"),
        ),
    ],
)
def test_organisations(phrase, expected):
    assert describe(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Russian officials", "Russian officials"),
        ("Pentagon officials", "Pentagon officials"),
        ("Some analysts", "analysts"),
        ("the researchers", "researchers"),
        ("the conservatives", "conservatives"),
        ("the farmers’", "farmers"),
        ("the crowd", "crowd"),
    ],
)
def test_groups_of_people(phrase, name):
    assert describe(phrase) == (name, "", "group")


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("the company spokesman", "company spokesman"),
        ("a department spokesman", "department spokesman"),
        ("the bank’s chief economist", "bank’s chief economist"),
        ("the agency director", "agency director"),
    ],
)
def test_a_role_without_a_name(phrase, name):
    assert describe(phrase) == (name, "", "role")


@pytest.mark.parametrize(
    "noun",
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "president",
        "leader",
        "lawyer",
        "judge",
        "director",
        "secretary",
        "chairman",
        "executive",
        "economist",
        "analyst",
        "specialist",
        "officer",
        "official",
        "mayor",
        "governor",
        "senator",
    ],
)
def test_a_person_named_by_their_office_is_a_role(noun):
    assert describe(f"the {noun}") == (noun, "", "role")
    assert describe(f"a ministry {noun}") == (f"ministry {noun}", "", "role")


@pytest.mark.parametrize("phrase", ["Officials", "Analysts", "Witnesses"])
def test_a_capitalised_group_noun_is_no_person(phrase):
    assert describe(phrase)[2] != "person"


@pytest.mark.parametrize(
    ("phrase", "name"),
    [("she", "she"), ("He", "he"), ("They", "they"), ("it", "it"), ("We", "we"), ("I", "i")],
)
def test_pronouns(phrase, name):
    assert describe(phrase) == (name, "", "pronoun")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("a study by the National Institute for Health", "National Institute for Health"),
        ("a report from Oxfam", "Oxfam"),
        ("a survey by The Lancet", "Lancet"),
        ("a poll published on Monday by the Ridgeway Institute", "Ridgeway Institute"),
        (
            "a study by Oxford researchers from the university",
            "Oxford researchers from the university",
        ),
    ],
)
def test_a_document_speaks_through_its_author(phrase, expected):
    assert describe(phrase) == (expected, "", "org")


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("a study published on Tuesday", "study"),
        ("the report", "report"),
        ("a study by", "study"),
        ("the latest report", "latest report"),
        ("government figures", "government figures"),
        ("the annual audit report", "annual audit report"),
    ],
)
def test_a_document_without_its_author(phrase, name):
    assert describe(phrase) == (name, "", "document")


def test_a_phrase_of_determiners_only_names_nobody():
    assert describe("the") == ("", "", "group")
    assert describe("all the") == ("", "", "group")


def test_a_phrase_beginning_with_a_preposition_is_read_without_error():
    assert describe("for the ministry")[2] == "org"
    assert describe("from the Kremlin")[2] == "org"


def test_a_mention_describes_itself():
    mention = Mention("Foreign Minister Lena Voss", 10, 36)
    assert (mention.name, mention.role, mention.kind) == ("Lena Voss", "Foreign Minister", "person")
    assert not mention.weak
    ready = Mention("Voss", 40, 44, name="Lena Voss")
    assert (ready.name, ready.role, ready.kind, ready.weak) == ("Lena Voss", "", "person", False)


# --- split_coordination ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "parts"),
    [
        ("Russian and North Korean officials", ["Russian officials", "North Korean officials"]),
        (
            "Russian and North Korean state media",
            ["Russian state media", "North Korean state media"],
        ),
        (" French and German diplomats ", ["French diplomats", "German diplomats"]),
    ],
)
def test_a_shared_group_noun_is_given_to_each_side(phrase, parts):
    assert split_coordination(phrase) == parts


@pytest.mark.parametrize(
    "phrase",
    [
        "Russian and North Korean",
        "Jane Smith and Tom Jones",
        "Smith and Jones said",
        "Russian and Korean said",
        "Russian and North Korean officials said today",
    ],
)
def test_a_phrase_without_a_shared_group_noun_stays_whole(phrase):
    assert split_coordination(phrase) == [phrase]


# --- sentences inside a run of capitalised words --------------------------------------------


def test_a_sentence_end_cuts_a_run_of_names():
    assert list(_within_sentences("Mr. Smith. She", 0)) == [(0, "Mr. Smith"), (11, "She")]
    assert list(_within_sentences("Paris. She", 10)) == [(10, "Paris"), (17, "She")]
    assert list(_within_sentences("Moscow. Putin. Kim", 5)) == [
        (5, "Moscow"),
        (13, "Putin"),
        (20, "Kim"),
    ]


@pytest.mark.parametrize("phrase", ["Mr. Smith", "J. Smith", "Gen. Sir Nick Carter", "Tom Lee"])
def test_an_initial_or_abbreviation_does_not_end_the_sentence(phrase):
    assert list(_within_sentences(phrase, 3)) == [(3, phrase)]


# --- Registry: names met in the article, and later mentions resolved --------------------------

PUTIN = (
    "Russian President Vladimir Putin met Kim Jong Un in Vostochny. "
    "Putin said the talks went well. Kim said little."
)


def at(text, phrase, nth=0):
    index = -1
    for _ in range(nth + 1):
        index = text.index(phrase, index + 1)
    return index


def resolve(registry, phrase, position, sentence_start=None):
    return registry.resolve(
        Mention(phrase, position, position + len(phrase)), position, sentence_start
    )


def test_the_names_in_the_text_are_remembered_with_their_kind_and_title():
    registry = Registry(PUTIN)
    assert registry.names == [
        (at(PUTIN, "Russian"), "Vladimir Putin", "person", True),
        (at(PUTIN, "Kim"), "Kim Jong Un", "person", False),
    ]


def test_a_last_name_resolves_to_the_full_name_named_before():
    registry = Registry(PUTIN)
    assert resolve(registry, "Putin", at(PUTIN, "Putin said")) == "Vladimir Putin"
    assert resolve(registry, "Kim", at(PUTIN, "Kim said")) == "Kim Jong Un"


def test_a_first_name_resolves_too():
    text = "Ana Ruiz, the mayor, was unmoved. Ana said the plan would fail."
    registry = Registry(text)
    assert resolve(registry, "Ana", at(text, "Ana said")) == "Ana Ruiz"


def test_a_name_mentioned_before_its_full_form_resolves_to_the_first_one_after():
    text = "Ruiz spoke first. Later, Mayor Ana Ruiz said more."
    registry = Registry(text)
    assert resolve(registry, "Ruiz", 0) == "Ana Ruiz"


def test_a_one_word_name_nobody_named_stays_as_written():
    registry = Registry(PUTIN)
    assert resolve(registry, "Lavrov", len(PUTIN)) == "Lavrov"


def test_the_titled_full_name_wins_over_a_later_untitled_namesake():
    text = (
        "Health Minister Ana Ruiz opened the clinic. Carlos Ruiz, her brother, was there. "
        "Ruiz said it was a good day."
    )
    registry = Registry(text)
    assert resolve(registry, "Ruiz", at(text, "Ruiz said")) == "Ana Ruiz"


def test_the_longer_full_name_wins_and_equals_keep_the_first():
    text = "Kim Jong Un met Kim Yo. Then Tom Kim arrived. Kim said so."
    registry = Registry(text)
    assert resolve(registry, "Kim", at(text, "Kim said")) == "Kim Jong Un"
    text = "Ana Ruiz met Tom Ruiz. Ruiz said so."
    assert resolve(Registry(text), "Ruiz", at(text, "Ruiz said")) == "Ana Ruiz"


def test_a_later_better_name_counts_only_after_it_is_named():
    text = "Carlos Ruiz spoke. Ruiz said A. Then Health Minister Ana Ruiz came. Ruiz said B."
    registry = Registry(text)
    assert resolve(registry, "Ruiz", at(text, "Ruiz said A")) == "Carlos Ruiz"
    assert resolve(registry, "Ruiz", at(text, "Ruiz said B")) == "Ana Ruiz"


def test_she_is_the_person_last_named():
    text = "The Ministry of Water Resources said on Monday. Ana Ruiz was unmoved. She said no."
    registry = Registry(text)
    assert resolve(registry, "she", at(text, "She")) == "Ana Ruiz"
    assert resolve(registry, "He", at(text, "She")) == "Ana Ruiz"
    assert resolve(registry, "I", at(text, "She")) == "Ana Ruiz"


def test_she_is_the_person_last_named_by_their_last_name():
    registry = Registry(PUTIN)
    assert resolve(registry, "he", at(PUTIN, "Kim said") - 1) == "Vladimir Putin"
    assert resolve(registry, "he", len(PUTIN)) == "Kim Jong Un"


def test_a_pronoun_before_anyone_is_named_is_unresolved():
    text = "She said so. Ana Ruiz agreed."
    assert resolve(Registry(text), "she", 0) == ""


def test_the_last_speaker_counts_when_they_spoke_after_the_last_name():
    text = "Ana Ruiz met Tom Lee on Monday. the spokeswoman said so. she added more."
    registry = Registry(text)
    assert resolve(registry, "she", at(text, "she")) == "Tom Lee"
    registry.spoke(Mention("the spokeswoman", at(text, "the spokeswoman"), 0), "Ana Ruiz")
    assert registry.last_person == "Ana Ruiz"
    assert resolve(registry, "she", at(text, "she")) == "Ana Ruiz"


def test_a_name_after_the_last_speaker_wins_over_them():
    text = "the spokeswoman said so. Tom Lee arrived. he added more."
    registry = Registry(text)
    registry.spoke(Mention("the spokeswoman", 0, 15), "Ana Ruiz")
    assert resolve(registry, "he", at(text, "he added")) == "Tom Lee"


def test_without_a_named_person_a_pronoun_is_the_last_speaker():
    text = "the spokeswoman said so. she added more."
    registry = Registry(text)
    registry.spoke(Mention("the spokeswoman", 0, 15), "Ana Ruiz")
    assert resolve(registry, "she", at(text, "she")) == "Ana Ruiz"


def test_they_and_it_are_the_last_group_or_body_that_spoke():
    text = "Officials in Kyiv said more. They added that the plan had failed."
    registry = Registry(text)
    assert resolve(registry, "they", at(text, "They")) == ""
    registry.spoke(Mention("Russian officials", 0, 17), "Russian officials")
    assert registry.last_group == "Russian officials"
    assert registry.last_person == ""
    assert resolve(registry, "they", at(text, "They")) == "Russian officials"
    assert resolve(registry, "it", at(text, "They")) == "Russian officials"


@pytest.mark.parametrize(
    ("phrase", "is_person"),
    [
        ("Ana Ruiz", True),
        ("the spokeswoman", True),
        ("she", True),
        ("he", True),
        ("the ministry", False),
        ("Russian officials", False),
        ("they", False),
        ("it", False),
        ("a study", False),
    ],
)
def test_who_spoke_is_remembered_as_a_person_or_a_group(phrase, is_person):
    registry = Registry("")
    registry.spoke(Mention(phrase, 5, 5 + len(phrase)), "Someone")
    if is_person:
        assert (registry.last_person, registry.spoken, registry.last_group) == (
            "Someone",
            (5, "Someone"),
            "",
        )
    else:
        assert (registry.last_person, registry.spoken, registry.last_group) == ("", (), "Someone")


def test_the_ministry_resolves_to_the_ministry_named_before():
    text = (
        "The Ministry of Water Resources said on Monday. Ana Ruiz was unmoved. "
        "The ministry said it would appeal."
    )
    registry = Registry(text)
    assert registry.names[0] == (0, "Ministry of Water Resources", "org", False)
    position = at(text, "The ministry")
    assert resolve(registry, "the ministry", position) == "Ministry of Water Resources"
    assert resolve(registry, "a ministry spokesman", position) == "Ministry of Water Resources"
    # before the ministry is named, it is only "ministry"
    assert resolve(registry, "the ministry", 0) == "ministry"
    # without "the", the phrase names a body of its own
    assert resolve(registry, "Ministry", position) == "Ministry"


def test_the_most_recent_organisation_with_the_head_noun_is_chosen():
    text = "The Ministry of Health spoke. The Ministry of Finance spoke. The ministry said so."
    registry = Registry(text)
    assert resolve(registry, "the ministry", at(text, "The ministry")) == "Ministry of Finance"
    assert resolve(registry, "the ministry", at(text, "The Ministry of Finance")) == (
        "Ministry of Health"
    )


def test_the_company_is_the_body_the_sentence_began_with():
    text = "Gazprom Neft and the Kremlin agreed. The company said prices would rise."
    registry = Registry(text)
    start = at(text, "The company")
    assert resolve(registry, "the company", start + 4) == "Kremlin"  # most recent organisation
    text = "Acme Foods, a firm in Ohio, said the company would grow."
    registry = Registry(text)
    position = at(text, "the company")
    assert resolve(registry, "the company", position, sentence_start=0) == "Acme Foods"


def test_the_company_skips_titled_people_and_takes_the_first_untitled_name():
    text = "Chief Executive Ana Ruiz of Brightwater Securities said the firm would grow."
    registry = Registry(text)
    titled = [name for _, name, _, titled in registry.names if titled]
    assert titled  # Ana Ruiz, named with her title
    position = at(text, "the firm")
    found = resolve(registry, "the firm", position, sentence_start=0)
    assert found not in titled


def test_the_company_without_any_body_stays_as_written():
    text = "Prices rose. The company said so."
    registry = Registry(text)
    assert resolve(registry, "the company", at(text, "The company"), sentence_start=13) == (
        "company"
    )
    assert resolve(registry, "the company", at(text, "The company")) == "company"


def test_the_study_is_the_one_the_article_attributes():
    text = (
        "A study by the Ridgeway Institute for Policy found rents rose. Officials disputed it. "
        "According to the study, rents rose."
    )
    registry = Registry(text)
    assert resolve(registry, "the study", at(text, "the study")) == "Ridgeway Institute for Policy"


def test_a_study_without_its_author_is_the_body_named_soon_after():
    text = "According to the survey, rents rose, the Housing Council said."
    registry = Registry(text)
    assert resolve(registry, "the survey", at(text, "the survey")) == "Housing Council"


def test_a_study_with_no_body_named_nearby_stays_a_study():
    text = (
        "According to the survey, rents rose." + " Rents rose." * 40 + " The Housing Council spoke."
    )
    registry = Registry(text)
    assert resolve(registry, "the survey", at(text, "the survey")) == "survey"
    assert resolve(registry, "the survey", at(text, "the survey")) == "survey"  # cached
    text = "Rents rose, the Housing Council said. According to the survey, rents rose."
    registry = Registry(text)
    assert resolve(registry, "the survey", at(text, "the survey")) == "survey"


def test_a_headline_names_nobody():
    text = "Obama Says Museum Will Tell\n\nOn Monday, Ana Ruiz said the museum would open."
    registry = Registry(text, skip=[(0, 27)])
    assert [name for _, name, _, _ in registry.names] == ["Ana Ruiz"]
    registry = Registry(text)
    assert len(registry.names) > 1


def test_a_skipped_span_ends_where_it_says():
    text = "Breaking News Today\nOn Monday, Ana Ruiz said the museum would open."
    registry = Registry(text, skip=[(0, 5)])
    assert (at(text, "Ana"), "Ana Ruiz", "person", False) in registry.names


def test_organisations_and_acronyms_are_remembered_as_bodies():
    text = "The Kremlin and the agency KCNA said so. Brightwater Securities agreed. Tom Lee spoke."
    names = Registry(text).names
    assert (at(text, "The Kremlin"), "Kremlin", "org", False) in names
    assert (at(text, "KCNA"), "KCNA", "org", False) in names
    assert (at(text, "Brightwater"), "Brightwater Securities", "org", False) in names
    assert (at(text, "Tom"), "Tom Lee", "person", False) in names


def test_a_sentence_opening_word_is_no_part_of_a_name():
    text = "Meanwhile Ana Ruiz said so. However, Lee disagreed."
    names = Registry(text).names
    assert names == [(at(text, "Meanwhile"), "Ana Ruiz", "person", False)]


def test_a_single_word_is_not_remembered_as_a_person():
    text = "Putin said so. The Ministry spoke."
    names = Registry(text).names
    assert all(name != "Putin" for _, name, _, _ in names)


def test_two_names_that_describe_no_person_are_still_remembered():
    text = "Kremlin Vostochny spoke."
    names = Registry(text).names
    assert names == [(0, "Kremlin Vostochny", "org", False)]


# --- the newsroom's known speakers ---------------------------------------------------------

KNOWN = {
    "kcna": "Korean Central News Agency",
    "vladimir putin": "Vladimir Putin",
    "putin": "Vladimir Putin",
    "unification ministry": "Ministry of Unification",
    "post": "The Washington Post",
}


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Putin", "Vladimir Putin"),
        ("the Kremlin’s Putin", "Vladimir Putin"),
        ("Vladimir Vladimirovich Putin", "Vladimir Putin"),
        ("President Putin", "Vladimir Putin"),
        ("Putin’s", "Vladimir Putin"),
        ("South Korea’s Unification Ministry", "Ministry of Unification"),
        ("the national unification ministry", "Ministry of Unification"),
        ("the KCNA news agency", "Korean Central News Agency"),
        ("KCNA", "Korean Central News Agency"),
        ("the Post", "The Washington Post"),
    ],
)
def test_a_known_speaker_is_found_in_the_phrase(written, name):
    registry = Registry("", known=KNOWN)
    assert registry.known_name(written) == name
    assert registry.canonical(written) == name


@pytest.mark.parametrize("written", ["a blog post", "Kcna news", "Lavrov", "the ministry", "KC"])
def test_a_phrase_without_a_known_speaker_proposes_its_own(written):
    registry = Registry("", known=KNOWN)
    assert registry.known_name(written) is None
    assert registry.canonical(written) == written


def test_without_known_speakers_every_name_is_its_own():
    registry = Registry("")
    assert registry.known_name("Putin") is None
    assert registry.canonical("Putin") == "Putin"


def test_a_mention_resolves_to_the_known_speaker_first():
    text = "Russian President Vladimir Putin spoke. Putin said so. KCNA reported it."
    registry = Registry(text, known={"vladimir putin": "Putin, Vladimir", "kcna": "KCNA"})
    assert resolve(registry, "Putin", at(text, "Putin said")) == "Putin, Vladimir"
    assert resolve(registry, "the KCNA agency", at(text, "KCNA")) == "KCNA"


# --- speaker_kind: the newsroom's kind of speaker --------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "name", "kind"),
    [
        ("Ana Ruiz", "Ana Ruiz", "person"),
        ("the company spokesman", "company spokesman", "person"),
        ("she", "Ana Ruiz", "person"),
        ("he", "Tom Lee", "person"),
        ("I", "Ana Ruiz", "person"),
        ("Russian officials", "Russian officials", "group"),
        ("they", "Russian officials", "group"),
        ("they", "Gazprom", "organisation"),
        ("Gazprom", "Gazprom", "person"),  # a lone name reads as a person's
        ("the Acme company", "Acme company", "organisation"),
        ("Reuters", "Reuters", "media"),
        ("the New York Times", "New York Times", "media"),
        ("it", "Russian state television", "media"),
        ("the Post’s", "Post", "media"),
        ("the government", "government", "government"),
        ("the administration", "administration", "government"),
        ("the United States", "United States", "government"),
        ("the Kremlin", "Kremlin", "government_body"),
        ("the ministry", "Ministry of Water Resources", "government_body"),
        ("the agency’s", "agency", "government_body"),
        ("it", "the Pentagon’s", "government_body"),
        ("it", "the White House", "government_body"),
        ("we", "the White House", "government_body"),
        ("it", "Oxfam", "organisation"),
        ("it", "Brightwater Securities", "organisation"),
        ("analysts at Brightwater Securities", "Brightwater Securities", "organisation"),
        ("we", "Russian farmers", "group"),
        ("a study", "Ridgeway Institute", "organisation"),
    ],
)
def test_the_speaker_kind_is_inferred(phrase, name, kind):
    assert speaker_kind(Mention(phrase, 0, len(phrase)), name) == kind


@pytest.mark.parametrize("phrase", ["the mayor", "the governor", "the senator"])
def test_a_person_named_by_office_alone_is_a_role(phrase):
    assert describe(phrase)[2] == "role"


# --- more of the registry: which earlier name a later mention stands for -------------------


def test_she_after_a_first_name_mention_is_that_person():
    text = "Ana Ruiz met Tom Lee on Monday. Later Ana spoke to reporters. She said no."
    registry = Registry(text)
    assert resolve(registry, "she", at(text, "She")) == "Ana Ruiz"


def test_he_after_the_last_word_of_a_three_word_name():
    text = "John Quincy Adams met Ana Ruiz. Adams spoke later. He said so."
    registry = Registry(text)
    assert resolve(registry, "he", at(text, "He")) == "John Quincy Adams"
    assert resolve(registry, "Adams", at(text, "Adams spoke")) == "John Quincy Adams"


def test_a_titled_one_word_name_is_remembered_for_he():
    text = "President Putin met reporters. He said the talks went well."
    registry = Registry(text)
    assert resolve(registry, "he", at(text, "He")) == "Putin"


def test_an_organisation_named_after_a_person_does_not_take_their_name():
    text = "Ana Ruiz set up the Ruiz Family Foundation in 2010. Ruiz said it would grow."
    registry = Registry(text)
    assert resolve(registry, "Ruiz", at(text, "Ruiz said")) == "Ana Ruiz"


def test_an_initial_is_no_acronym():
    names = Registry("Michael J. Fox spoke on Monday.").names
    assert [kind for _, _, kind, _ in names] == ["person"]


def test_a_body_named_by_a_group_noun_is_remembered_as_one():
    text = "The Campaign for Nuclear Disarmament said so."
    names = Registry(text).names
    assert names == [(0, "Campaign for Nuclear Disarmament", "org", False)]


def test_a_two_letter_acronym_makes_an_organisation():
    names = Registry("UN Women said so.").names
    assert names == [(0, "UN Women", "org", False)]


def test_a_name_right_after_a_skipped_span_is_kept():
    text = "breaking: Ana Ruiz said so."
    registry = Registry(text, skip=[(0, at(text, "Ana"))])
    assert registry.names == [(at(text, "Ana"), "Ana Ruiz", "person", False)]


def test_names_before_and_after_a_skipped_span_are_kept():
    text = "Ana Ruiz spoke to reporters. Photo: Getty Images. Later, Tom Lee agreed."
    skip = [(at(text, "Photo"), at(text, "Later"))]  # a caption
    names = [name for _, name, _, _ in Registry(text, skip=skip).names]
    assert names == ["Ana Ruiz", "Tom Lee"]


def test_the_company_is_the_body_named_in_its_own_sentence_not_before():
    text = "Gazprom Neft spoke on Monday. Acme Foods said the company would grow."
    registry = Registry(text)
    position = at(text, "the company")
    assert resolve(registry, "the company", position, at(text, "Acme")) == "Acme Foods"


def test_the_company_ignores_bodies_named_after_it():
    text = "Prices rose, the company said, and Acme Foods agreed."
    registry = Registry(text)
    assert resolve(registry, "the company", at(text, "the company"), 0) == "company"


@pytest.mark.xfail(strict=True, reason="the sentence's first untitled name may be a person's")
def test_the_company_is_never_a_person():
    text = "Ana Ruiz said the company would grow."
    registry = Registry(text)
    assert resolve(registry, "the company", at(text, "the company"), 0) != "Ana Ruiz"


@pytest.mark.parametrize(
    "head",
    ["company", "firm", "group", "club", "team", "bank", "broadcaster", "newspaper"],
)
def test_a_generic_head_is_the_body_the_sentence_began_with(head):
    text = f"Brightwater Holdings said on Monday that the {head} would grow."
    registry = Registry(text)
    position = at(text, f"the {head}")
    assert resolve(registry, f"the {head}", position, 0) == "Brightwater Holdings"


def test_a_plain_noun_is_no_generic_head():
    text = "Brightwater Holdings said on Monday that the agency would grow."
    registry = Registry(text)
    assert resolve(registry, "the agency", at(text, "the agency"), 0) == "agency"


def test_a_group_is_not_resolved_to_a_body_sharing_its_noun():
    text = "The Farmers Union called a strike. The farmers said prices were too low."
    registry = Registry(text)
    assert resolve(registry, "the farmers", at(text, "The farmers")) == "farmers"


def test_an_agency_official_resolves_to_the_agency():
    text = "The Federal Fisheries Agency closed the port. An agency official said it was safe."
    registry = Registry(text)
    position = at(text, "An agency")
    assert resolve(registry, "an agency official", position) == "Federal Fisheries Agency"


@pytest.mark.parametrize(
    ("other", "role"),
    [
        ("Spokesman Books Ltd", "spokesman"),
        ("Spokeswoman Media Ltd", "spokeswoman"),
        ("Spokesperson Training Ltd", "spokesperson"),
        ("Official Monster Raving Loony Party", "official"),
    ],
)
def test_a_ministry_spokesman_speaks_for_the_ministry_whatever_else_is_named(other, role):
    text = f"The Ministry of Defence spoke. The {other} spoke. A ministry {role} said so."
    registry = Registry(text)
    position = at(text, "A ministry")
    assert resolve(registry, f"a ministry {role}", position) == "Ministry of Defence"


def test_the_whole_head_is_matched_before_its_modifiers():
    text = (
        "The Ministry of Finance published figures. The Finance Committee met on Monday. "
        "The finance ministry said the figures were right."
    )
    registry = Registry(text)
    position = at(text, "The finance ministry")
    assert resolve(registry, "the finance ministry", position) == "Ministry of Finance"


def test_a_known_speaker_is_found_by_the_name_described_too():
    text = "President Putin (pictured) spoke."
    registry = Registry(text, known={"putin": "Putin, Vladimir"})
    assert resolve(registry, "President Putin (pictured)", 0) == "Putin, Vladimir"


def test_a_known_three_letter_acronym_is_found():
    registry = Registry("", known={"nhs": "National Health Service"})
    assert registry.known_name("the NHS trust") == "National Health Service"


def test_a_lower_case_last_word_is_no_known_name():
    registry = Registry("", known=KNOWN)
    assert registry.known_name("a Facebook post") is None


# --- known weaknesses, kept visible: each turns into a failure once it is fixed -------------


@pytest.mark.xfail(strict=True, reason="one capitalised run spans the headline and the next line")
def test_a_name_in_the_paragraph_after_a_skipped_headline_is_remembered():
    text = "Obama Says Museum Will Tell\n\nAna Ruiz said the museum would open."
    registry = Registry(text, skip=[(0, at(text, "\n"))])
    assert [name for _, name, _, _ in registry.names] == ["Ana Ruiz"]


@pytest.mark.xfail(strict=True, reason="these heads read as a group, so resolve never tries them")
@pytest.mark.parametrize("head", ["business", "carrier", "retailer", "lender", "side"])
def test_every_generic_head_is_the_body_the_sentence_began_with(head):
    text = f"Brightwater Holdings said on Monday that the {head} would grow."
    registry = Registry(text)
    position = at(text, f"the {head}")
    assert resolve(registry, f"the {head}", position, 0) == "Brightwater Holdings"


def test_the_white_house_is_a_government_body():
    mention = Mention("the White House", 0, 15)
    assert speaker_kind(mention, mention.name) == "government_body"


def test_the_newsrooms_alias_wins_over_the_articles_guess():
    # "Kim" alone would go to the titled Kim of the article; the newsroom has decided that
    # "Kim" is its record of Kim Jong Un.
    text = "Kim Jong Un met Foreign Minister Kim Yo Jong. Kim said the talks went well."
    position = at(text, "Kim said")
    assert resolve(Registry(text), "Kim", position) == "Kim Yo Jong"
    registry = Registry(text, known={"kim": "Kim Jong Un", "kim jong un": "Kim Jong Un"})
    assert resolve(registry, "Kim", position) == "Kim Jong Un"
    assert resolve(registry, "Kim (pictured)", position) == "Kim Jong Un"


def test_a_white_house_spokesman_is_a_person():
    mention = Mention("A White House spokesman", 0, 23)
    assert speaker_kind(mention, mention.name) == "person"
