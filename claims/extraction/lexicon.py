"""Word lists behind the attribution rules. General English newswire, not any one article."""

import re


def _words(text):
    """A set of words from a whitespace-separated block, kept compact for reading."""
    return frozenset(text.split())


# Verbs that attribute a statement to a speaker; the verb is recorded as the cue.
SAY_VERBS = _words(
    """
    acknowledged acknowledges added adds admits admitted agreed agrees alleged alleges announced
    announces answered argued argues asserted asserts believe believed believes cautioned
    claimed claims conceded concedes concluded concludes confirmed confirms countered declared
    declares estimated estimates expect expects explained explains fear feared fears finds found
    insisted insists maintained maintains noted notes pledged posted predicted predicts promised
    promises recalled replied replies reported reports responded revealed reveals said say says
    show showed shows stated states stressed stresses suggested suggests tells testified think
    thinks told tweeted vowed vows warned warns writes wrote
    acknowledge add announce argue assert claim confirm contend contended contends emphasised
    emphasized emphasises emphasizes explain insist note observed predict remarked reiterated
    reiterates stress suggest tell warn write joked jokes quipped quips boasted boasts bragged
    complained complains lamented laments indicated indicates mused charged contend
    continued continues
    """
)

# Verbs after which a bare clause (no "that") is an ordinary statement.
BARE_CLAUSE_VERBS = SAY_VERBS - {"told", "tells", "answered", "responded", "posted"}
# Commitments: "promised to build 50,000 homes" states what the speaker says will happen.
PROMISE_VERBS = frozenset({"promised", "promises", "pledged", "pledges", "vowed", "vows"})
# Participles that attribute a statement to the sentence's subject:
# "The court suspended the contract, ruling that the tender was unfair."
PARTICIPLE_CUES = frozenset(
    {
        "saying",
        "telling",
        "ruling",
        "arguing",
        "warning",
        "claiming",
        "insisting",
        "stating",
        "noting",
        "adding",
        "concluding",
        "finding",
        "suggesting",
        "stressing",
        "explaining",
        "declaring",
        "predicting",
        "acknowledging",
        "asserting",
        "announcing",
        "writing",
        "tweeting",
        "confirming",
        "reporting",
    }
)

# Cues that only introduce the words that follow (a quote), never a clause of their own.
QUOTE_ONLY_VERBS = _words(
    """
    answered posted replied replies responded tweeted continued continues
    """
)

ACCUSE_VERBS = _words(
    """
    accuse accused accuses
    """
)

DENY_VERBS = {
    "denied": "denies",
    "denies": "denies",
    "deny": "denies",
    "refuted": "denies",
    "rejected": "disputes",
    "rejects": "disputes",
    "dismissed": "disputes",
    "disputed": "disputes",
    "disputes": "disputes",
}

# Objects that make a denial a denial of an earlier statement.
ANSWERED_NOUNS = _words(
    """
    accusation accusations allegation allegations charge charges claim claims report reports
    suggestion suggestions
    """
)

# Heads of phrases that can speak: people by role, groups, bodies, outlets, documents.
SPEAKER_NOUNS = _words(
    """
    activists administration agency agency's aide aides analysis analyst analysts army
    association attorney authorities authority bank board broadcaster campaigners center centre
    chairman chairwoman chief club coalition commission committee company council court critics
    data department diplomat diplomats director doctors documents economist economists executive
    expert experts farmers federation firm forecasters general government group guard institute
    investigators judge kremlin lawyer lawyers leader leaders manager media military minister
    ministers ministry ministry's minutes navy newspaper observatory observers office officer
    officers official officials opposition organisation organisers organization organizers
    outlet parents party pentagon people police poll president prosecutor prosecutors radio
    regulator regulators report researchers residents review scientists secretary service source
    sources specialist spokesman spokesmen spokespeople spokesperson spokeswoman staff statement
    study supporters survey team television union unions website witnesses workers
    adviser advisers advisor advisors allies americans anchor author backers candidate
    candidates columnist congressman congresswoman consultant consultants counsel delegates
    democrats donors editor editors families governor governors head host insiders majority
    mayor member members nominee operative operatives percent polling polls professor
    protesters pundits representative republicans reporter reporters senator senators
    strategist strategists surrogate surrogates voters writer campaign campaigns magnate
    billionaire businessman businesswoman founder executive chief delegate
    fans opponents proponents respondents participants constituents students employee
    employees advocates chairmen congressmen businessmen friends colleagues neighbors
    neighbours women men veterans teachers nurses demonstrators liberals moderates
    evangelicals independents latinos hispanics millennials detractors skeptics executives
    aide
    """
)
# Lower-case words that end a speaker phrase's modifiers: verbs, conjunctions, pronouns.
NOT_MODIFIERS = _words(
    """
    also after although and as be because been before but can could did do does even had has
    have he here how i if is it just may me might must never not now only or said say says she
    should since so still than that them then there they though until us was we were what when
    where which while who whom whose why will with would yet you
    """
)

DOCUMENT_NOUNS = _words(
    """
    analysis assessment audit figures investigation paper poll records report research review
    statistics study survey document documents filing memo letter lawsuit complaint indictment
    """
)

# Capitalised words that name a role rather than a person ("President Helena Marquardt").
TITLE_WORDS = _words(
    """
    Admiral Air Ambassador Analyst Army Attorney Bishop Capt Captain Cardinal CEO Chair Chairman
    Chairwoman Chancellor Chief Coach Col Colonel Commander Commissioner Congressman
    Congresswoman Constable Councillor Councilman Councilwoman Dame Defence Defense Deputy
    Detective Director Dr Dr. Economist Education Executive Finance Force Foreign Gen Gen.
    General Governor Health Inspector Interior Judge Justice King Lady Leader Lieutenant Lord Lt
    Manager Marshal Mayor Minister Mr Mr. Mrs Mrs. Ms Ms. Navy Office Officer Pope President
    Presidential Press Prime Prince Princess Prof Prof. Professor Queen Rep Representative Rev
    Rev. Secretary Sen Senator Senior Sergeant Sgt Sir Spokesman Spokesperson Spokeswoman State
    Superintendent Supreme Trade Vice
    """
)

HONORIFICS = _words(
    """
    Dame Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Prof Prof. Sir
    """
)

# Heads that make a capitalised phrase an organisation rather than a person.
ORG_HEADS = _words(
    """
    Administration Agency Army Assembly Association Authority Bank Board Broadcasting Cabinet
    Center Centre Commission Committee Company Congress Corporation Council Court Department
    Federation Foods Forces Foundation Fund Government Group Guard Hospital Inc Institute
    Journal Kids Kremlin Logistics Ltd Media Military Ministry Navy Network News Observatory
    Office Organisation Organization Parliament Party Pentagon plc Police Post Reuters
    Securities Senate Service Staff Television Times Trust Union University States Kingdom
    Republic Nations Emirates
    """
)

# Capitalised words that begin sentences without naming anyone.
FUNCTION_WORDS = _words(
    """
    A According After Also An And Another As Asked At Before Both But Each Earlier Every For He
    Her His However I If In It Its Later Many Meanwhile Most No Not On Or Other Our Separately
    She So Some Still Such Thankfully That The Their There These They This Those We When While
    Yet You
    """
)

PRONOUNS = {
    "he": "person",
    "she": "person",
    "they": "group",
    "it": "org",
    "we": "group",
    "i": "person",
}

DETERMINERS = _words(
    """
    a all an both her his its many most other several some that the their these this those
    """
)

CONNECTORS = _words(
    """
    al and at bin da de del du for from in la le of on the to van von with
    """
)

PREPOSITIONS = _words(
    """
    at by for from in of on to with
    """
)

ADJECTIVES = _words(
    """
    all anonymous bank both chief city close coast company county defence defense dozens
    familiar federal few finance fire foreign former government health hundreds independent
    intelligence interior justice local many military most national news none official one
    opposition other party police private regional ruling security senior several some state
    three top two union unnamed water retired elected appointed
    """
)

# Words between a speaker and the verb that do not belong to the speaker.
ADVERBS = _words(
    """
    again already also are been can could did do does earlier firmly first flatly further had
    has have however initially is later may might now once previously privately publicly quickly
    recently repeatedly reportedly separately strongly then today tonight was were will would
    yesterday here there
    """
)

WEEKDAYS = _words(
    """
    friday monday saturday sunday thursday tuesday wednesday
    """
)
# Time words that may stand between a cue and its statement: "said Tuesday that …".
TIME_WORDS = WEEKDAYS | _words(
    """
    yesterday today tonight earlier later recently previously again also repeatedly once
    """
)
# Cues that can introduce a conditional statement: "He said if the plan fails, taxes rise."
IF_CUES = _words(
    """
    said says say told tells warned warns added adds argued argues insisted insists noted
    """
)

# Phrases that turn a cue into a non-statement: refusals, silences, open questions.
NEGATIONS = (
    "did not",
    "didn't",
    "does not",
    "doesn't",
    "would not",
    "wouldn't",
    "could not",
    "couldn't",
    "declined to",
    "refused to",
    "not",
    "never",
    "will not",
    "won't",
    "has not",
    "have not",
    "had not",
)

QUESTION_WORDS = _words(
    """
    how if what when where whether which who why
    """
)

# Audiences after "told": "told reporters that …".
AUDIENCES = _words(
    """
    a an analysts congress delegates employees her him investors journalists lawmakers
    legislators listeners local me members mps parliament readers reporters residents senators
    shareholders staff state students supporters the them us viewers
    """
)

# After the cue: words that begin an adjunct rather than the statement itself.
ADJUNCT_STARTS = _words(
    """
    after again also amid as at before by despite during earlier early following from in last
    late later near on outside over previously recently separately this through to today told
    of about
    tonight under via when while with without yesterday
    """
)

# Clause-ending connectives: what follows is the writer's, not the speaker's.
CLAUSE_BREAKS = (
    ", but ",
    ", though ",
    ", although ",
    ", while ",
    ", whereas ",
    "; ",
    " — ",
    " – ",
    ", even as ",
    ", despite ",
    ", after ",
    ", amid ",
    ", following ",
)

# Words that open a subordinate clause before a speaker: "…, after the opposition accused".
SUBORDINATORS = _words(
    """
    after although and as because before but however if meanwhile once since so still though
    until when where while yet
    """
)

# Participles after a comma that still belong to the statement.
PARTICIPLE_KEEP = _words(
    """
    according bring concerning during excluding following including notwithstanding pending
    regarding
    """
)

# Words that make an organisation a news outlet, a government, or a body of the state
# (the newsroom's Speaker.Kind values media, government, government_body).
MEDIA_WORDS = _words(
    """
    broadcaster channel journal magazine media network news newspaper outlet post press radio
    reuters tass television times tv xinhua wire
    """
)
GOVERNMENT_WORDS = _words(
    """
    government governments administration cabinet regime states kingdom republic
    """
)
GOVERNMENT_BODY_WORDS = _words(
    """
    agency army authorities authority bureau coastguard commission congress council court
    department embassy guard kremlin military ministry navy office parliament pentagon police
    prosecutor prosecutors regulator senate
    """
)

# Verbs that name something in the speaker's words: "Clinton called him “ISIS' best
# recruiter”" (the object and the quoted name are the statement).
NAMING_VERBS = _words(
    """
    called calls dubbed dubs labeled labelled labels branded brands termed terms
    described describes
    """
)

# Auxiliaries that make a participle a finite cue: "Trump is saying that …".
PROGRESSIVE = re.compile(
    r"(?:\b(?:is|are|was|were|been|be|keeps|kept)|\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Ww]e|[Yy]ou)"
    r"[’'](?:s|re)|\bI[’']m)\s+(?:[a-z]+\s+){0,2}$"
)  # "He’s claiming that …" too, not a possessive ("Trump’s claiming victory")

# US states, written out and as wires abbreviate them: a place after a city, not a phrase.
US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
    "Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    "Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    "New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    "Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    "Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|D\\.C\\.|"
    "Ala\\.|Ariz\\.|Ark\\.|Calif\\.|Colo\\.|Conn\\.|Del\\.|Fla\\.|Ga\\.|Ill\\.|Ind\\.|"
    "Kan\\.|Ky\\.|La\\.|Md\\.|Mass\\.|Mich\\.|Minn\\.|Miss\\.|Mo\\.|Mont\\.|Neb\\.|Nev\\.|"
    "N\\.H\\.|N\\.J\\.|N\\.M\\.|N\\.Y\\.|N\\.C\\.|N\\.D\\.|Okla\\.|Ore\\.|Pa\\.|R\\.I\\.|"
    "S\\.C\\.|S\\.D\\.|Tenn\\.|Va\\.|Vt\\.|Wash\\.|Wis\\.|Wyo\\."
)

# What one tells besides people: "told a news conference", "told a crowded banquet hall".
GATHERINGS = _words(
    """
    conference crowd audience rally gathering meeting group station network newspaper
    magazine program programme show host interviewer podcast radio television panel hall
    room forum summit convention assembly session hearing briefing
    """
)

# Speaker phrases no word list names ("three former employees", "many of whom"): what may
# open one, the quantifiers that may stand alone, and the words that are no part of it.
LOOSE_STARTS = frozenset(
    {
        "the", "a", "an", "one", "another", "some", "many", "most", "several", "both", "all",
        "few", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "dozens", "hundreds", "thousands", "his", "her", "their", "its", "our", "about",
        "almost", "nearly", "half", "only", "other", "others", "more", "fewer", "those",
    }
)  # fmt: skip
QUANTIFIERS = frozenset(
    {"several", "many", "most", "some", "others", "both", "few", "all", "another"}
)
# Opening adverbs that are not part of the name after them ("Then Brafman said").
OPENING_ADVERBS = frozenset(
    {"then", "now", "later", "again", "also", "instead", "here", "there", "even"}
)
# Pronouns a description never starts with.
PRONOUNS_LOWER = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which"})
