"""Reader pages served from memory until something they show changes.

A reader page (the public index, a fact-check, the verdict scale, the Atom feed) is the same
for every reader, so each worker keeps the bytes it last sent for an address, keyed by the
*public edition*: a number that database triggers raise in the same transaction as any
write that can change what readers see (at its commit, on PostgreSQL) —

- a claim inserted, changed or deleted while published, or once published (a withdrawn
  claim's page says when it was withdrawn);
- a speaker, an article (changed or deleted), a speaker's alias (the public index filters
  by alias), a verdict of the scale, a piece of evidence or a correction (any change);
- a user's name changed (a fact-check names its reviewer).

A request reads the edition (one query, by primary key) and answers from memory when it
holds that edition's page. The raise is part of the writer's transaction, so a page read
before the write commits is kept under the old edition, which no request asks for once the
write has committed. Triggers rather than signals, so that every path that writes (the
services, the admin, imports, `bulk_create`, `QuerySet.update`, raw SQL) moves the edition.

The memory is each worker's own (the "public" cache, LocMemCache): a restart or a deploy
starts it empty, so a change of settings or templates is never served from an old page.
"""

import hashlib
from functools import wraps

from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

from claims.editions import Edition, every_write
from claims.models import PublicEdition

# Statuses a page is kept for: a page, and a withdrawn fact-check's 410.
KEPT_STATUSES = {200, 410}
KEPT_FOR = 24 * 3600  # seconds; an address nobody asks for again leaves memory


def edition():
    """The public edition's number; None if its row is gone (claims/editions.py)."""
    return PUBLIC.number()


def new_edition():
    """Move the edition by hand: after a bulk load that ran with the triggers off."""
    PUBLIC.raise_by_hand()


def _version(request, number):
    """The page's version: its whole address (scheme and host included, as pages hold
    absolute links) at this edition. Its ETag, and with the method its key in memory."""
    address = f"{number} {request.build_absolute_uri()}".encode()
    return hashlib.sha256(address).hexdigest()[:40]


def kept_for_readers(view=None, *, parameters=()):
    """Serve ``view``'s page from memory while the public edition stays the same.

    Only addresses whose query string holds nothing but the view's own ``parameters`` are
    kept: any other text in it would make a new page in memory per request (the memory is
    bounded, PUBLIC_PAGES_KEPT, but junk would push out the pages readers ask for).
    """
    if view is None:
        return lambda view: kept_for_readers(view, parameters=parameters)
    read = frozenset(parameters)

    @wraps(view)
    def kept(request, *args, **kwargs):
        if request.method not in {"GET", "HEAD"} or not read.issuperset(request.GET):
            return view(request, *args, **kwargs)
        number = edition()
        if number is None:
            return view(request, *args, **kwargs)
        memory = caches["public"]
        version = _version(request, number)
        key = f"page:{request.method}:{version}"
        # A reader's browser (or a CDN) that holds this version asks with If-None-Match
        # and gets a 304 without the page; any change readers could see changes it.
        etag = f'"{version}"'
        held = memory.get(key)
        if held is not None:
            status, headers, content = held
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return _conditional(request, response, etag)
        session = getattr(request, "session", None)
        session_read = session is not None and session.accessed
        response = view(request, *args, **kwargs)
        personal = (
            # The page read the session (a reader's own state) or holds a CSRF token (a
            # form's): one reader's copy must not reach another.
            (session is not None and session.accessed and not session_read)
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or response.cookies
            or response.has_header("Vary")
        )
        if response.status_code in KEPT_STATUSES and not response.streaming and not personal:
            headers = [(name, value) for name, value in response.items()]
            memory.set(key, (response.status_code, headers, response.content), KEPT_FOR)
            return _conditional(request, response, etag)
        return response

    return kept


def _conditional(request, response, etag):
    if response.status_code != 200:
        return response
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response)


# (table, events, condition on the row or None): the writes that can change a reader page.
# Claims: published, or once published (withdrawn), before or after the change.
_ONCE_PUBLIC_NEW = "NEW.status = 'published' OR NEW.first_published_at IS NOT NULL"
_ONCE_PUBLIC_OLD = "OLD.status = 'published' OR OLD.first_published_at IS NOT NULL"
WATCHED = [
    ("claims_claim", "INSERT", _ONCE_PUBLIC_NEW),
    ("claims_claim", "UPDATE", f"{_ONCE_PUBLIC_OLD} OR {_ONCE_PUBLIC_NEW}"),
    ("claims_claim", "DELETE", _ONCE_PUBLIC_OLD),
    # A new speaker too: a whole name means that speaker only in the index's speaker
    # filter, so "Putin" stops matching "Vladimir Putin" once a speaker "Putin" exists.
    *every_write("claims_speaker"),
    *every_write("claims_speakeralias"),
    ("claims_source", "UPDATE", None),
    ("claims_source", "DELETE", None),
    *every_write("claims_rating"),
    *every_write("claims_evidence"),
    *every_write("claims_correction"),
    # A reviewer's name; not last_login, which every sign-in writes.
    ("auth_user", "UPDATE OF first_name, last_name, username", None),
]
# Its triggers are made by migration 0010 (PUBLIC.install): a change to WATCHED needs a
# migration that installs them again.
PUBLIC = Edition("public", PublicEdition, WATCHED)
