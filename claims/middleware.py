"""The request's edges: refuse a NUL in the address, read the editions a page needs in one
query, and tell who is asking.

A NUL character means nothing to any page, filter or search, and PostgreSQL refuses it in
any text value: left to reach a query (a search box, an admin list filter, the API's ?q=)
it ends in a server error. Form fields already refuse it with a message of their own
(Django's ProhibitNullCharactersValidator); the middleware catches everything read
straight from the URL.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponseBadRequest

from claims import editions

MESSAGE = "The address contains a NUL character (%00), which no page accepts."


def _has_nul(query):
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists())


def reject_nul_characters(get_response):
    def middleware(request):
        if "\x00" in request.path_info or _has_nul(request.GET):
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware


def editions_read_together(get_response):
    """A page that reads editions (the desk's lists read two) reads them in one query. Only
    for GET and HEAD: a request made to write reads each edition when it needs it, as it
    did (within the block a write makes the next read ask again too)."""

    def middleware(request):
        if request.method not in ("GET", "HEAD"):
            return get_response(request)
        with editions.reading_together():
            return get_response(request)

    return middleware


def client_ip(request):
    """The address sign-in failures are counted against (AXES_CLIENT_IP_CALLABLE).

    Without proxies, the connection's own address: a header would let a guesser pick a new
    address for every try. Behind TRUSTED_PROXY_COUNT proxies that each append the address
    they were connected from to X-Forwarded-For, the client is that many entries from the
    right; anything further left was written by the client and is ignored.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        chain = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [hop for hop in chain if hop]
        if len(chain) >= count:
            return chain[-count]
    return request.META.get("REMOTE_ADDR")


def sign_in_username(request, credentials):
    """The user name a sign-in failure is counted against (AXES_USERNAME_CALLABLE).

    Cut to the longest a user name can be: django-axes stores it in a 255-character column
    (a longer guess made PostgreSQL refuse the record, a 500), and a longer one cannot name
    an account anyway.
    """
    data = credentials or request.POST
    username = data.get(get_user_model().USERNAME_FIELD)
    if not isinstance(username, str):
        return username
    return username[: get_user_model()._meta.get_field("username").max_length]
