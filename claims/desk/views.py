"""The review desk: every page needs a signed-in user with a role; each view's decorator
from permissions.py says which (reading, contributing, reviewing, publishing)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from claims import (
    counting,
    duplicates,
    list_memory,
    pagination,
    permissions,
    querystring,
    reference,
    services,
)
from claims.filters import ClaimFilter
from claims.highlight import paragraph_around, runs
from claims.models import (
    ROW_COLUMNS,
    Attached,
    Claim,
    ClaimRelation,
    DuplicateSuggestion,
    Evidence,
    Source,
    Speaker,
)
from claims.permissions import publisher_page, reader_page, reviewer_page

from . import entry, history
from .forms import (
    BulkForm,
    ClaimEntryForm,
    EvidenceForm,
    MergeForm,
    ReviewForm,
    UnpublishForm,
    read_choices,
)

PER_PAGE = 25
QUEUE_SIZE = 20
RECENT_SIZE = 10


def get_claim_or_404(pk):
    """The claim for a desk view, with what its row shows, or 404. Every role sees every
    claim; who may call the view at all is decided by its decorator from permissions.py."""
    return get_object_or_404(Claim.objects.for_page(), pk=pk)


def status_summary(counts):
    return [(value, label, counts.get(value, 0)) for value, label in Claim.Status.choices]


def page_of(claims, params, counts):
    """The keyset page ``params`` ask for, its rows the values a claim table shows
    (ROW_COLUMNS, as Claim.objects.for_rows reads them). Raises pagination.BadCursor."""
    last = counts.total if counts.exact else None

    def last_page(per_page):
        return None if last is None else -(-last // per_page)

    return pagination.paginate(
        claims, params, PER_PAGE, last_page, counts.total, columns=ROW_COLUMNS
    )


def remembered_page(request, question, answer):
    """``answer(params)`` for the request's query string, kept until a write moves the
    desk edition (claims/list_memory.py); a broken page link shows page 1 and says why."""
    try:
        return list_memory.remembered(question, lambda: answer(request.GET))
    except pagination.BadCursor as exc:
        messages.error(request, str(exc))
        return answer({})


def verdict_summary(counts, ratings):
    """[(rating or None, count)] for the scale, then the claims without a verdict."""
    rows = [(rating, counts.get(rating.pk, 0)) for rating in ratings]
    return [*rows, (None, counts.get(None, 0))]


def list_links(params, statuses, verdicts):
    """The claim list's links that keep its filters and go back to the first page: the
    exports' query string, and each facet row with the query string of the list narrowed
    to it: ``(value, label, count, link)`` per status, ``(rating, count, link)`` per verdict
    (no link for "no verdict"). The same filters as ``{% querystring status=value page=None
    … %}`` gave (the facet's own parameter now comes last), but the request's parameters
    are copied once per facet, not once per link: a QueryDict copy is a deep copy, and 17
    links were 1.5 ms of the list's rendering."""
    filters = params.copy()
    for name in ("page", "after", "before"):
        filters.pop(name, None)

    def narrowing(name):
        others = filters.copy()
        others.pop(name, None)
        start = f"?{others.urlencode()}&" if others else "?"
        return lambda value: f"{start}{urlencode({name: value})}"

    by_status, by_verdict = narrowing("status"), narrowing("verdict")
    return (
        f"?{filters.urlencode()}" if filters else "",
        [(value, label, n, by_status(value)) for value, label, n in statuses],
        [(rating, n, by_verdict(rating.pk) if rating else None) for rating, n in verdicts],
    )


@reader_page
@require_safe
def claim_list(request):
    filterset = ClaimFilter.for_request(request)

    def answer(params):
        counts = filterset.counts()  # checks the query string, and keeps what it found
        page = page_of(filterset.results(), params, counts)
        return list_shown(filterset, counts, page, request.GET)

    # What a query string is refused for (a value no filter takes, an article or verdict
    # that does not exist) changes only with a write, and every such write moves the desk
    # edition the answer is kept under: asked again, it is not checked again.
    shown = remembered_page(request, ("desk list", *filterset.question()), answer)
    # The scale and the assignees, as this worker keeps them, for the bulk form.
    context = {**shown, "bulk_form": bulk_form(request.user, reference.current())}
    return render(request, "claims/claim_list.html", context)


def written(parts, context):
    """{part: its template written from ``context``}, for ``parts`` {part: template}: the
    HTML of what a page shows alike to every reader, kept with its answer (list_memory) so
    that a page asked again writes only what depends on its reader."""
    return {part: render_to_string(template, context) for part, template in parts.items()}


LIST_WRITTEN = {
    "filters": "claims/_list_filters.html",
    "summary": "claims/_list_summary.html",
    "table": "claims/_claim_table.html",
    "pages": "claims/_pagination.html",
}
# The table as those who may review see it, with the bulk form's tick boxes.
LIST_WRITTEN_TO_TICK = {"table_to_tick": "claims/_claim_table.html"}


def list_shown(filterset, counts, page, query):
    """What a claim list shows alike to every reader, in a form that can be kept: its
    counts, its page of rows, its facets (``statuses``, ``verdicts``: list_links), whether
    a filter was refused (``invalid``), and ``written``, the HTML of its parts
    (LIST_WRITTEN: the filter form as ``query`` filled it in, with its errors; the count,
    the export links and the facets; the table; the page links; and LIST_WRITTEN_TO_TICK,
    the table with the bulk form's tick boxes). Written here, so that a kept list is not
    written again on each request: the filter form alone was half of a list's template
    time. The verdicts come from the reference data, and every write to the scale moves
    the desk edition too (list_memory.WATCHED)."""
    ratings = reference.current().ratings
    read_choices(filterset.form.fields["verdict"], lambda: ratings)
    exports, statuses, verdicts = list_links(
        query,
        status_summary(counts.by_status),
        verdict_summary(counts.by_rating, ratings),
    )
    shown = {
        # Invalid parameters are reported beside their field; the valid ones still apply.
        "invalid": bool(filterset.errors_found()),
        "page": page,
        "counts": counts,
        "statuses": statuses,
        "verdicts": verdicts,
    }
    alike = {
        **shown,
        "filter": filterset,
        "exports": exports,
        "query": query,
        "claims": page.object_list,
    }
    shown["written"] = {
        **written(LIST_WRITTEN, alike),
        **written(LIST_WRITTEN_TO_TICK, {**alike, "select": True}),
    }
    return shown


# (reference data, the ticked-claims form made from it): see bulk_form.
_shown_bulk_form = (None, None)


def bulk_form(user, kept):
    """The list's form for changing ticked claims, for those who may review. Unbound and
    only shown (a submitted one is made by claim_bulk), it depends on nothing but the
    reference data ``kept``: one is made with each copy of it and shown by every list,
    rather than one per request (0.12 ms of a list, a fiftieth)."""
    if not permissions.can_review(user):
        return None
    global _shown_bulk_form
    if _shown_bulk_form[0] is not kept:
        _shown_bulk_form = (kept, BulkForm(kept=kept))
    return _shown_bulk_form[1]


def _passwords(*users):
    """The fields to defer so that the users at ``users`` are read without their password
    hash: what a claim page keeps lives in a worker's memory, and no password hash does
    (as claims/reference.py keeps its people)."""
    return [f"{user}__password" for user in users]


CLAIM_WRITTEN = {part: f"claims/_claim_{part}.html" for part in ("facts", "ruling", "history")}


def claim_shown(pk):
    """What a claim page shows that is the same for every reader, in a form that can be
    kept: the claim; its relations, evidence and suggested repeats (lists, not querysets),
    which the page shows with forms or links for some readers only; ``written``, the HTML
    of the parts shown alike to all (CLAIM_WRITTEN: the claim's facts and the paragraph
    around its words, the ruling with its corrections and the reviewer's notes, the
    history); and ``empty_forms``, the HTML of the review and evidence forms' fields as
    every reviewer first sees them (their verdicts and assignees are the reference data's:
    the page is kept under the reference edition too). Written here, so that a kept page
    is not written again on each request. Raises Http404."""
    # The page also names the reviewing editor, in the same query, and learns which of
    # the other records it shows the claim has any of (most have none): those it does not
    # have are not asked for.
    claim = get_object_or_404(
        Claim.objects.for_page()
        .select_related("reviewed_by")
        .defer(*_passwords("assigned_to", "reviewed_by"))
        .with_what_it_has(),
        pk=pk,
    )
    has = Attached(claim.attached)

    def read(wanted, records):
        return list(records()) if wanted in has else []

    relations = read(Attached.RELATIONS, lambda: ClaimRelation.objects.touching(claim))
    before, quote, after = paragraph_around(claim.source.body, claim.span_start, claim.span_end)
    alike = {  # what the parts shown alike to every reader are written from
        "claim": claim,
        "before": before,
        "quote": quote,
        "after": after,
        "corrections": read(
            Attached.CORRECTIONS,
            lambda: claim.corrections.select_related("made_by").defer(*_passwords("made_by")),
        ),
        "timeline": history.timeline(
            claim,
            evidence=Attached.EVIDENCE_HISTORY in has,
            relations=Attached.RELATION_HISTORY in has,
        ),
    }
    return {
        "claim": claim,
        "answers": [rel for rel in relations if rel.from_claim_id == claim.pk],
        "answered_by": [rel for rel in relations if rel.to_claim_id == claim.pk],
        "evidence": read(
            Attached.EVIDENCE,
            lambda: claim.evidence.select_related("added_by").defer(*_passwords("added_by")),
        ),
        "suggestions": read(
            Attached.SUGGESTIONS, lambda: DuplicateSuggestion.objects.awaiting(claim)
        ),
        # The history, the facts and the ruling (bleach on the notes) were half of a
        # checked claim's template time on every request, the forms a fifth of a
        # reviewer's page.
        "written": written(CLAIM_WRITTEN, alike),
        "empty_forms": {
            "review": form_fields(ReviewForm(instance=claim)),
            "evidence": form_fields(EvidenceForm()),
        },
    }


def form_fields(form):
    """A form's fields as HTML (claims/_form_fields.html): its values, errors and notes."""
    return render_to_string("claims/_form_fields.html", {"form": form})


def _claim_page(request, pk, review_form=None, evidence_form=None, status=200):
    # What every reader sees is kept until a write moves the desk edition, as the lists'
    # answers are (claims/list_memory.py: its triggers watch every table claim_shown reads
    # but the history tables, which are written with them), or the reference edition (the
    # forms' choices); what this user may do is decided for each request, and a form they
    # submitted is written for them, with what they typed and its errors.
    shown = list_memory.remembered(
        ("claim page", pk), lambda: claim_shown(pk), "claim_pages", also=[reference.REFERENCE]
    )
    claim = shown["claim"]
    reviewer = permissions.can_review(request.user)
    find = request.GET.get("find", "") if reviewer else ""
    forms = None
    if reviewer:
        forms = dict(shown["empty_forms"])
        submitted = {"review": review_form, "evidence": evidence_form}
        forms.update(
            (name, form_fields(form)) for name, form in submitted.items() if form is not None
        )
    context = {
        **shown,
        "reviewer": reviewer,
        "forms": forms,
        "can_publish": permissions.can_publish(request.user),
        "find": find,
        "found": entry.related_candidates(claim, find) if reviewer else [],
        "relation_kinds": ClaimRelation.Kind.choices,
    }
    return render(request, "claims/claim_detail.html", context, status=status)


@reader_page
@require_safe
def claim_detail(request, pk):
    return _claim_page(request, pk)


@reviewer_page
@require_POST
def claim_review(request, pk):
    # The claim's own row only: the form reads its columns and the service reads it again
    # under its row lock. A page shown after reads what it shows: the claim page is kept,
    # and the rare conflict page asks for the speaker's name. With its article's text and
    # what the claim page names it took 1.5 ms more.
    claim = get_object_or_404(Claim, pk=pk)
    loaded = _posted_version(request)
    if loaded != claim.version:
        # Checked before the form: a claim (un)published meanwhile would otherwise fail the
        # form's own rules with a puzzling message instead of showing what changed.
        return _conflict_page(request, claim, loaded)
    form = ReviewForm(request.POST, instance=claim)
    if form.is_valid():
        try:
            services.update_claim(
                claim.pk,
                request.user,
                form.cleaned_data["version"],
                correction=form.correction_note(),
                **form.changes(),
            )
        except services.EditConflict as conflict:
            return _conflict_page(request, conflict.current, form.cleaned_data["version"])
        except ValidationError as exc:
            # A rule on a field the form shows is reported beside it; any other on top.
            by_field = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
            for name, errors in by_field.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, "Review saved.")
            return redirect(claim)
    return _claim_page(request, pk, review_form=form, status=400)


def _posted_version(request):
    """The version the editor loaded, or None when the form carried none (a conflict)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _conflict_page(request, current, loaded_version):
    """Show what the other person changed, and keep what this editor typed, unsaved."""
    changes, users = history.changes_since(current, loaded_version)
    typed = request.POST.copy()
    typed["version"] = current.version  # resubmitting is a deliberate choice over theirs
    context = {
        "claim": current,
        "their_changes": changes,
        "their_users": users,
        "form": ReviewForm(typed, instance=Claim.objects.get(pk=current.pk)),
    }
    return render(request, "claims/conflict.html", context, status=409)


@publisher_page
@require_POST
def claim_publish(request, pk):
    return _publication(request, pk, services.publish, "Published: the fact-check is public.")


@publisher_page
@require_http_methods(["GET", "HEAD", "POST"])
def claim_unpublish(request, pk):
    """GET asks for confirmation and a reason; POST with both takes the page down."""
    claim = get_claim_or_404(pk)
    if not claim.is_published:
        messages.info(request, "This claim is not published.")
        return redirect(claim)
    form = UnpublishForm(request.POST or None, initial={"version": claim.version})
    if request.method == "POST" and form.is_valid():
        return _publication(
            request,
            pk,
            services.unpublish,
            "Unpublished: the public page now says it was withdrawn.",
            reason=form.cleaned_data["reason"],
        )
    status = 400 if form.is_bound else 200
    return render(
        request, "claims/unpublish_confirm.html", {"claim": claim, "form": form}, status=status
    )


def _publication(request, pk, action, done, **details):
    claim = get_claim_or_404(pk)
    try:
        action(claim.pk, request.user, _posted_version(request), **details)
    except services.EditConflict:
        messages.error(request, "Someone else changed this claim meanwhile; check it again.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(claim)


@reviewer_page
@require_POST
def suggestion_decide(request, pk, suggestion, decision):
    """Confirm that the claim repeats the suggested one, or dismiss the suggestion."""
    claim = get_claim_or_404(pk)
    if decision not in {"confirm", "dismiss"}:
        raise Http404("Unknown decision.")
    get_object_or_404(DuplicateSuggestion, pk=suggestion, claim=claim)
    try:
        duplicates.decide_suggestion(suggestion, request.user, confirm=decision == "confirm")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            "Marked as a repeat."
            if decision == "confirm"
            else "Suggestion dismissed; it will not come back.",
        )
    return redirect(claim)


@reviewer_page
@require_POST
def evidence_add(request, pk):
    claim = get_claim_or_404(pk)
    form = EvidenceForm(request.POST, instance=Evidence(claim=claim))
    if form.is_valid():
        services.save_evidence(form.save(commit=False), request.user)
        messages.success(request, "Evidence added.")
        return redirect(claim)
    return _claim_page(request, pk, evidence_form=form, status=400)


@reviewer_page
@require_POST
def claim_bulk(request):
    form = BulkForm(request.POST)
    if form.is_valid():
        result = services.bulk_update(form.cleaned_data["claims"], request.user, **form.changes())
        if result.changed:
            messages.success(request, f"{len(result.changed)} claim(s) updated.")
        for claim, reason in result.refused.items():
            messages.error(request, f"Claim #{claim.pk} left unchanged: {reason}")
        if not result.changed and not result.refused:
            messages.info(request, "Nothing to change.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    # Back to the list page the editor came from: only a path on this site. Anything else
    # (another host, or a bare word that redirect() would try to reverse) means the list.
    back = request.POST.get("next", "")
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(
        back, {request.get_host()}, request.is_secure()
    ):
        back = reverse("claims:claim-list")
    return redirect(back)


@reader_page
@require_safe
def speaker_detail(request, pk):
    def answer(params):
        speaker = get_object_or_404(Speaker.objects.prefetch_related("aliases"), pk=pk)
        counts = counting.from_tally(speakers=[speaker.pk])
        page = page_of(Claim.objects.by_speaker(speaker), params, counts)
        return speaker_shown(speaker, counts, page, request.GET)

    shown = remembered_page(request, ("speaker page", pk, querystring.as_key(request.GET)), answer)
    context = {**shown, "merging": permissions.can_merge_speakers(request.user)}
    return render(request, "claims/speaker_detail.html", context)


SPEAKER_WRITTEN = {part: f"claims/_speaker_{part}.html" for part in ("facts", "claims")}


def speaker_shown(speaker, counts, page, query):
    """What a speaker page shows alike to every reader, in a form that can be kept, as
    list_shown keeps a list's: the speaker, their counts and their page of claims, and
    ``written``, the HTML of their facts and of their scorecard, claims and page links
    (SPEAKER_WRITTEN); and ``merge_fields``, the HTML of the merge form's fields, always
    empty (a refused merge says why in a message), shown only to those who may merge."""
    scorecard = verdict_summary(counts.by_rating, reference.current().ratings)
    most = max((n for _, n in scorecard), default=0) or 1
    shown = {
        "speaker": speaker,
        "counts": counts,
        "page": page,
        "merge_fields": form_fields(MergeForm(keep=speaker)),
    }
    alike = {
        **shown,
        "query": query,
        "scorecard": [(rating, n, round(100 * n / most)) for rating, n in scorecard],
    }
    shown["written"] = written(SPEAKER_WRITTEN, alike)
    return shown


@reader_page
@require_safe
def source_detail(request, pk):
    source = get_object_or_404(Source, pk=pk)
    claims = list(source.claims.select_related("speaker").order_by("span_start", "pk"))
    number = {claim.pk: i for i, claim in enumerate(claims, 1)}
    by_pk = {claim.pk: claim for claim in claims}
    article = [
        {
            "text": run.text,
            "claims": [by_pk[key] for key in run.claims],
            "ending": [(number[key], by_pk[key]) for key in run.ending],
        }
        for run in runs(source.body, [(c.pk, c.span_start, c.span_end) for c in claims])
    ]
    context = {
        "source": source,
        "claims": claims,
        "article": article,
        "entry_form": ClaimEntryForm(source=source)
        if permissions.can_contribute(request.user)
        else None,
    }
    return render(request, "claims/source_detail.html", context)


@reader_page
@require_safe
def dashboard(request):
    def answer():
        shown = {
            "statuses": status_summary(counting.from_tally().by_status),
            "queue": list(
                Claim.objects.needing_review()
                .filter(assigned_to=request.user)
                .order_by("created_at", "pk")
                .for_rows()[:QUEUE_SIZE]
            ),
            "recent": list(Claim.objects.order_by("-updated_at", "-pk").for_rows()[:RECENT_SIZE]),
        }
        return dashboard_shown(shown)

    # The queue is the user's own.
    context = list_memory.remembered(("dashboard", request.user.pk), answer)
    return render(request, "claims/dashboard.html", context)


def dashboard_shown(shown):
    """The dashboard's counts and rows ``shown``, with ``written``: their HTML, kept with
    them, as a list keeps its parts (list_shown)."""
    return {**shown, "written": written({"dashboard": "claims/_dashboard.html"}, shown)}
