"""Refuse a request whose address or query string holds a NUL character.

No page, filter or search means anything by NUL, and PostgreSQL refuses it in any text
value: left to reach a query (a search box, an admin list filter, the API's ?q=) it ends in
a server error. Form fields already refuse it with a message of their own (Django's
ProhibitNullCharactersValidator); this catches everything read straight from the URL.
"""

from django.http import HttpResponseBadRequest

MESSAGE = "The address contains a NUL character (%00), which no page accepts."


def _has_nul(query):
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists())


def reject_nul_characters(get_response):
    def middleware(request):
        if "\x00" in request.path_info or _has_nul(request.GET):
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware
