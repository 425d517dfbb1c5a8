"""The desk's lists, and its claim pages, answered from memory until a write changes what
they show.

Most requests for a list ask what an earlier one asked: an editor going back to the list,
a colleague on the same filter, the next page and back. Between two writes the answer
(the page's rows, its counts) is the same, so each worker keeps it under the *desk
edition*: a number that database triggers raise with every write to a table a list or a
claim page reads or filters by (claims/editions.py says how, and why it cannot be older
than the rows). A request reads the edition (one query, by primary key, with the other
editions the page needs) and takes the answer it holds for that edition and question, or
asks the database and keeps what it got. A claim page keeps what it shows the same to
every reader (desk/views.py, claim_shown).

What a page keeps is what it shows alike to every reader: a desk list keeps its rows as
values, its counts and the HTML of its parts (the filter form as its query string filled
it in, the facets, the table with and without the tick boxes of the bulk form, the page
links); a speaker page, as a list, with its merge form's empty fields; the dashboard, its
user's own, all it shows; a claim page its records (users without their password hash)
and the HTML of its facts, ruling, history and empty forms; the API's lists their rows as
values; the admin's claim list, for the columns the user's actions give, its count and
the HTML of its search bar, table, page links and filters (claims/admin.py,
ClaimChangeList). The page around them (the user's name, their CSRF token, what their
role may do, a form they submitted) is rendered for each request. A question that depends on
who asks says so in its key (the filter "assigned to me", a user's own queue); the
language, the time zone and the URL prefix are in every key.

Each worker's own memory (the "lists" cache, bounded by DESK_LISTS_KEPT, and the
"claim_pages" one, by DESK_PAGES_KEPT; LocMemCache; 0 turns either off): a restart starts
it empty. A write moves the edition for every list and claim page, so after a write the
first request for each costs what it did without memory.

The history tables are not watched: every path writes them with a watched table (the
services, the admin, imports; a user's deletion copies their name into the rows they
authored, then deletes them). A maintenance command that writes history alone
(simple_history's clean_duplicate_history, say) should be followed by new_edition().
"""

import hashlib

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.utils import timezone
from django.utils.translation import get_language

from claims.editions import Edition, every_write
from claims.models import DeskEdition, url_context

KEPT_FOR = 3600  # seconds; a question nobody asks again leaves memory

# (table, events, condition on the row or None): every write that can change a list's rows,
# their order, their counts, or which claims a filter matches, or what a claim page shows.
WATCHED = [
    # Claims: any column (a list shows or sorts by most; any write moves updated_at). The
    # tally the counts come from is written by the claims' own triggers.
    *every_write("claims_claim"),
    # Names shown in rows, and what the speaker and search filters match (a new speaker
    # too: a whole name then means that speaker only).
    *every_write("claims_speaker"),
    *every_write("claims_speakeralias"),
    # Titles shown in rows and matched by search; an article's address (the API's rows).
    *every_write("claims_source"),
    # Verdict labels shown in rows.
    *every_write("claims_rating"),
    # An assignee's name shown in rows, an author's in a claim's history, a reviewing
    # editor's full name on a claim page; not last_login, which every sign-in writes.
    ("auth_user", "UPDATE OF username, first_name, last_name", None),
    ("auth_user", "DELETE", None),
    # What a claim page shows besides the claim (desk/views.py, claim_shown): its evidence,
    # relations, suggested repeats and corrections, and their history (written with them).
    # Evidence and relations are also written without the claim: each such write makes
    # every list's next request read the database too.
    *every_write("claims_evidence"),
    *every_write("claims_claimrelation"),
    *every_write("claims_duplicatesuggestion"),
    *every_write("claims_correction"),
]
# Its triggers are made by migrations 0013 and 0015 (DESK.install): a change to WATCHED
# needs a migration that installs them again.
DESK = Edition("desk", DeskEdition, WATCHED)


def remembered(question, answer, memory="lists", also=()):
    """``answer()``, or what it gave before for the same ``question`` at this edition.

    ``question``: a tuple of plain values naming everything the answer depends on besides
    the data, the language, the time zone and the URL prefix (the list, its query string,
    the user when the answer is theirs). Inside a
    transaction the edition is unknown (Edition.number) and ``answer()`` runs every time.
    An exception is never kept. ``memory``: the cache it is kept in ("lists", or
    "claim_pages": a claim page holds its article's text, and browsing a few hundred
    claims must not push the lists' answers out). ``also``: other editions the answer
    depends on (claims/editions.py), kept under their numbers too (a review form's
    choices come from the reference data).
    """
    place = Place(question, memory, also)
    held = place.held()
    if held is not None:
        return held
    found = answer()
    place.keep(found)
    return found


class Place:
    """Where the answer to ``question`` is kept (remembered's arguments), at the editions
    read when the place is made: for an answer found in steps, kept once it is whole (the
    admin's claim list: its count, then the HTML of its page). Made before the answer's
    data is read, as an edition must be."""

    def __init__(self, question, memory="lists", also=()):
        self.memory, self.key = caches[memory], None
        if isinstance(self.memory, DummyCache):  # nothing kept (0): not even the edition read
            return
        numbers = (DESK.number(), *(edition.number() for edition in also))
        if None in numbers:
            return
        # Kept HTML shows dates in the time zone it was written in, and links made under
        # the URL prefix and URLconf in force (models.url_context).
        setting = (get_language(), timezone.get_current_timezone_name(), *url_context())
        self.key = hashlib.sha256(repr((numbers, setting, question)).encode()).hexdigest()

    def held(self):
        """What was kept here, or None."""
        return None if self.key is None else self.memory.get(self.key)

    def keep(self, found):
        if self.key is not None:
            self.memory.set(self.key, found, KEPT_FOR)


def new_edition():
    """Move the edition by hand: after a bulk load that ran with the triggers off."""
    DESK.raise_by_hand()
