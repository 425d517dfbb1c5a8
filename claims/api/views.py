"""A read-only JSON API for signed-in users and for scripts with a token.

Scripts send ``Authorization: Token <key>`` (keys are issued with `create_api_token` or in
the admin). Claims are filtered by the claim list's own FilterSet, so a query string means
the same thing on the list page, in an export and here.
"""

from functools import wraps

from django.db.models import Count, OuterRef, Subquery, Sum
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt

from claims import list_memory, pagination, permissions, querystring
from claims.filters import ClaimFilter
from claims.models import ApiToken, Claim, ClaimRelation, ClaimTally, Source, Speaker, pk_urls
from claims.representation import READS, claim_row, review_of
from claims.sanitize import clean_html

from .openapi import openapi_document

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Paging parameters every list takes: a page number and a keyset cursor (claims/pagination.py).
PAGING = ("page", "page_size", "after", "before")


def _error(status, detail, **extra):
    response = JsonResponse({"detail": detail, **extra}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Token realm="api"'
    return response


def api_user(request):
    """The session's user, or the user whose token the request carries, or None."""
    if request.user.is_authenticated:
        return request.user
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() in {"token", "bearer"} and key.strip():
        return ApiToken.user_for(key.strip())
    return None


def _read_only():
    response = _error(405, "This API is read-only.")
    response["Allow"] = "GET, HEAD"
    return response


def api_view(func):
    """GET only (405 as JSON); signed in or with a token (401); in a role (403); errors as
    JSON.

    Exempt from CSRF: the view answers every other method with 405 before doing anything,
    so there is nothing to forge, and a script's POST gets the API's JSON answer rather
    than the HTML page of the CSRF failure.
    """

    @csrf_exempt
    @wraps(func)
    def view(request, *args, **kwargs):
        if request.method not in {"GET", "HEAD"}:
            return _read_only()
        user = api_user(request)
        if user is None:
            return _error(401, "Sign in, or send 'Authorization: Token <key>'.")
        if not permissions.can_read(user):
            return _error(403, "Your account has no role that may read claims.")
        request.user = user  # "assigned=me" and the like mean the token's user
        try:
            return func(request, *args, **kwargs)
        except Http404:
            return _error(404, "Not found.")

    return view


def _refuse_unknown(request, filterset=None, also=()):
    """A 400 naming every parameter the view does not understand (or cannot apply), or
    None: ``?speeker=Putin`` must not quietly return every claim."""
    problem = querystring.refusal(request.GET, filterset, also)
    if problem is None:
        return None
    detail = querystring.describe(problem)
    return _error(400, detail, unknown=problem["unknown"], errors=problem["errors"])


class Refused(Exception):  # noqa: N818 — the request's mistake, not an error of ours
    """A list's query string refused: ``response`` is _refuse_unknown's answer. Raised from
    a remembered read, so that a question answered once is not validated again until the
    next write (list_memory keeps no exception: a refused one is checked every time)."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def _paginate(request, read, serialise, question=None, refuse=None):
    """A keyset page (claims/pagination.py) with links to the next and previous ones.

    ``read(size)`` gives the page of ``size`` items the query string asks for and (number
    of items, whether it is exact): the lists never count a million rows per request. With
    a ``question`` (list_memory.remembered's), what it gave is kept until a write moves the
    desk edition. ``refuse()``: the list's own check of its query string when ``read`` runs
    it (raising Refused), so that a page size refused does not hide what it names.
    """
    try:
        size = min(int(request.GET.get("page_size", PAGE_SIZE)), MAX_PAGE_SIZE)
        if size < 1:
            raise ValueError
    except ValueError:
        if refuse is not None and (refused := refuse()):
            return refused
        return _error(400, f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}.")
    try:
        if question is None:
            page, (total, exact) = read(size)
        else:
            page, (total, exact) = list_memory.remembered((*question, size), lambda: read(size))
    except pagination.BadCursor as exc:
        return _error(400, str(exc))
    except Refused as refused:
        return refused.response
    if not page.object_list and page.number > 1:
        return _error(404, "No such page.")

    def link(forward):
        query = pagination.page_query(request.GET, page, forward)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return JsonResponse(
        {
            "count": total,
            "count_exact": exact,
            "next": link(True) if page.has_next() else None,
            "previous": link(False) if page.has_previous() else None,
            "results": [serialise(item) for item in page.object_list],
        }
    )


def _pages_of(request, queryset, count):
    """``read`` for _paginate: pages of ``queryset``, counted exactly by ``count()``
    (speakers and sources are thousands, not millions: counting them is cheap)."""
    return lambda size: (pagination.paginate(queryset, request.GET, size), (count(), True))


def claim_item(request):
    """The API's claim: its row (a Claim, or a row of values_of) and its link."""

    url_of = pk_urls("api:claim-detail")  # the link's shape, worked out once per page

    def serialise(claim):
        row = claim_row(claim)
        row["url"] = request.build_absolute_uri(url_of(row["id"]))
        return row

    return serialise


@api_view
def claim_list(request):
    filterset = ClaimFilter.for_request(request)

    def refuse():
        return _refuse_unknown(request, filterset, PAGING)

    def read(size):
        # Inside the remembered read: what a question is refused for (a value no filter
        # takes, an article that does not exist) changes only with a write, and building
        # and validating the filter form was a tenth of a list asked for again.
        if refused := refuse():
            raise Refused(refused)
        counts = filterset.counts()
        # Rows as plain values of the columns the API writes (representation.values_of).
        page = pagination.paginate(
            filterset.results(), request.GET, size, total=counts.total, columns=READS
        )
        return page, (counts.total, counts.exact)

    question = ("api claims", *filterset.question())
    return _paginate(request, read, claim_item(request), question, refuse)


@api_view
def claim_detail(request, pk):
    if refused := _refuse_unknown(request):
        return refused
    claim = get_object_or_404(Claim.objects.for_page(), pk=pk)
    data = claim_item(request)(claim)
    relations = ClaimRelation.objects.filter(from_claim=claim) | ClaimRelation.objects.filter(
        to_claim=claim
    )
    data.update(
        notes=clean_html(claim.notes),
        claim_reviewed=claim.claim_reviewed,
        explanation=clean_html(claim.explanation),
        relations=[
            {"from": r.from_claim_id, "kind": r.kind, "to": r.to_claim_id} for r in relations
        ],
        evidence=[{"url": e.url, "title": e.title, "note": e.note} for e in claim.evidence.all()],
        public_url=None,
        claimreview=None,
    )
    if claim.is_published:
        data["public_url"] = request.build_absolute_uri(claim.get_public_url())
        data["claimreview"] = review_of(claim, data["public_url"])
    return JsonResponse(data)


def _speaker_item(speaker):
    return {
        "id": speaker.pk,
        "name": speaker.name,
        "kind": speaker.kind,
        "role": speaker.role,
        "affiliation": speaker.affiliation,
        "same_as": speaker.same_as or None,
        "aliases": [alias.name for alias in speaker.aliases.all()],
        "claims": speaker.claim_count or 0,
    }


def _speakers():
    # The number of claims from the tally (one indexed row sum per speaker), not a count
    # over the claims table. Annotated querysets lose Meta.ordering; pages need a stable one.
    tally = (
        ClaimTally.objects.filter(speaker_id=OuterRef("pk"))
        .order_by()
        .values("speaker_id")
        .annotate(total=Sum("n"))
        .values("total")
    )
    return (
        Speaker.objects.annotate(claim_count=Subquery(tally))
        .prefetch_related("aliases")
        .order_by("name", "pk")
    )


@api_view
def speaker_list(request):
    if refused := _refuse_unknown(request, also=("q", *PAGING)):
        return refused
    speakers = _speakers()
    text = request.GET.get("q", "").strip()
    if text:
        # A subquery, so that matching through aliases does not multiply the claim counts.
        speakers = speakers.filter(pk__in=Speaker.objects.matching(text).values("pk"))
    # Kept as the claims' list is: the desk edition moves with every write to speakers,
    # their aliases and claims (whose tally the counts come from).
    question = ("api speakers", querystring.as_key(request.GET))
    return _paginate(request, _pages_of(request, speakers, speakers.count), _speaker_item, question)


@api_view
def speaker_detail(request, pk):
    if refused := _refuse_unknown(request):
        return refused
    return JsonResponse(_speaker_item(get_object_or_404(_speakers(), pk=pk)))


def _source_item(source):
    return {
        "id": source.pk,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "published_on": source.published_on.isoformat() if source.published_on else None,
        "language": source.language,
        "claims": source.claim_count or 0,
    }


def _claims_of_source():
    # Counted per listed source through the claim_source_span_idx index, not grouped over
    # the whole claims table.
    return Subquery(
        Claim.objects.filter(source=OuterRef("pk"))
        .order_by()
        .values("source")
        .annotate(n=Count("pk"))
        .values("n")
    )


def _sources():
    return (
        Source.objects.annotate(claim_count=_claims_of_source())
        .defer("body")
        .order_by("-added_at", "-pk")
    )


@api_view
def source_list(request):
    if refused := _refuse_unknown(request, also=PAGING):
        return refused
    # Kept as the claims' list is: the desk edition moves with every write to articles
    # and claims.
    question = ("api sources", querystring.as_key(request.GET))
    return _paginate(
        request, _pages_of(request, _sources(), Source.objects.count), _source_item, question
    )


@api_view
def source_detail(request, pk):
    if refused := _refuse_unknown(request):
        return refused
    source = get_object_or_404(Source.objects.annotate(claim_count=_claims_of_source()), pk=pk)
    return JsonResponse({**_source_item(source), "body": source.body})


@csrf_exempt
def openapi(request):
    """The API's OpenAPI 3 description: public, as it holds no data."""
    if request.method not in {"GET", "HEAD"}:
        return _read_only()
    return JsonResponse(openapi_document(request.build_absolute_uri("/api/")))
