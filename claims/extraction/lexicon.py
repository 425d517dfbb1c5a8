"""Word lists behind the attribution rules. General English newswire, not any one article."""

# Verbs that attribute a statement to a speaker. Each maps to the cue recorded.
SAY_VERBS = {
    "said", "says", "say", "added", "adds", "told", "tells", "warned", "warns", "insisted",
    "insists", "claimed", "claims", "announced", "announces", "stated", "states", "explained",
    "explains", "noted", "notes", "argued", "argues", "stressed", "stresses", "acknowledged",
    "acknowledges", "admitted", "admits", "confirmed", "confirms", "revealed", "reveals",
    "alleged", "alleges", "asserted", "asserts", "declared", "declares", "predicted",
    "predicts", "estimated", "estimates", "believe", "believes", "believed", "replied",
    "replies", "wrote", "writes", "reported", "reports", "concluded", "concludes", "found",
    "finds", "showed", "shows", "show", "suggested", "suggests", "maintained", "maintains",
    "countered", "conceded", "concedes", "promised", "promises", "vowed", "vows", "pledged",
    "think", "thinks", "expect", "expects", "fear", "fears", "feared", "recalled", "agreed",
    "agrees", "tweeted", "posted", "testified", "answered", "responded", "cautioned",
}
# Verbs after which a bare clause (no "that") is an ordinary statement.
BARE_CLAUSE_VERBS = SAY_VERBS - {"told", "tells", "answered", "responded", "posted"}
# Cues that only introduce the words that follow (a quote), never a clause of their own.
QUOTE_ONLY_VERBS = {"replied", "replies", "answered", "responded", "tweeted", "posted"}
ACCUSE_VERBS = {"accused", "accuses", "accuse"}
DENY_VERBS = {"denied": "denies", "denies": "denies", "deny": "denies", "refuted": "denies",
              "rejected": "disputes", "rejects": "disputes", "dismissed": "disputes",
              "disputed": "disputes", "disputes": "disputes"}
# Objects that make a denial a denial of an earlier statement.
ANSWERED_NOUNS = {"claim", "claims", "allegation", "allegations", "accusation", "accusations",
                  "charge", "charges", "report", "reports", "suggestion", "suggestions"}

# Heads of phrases that can speak: people by role, groups, bodies, outlets, documents.
SPEAKER_NOUNS = {
    "media", "officials", "official", "spokesman", "spokeswoman", "spokesperson",
    "spokespeople", "ministry", "minister", "ministers", "government", "agency", "police",
    "experts", "expert", "analysts", "analyst", "economists", "economist", "guard", "office",
    "department", "council", "committee", "union", "unions", "company", "firm", "group",
    "board", "bank", "executive", "secretary", "president", "leader", "leaders", "general",
    "director", "manager", "lawyer", "lawyers", "attorney", "prosecutors", "prosecutor",
    "investigators", "sources", "source", "diplomats", "diplomat", "observers", "critics",
    "supporters", "activists", "campaigners", "parents", "doctors", "specialist", "service",
    "military", "army", "navy", "television", "radio", "newspaper", "broadcaster", "outlet",
    "agency's", "authorities", "authority", "court", "judge", "commission", "institute",
    "researchers", "scientists", "witnesses", "residents", "farmers", "workers", "people",
    "study", "report", "survey", "poll", "analysis", "review", "minutes", "data", "documents",
    "statement", "spokesmen", "chairman", "chairwoman", "chief", "aides", "aide", "staff",
    "team", "website", "ministry's", "coalition", "party", "regulator", "regulators",
    "observatory", "centre", "center", "organisation", "organization", "association",
    "federation", "administration", "kremlin", "pentagon", "officer", "officers",
}
DOCUMENT_NOUNS = {"study", "report", "survey", "poll", "analysis", "review", "paper", "audit",
                  "assessment", "investigation", "research"}
# Capitalised words that name a role rather than a person ("President Helena Marquardt").
TITLE_WORDS = {
    "President", "Prime", "Minister", "Secretary", "Press", "Foreign", "Defense", "Defence",
    "Chief", "Executive", "General", "Governor", "Senator", "Sen", "Mayor", "Councillor",
    "Councilman", "Councilwoman", "Detective", "Inspector", "Chancellor", "King", "Queen",
    "Prince", "Princess", "Leader", "Chairman", "Chairwoman", "Chair", "Director", "Spokesman",
    "Spokeswoman", "Spokesperson", "Admiral", "Marshal", "Commander", "Ambassador", "Judge",
    "Justice", "Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Prof", "Prof.",
    "Professor", "Sir", "Dame", "Lord", "Lady", "Rev", "Rev.", "Deputy", "Vice", "Senior",
    "Officer", "Sergeant", "Sgt", "Captain", "Capt", "Colonel", "Col", "Lieutenant", "Lt",
    "Office", "Presidential", "Representative", "Rep", "Congressman", "Congresswoman",
    "Superintendent", "Constable", "Commissioner", "Attorney", "Economist", "Analyst",
    "Interior", "Finance", "Health", "Education", "Trade", "Justice", "State", "Supreme",
    "Navy", "Army", "Air", "Force", "Gen", "Gen.", "Pope", "Cardinal", "Bishop", "Coach",
    "Manager", "Captain", "CEO", "Spokesperson",
}
HONORIFICS = {"Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Prof", "Prof.", "Sir", "Dame"}
# Heads that make a capitalised phrase an organisation rather than a person.
ORG_HEADS = {
    "Ministry", "Agency", "Office", "Department", "Government", "Council", "Committee", "Union",
    "Bank", "Institute", "Observatory", "Corporation", "Service", "Guard", "Media", "News",
    "Television", "Police", "Army", "Military", "Company", "Group", "Foods", "Securities",
    "Logistics", "Hospital", "University", "Court", "Party", "Commission", "Authority",
    "Association", "Federation", "Organisation", "Organization", "Board", "Inc", "Ltd", "plc",
    "Times", "Post", "Journal", "Reuters", "Network", "Broadcasting", "Staff", "Kremlin",
    "Pentagon", "Parliament", "Assembly", "Senate", "Congress", "Cabinet", "Centre", "Center",
    "Fund", "Foundation", "Trust", "Kids", "Office", "Administration", "Forces", "Navy",
}
# Capitalised words that begin sentences without naming anyone.
FUNCTION_WORDS = {
    "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "In", "On", "At", "For",
    "But", "And", "Or", "So", "Yet", "However", "Also", "Still", "Meanwhile", "While", "When",
    "After", "Before", "As", "If", "Asked", "According", "Some", "Many", "Most", "Such", "There",
    "Their", "His", "Her", "Our", "We", "I", "You", "They", "He", "She", "Both", "Other",
    "Another", "Each", "Every", "No", "Not", "Thankfully", "Separately", "Earlier", "Later",
}
PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "org", "we": "group",
            "i": "person"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
CONNECTORS = {"of", "for", "de", "van", "von", "al", "bin", "da", "du", "la", "le", "del",
              "and", "the", "in", "at", "from", "on", "with", "to"}
PREPOSITIONS = {"of", "for", "in", "at", "from", "with", "on", "to", "by"}
ADJECTIVES = {"state", "official", "senior", "independent", "local", "regional", "national",
              "federal", "foreign", "private", "top", "chief", "former", "two", "three",
              "several", "some", "many", "other", "unnamed", "anonymous", "military", "news",
              "defence", "defense", "finance", "health", "interior", "justice", "coast",
              "government", "party", "company", "union", "bank", "county", "city", "water",
              "fire", "security", "intelligence", "police", "ruling", "opposition"}
# Words between a speaker and the verb that do not belong to the speaker.
ADVERBS = {"also", "later", "again", "previously", "then", "now", "separately", "further",
           "repeatedly", "earlier", "has", "have", "had", "had", "once", "already", "recently",
           "yesterday", "today", "tonight", "publicly", "privately", "reportedly", "initially",
           "first", "quickly", "flatly", "strongly", "firmly", "would", "will", "could", "may",
           "might", "can", "did", "does", "do", "was", "were", "is", "are", "been"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Phrases that turn a cue into a non-statement: refusals, silences, open questions.
NEGATIONS = ("did not", "didn't", "does not", "doesn't", "would not", "wouldn't", "could not",
             "couldn't", "declined to", "refused to", "not", "never", "will not", "won't",
             "has not", "have not", "had not")
QUESTION_WORDS = {"whether", "how", "why", "where", "when", "who", "what", "if", "which"}
# Audiences after "told": "told reporters that …".
AUDIENCES = {"reporters", "journalists", "analysts", "investors", "lawmakers", "legislators",
             "parliament", "mps", "senators", "congress", "supporters", "the", "a", "an",
             "state", "local", "students", "delegates", "members", "staff", "employees",
             "shareholders", "residents", "viewers", "listeners", "readers", "me", "us", "him",
             "her", "them"}
# After the cue: words that begin an adjunct rather than the statement itself.
ADJUNCT_STARTS = {"on", "in", "at", "during", "after", "before", "last", "this", "late",
                  "early", "earlier", "later", "outside", "from", "via", "to", "when", "while",
                  "amid", "following", "despite", "through", "over", "yesterday", "today",
                  "tonight", "recently", "previously", "again", "also", "separately", "without",
                  "under", "near", "by", "as", "with", "told"}
# Clause-ending connectives: what follows is the writer's, not the speaker's.
CLAUSE_BREAKS = (", but ", ", though ", ", although ", ", while ", ", whereas ", "; ", " — ",
                 " – ", ", even as ", ", despite ")
# Participles after a comma that still belong to the statement.
PARTICIPLE_KEEP = {"including", "excluding", "regarding", "concerning", "according", "during",
                   "notwithstanding", "pending", "following", "bring"}
