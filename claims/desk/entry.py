"""Data entry on the desk: claims made by selecting words in an article, relations and
evidence on the claim page, merging speakers. Every write goes through claims.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from claims import services
from claims.models import Claim, ClaimRelation, Evidence, Source, Speaker
from claims.permissions import contributor_page, merger_page, reviewer_page

from .forms import ClaimEntryForm, EvidenceForm, MergeForm, RelationForm

# How many claims a relation search lists: the editor narrows the words, not pages.
SEARCH_LIMIT = 10


def _selected_span(body, start, end):
    """The offsets sent by the selection script, trimmed of surrounding whitespace, or None."""
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        return None
    if not 0 <= start < end <= len(body):
        return None
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


@contributor_page
@require_http_methods(["GET", "HEAD", "POST"])
def claim_new(request, pk):
    """GET: the form filled from the selection (?start=&end=) or typed words (?words=).
    POST: record the claim."""
    source = get_object_or_404(Source, pk=pk)
    if request.method == "POST":
        form = ClaimEntryForm(request.POST, source=source)
        if form.is_valid():
            data = form.cleaned_data
            try:
                claim = services.create_claim(
                    form.claim(), request.user, data["speaker"], data["relayed_by"]
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, "Claim recorded.")
                return redirect(claim)
        status = 400
    else:
        initial = {"words": request.GET.get("words", "")}
        span = _selected_span(source.body, request.GET.get("start"), request.GET.get("end"))
        if span:
            initial = {
                "words": source.body[span[0] : span[1]],
                "occurrence": f"{span[0]}:{span[1]}",
            }
        form = ClaimEntryForm(initial=initial, source=source)
        status = 200
    return render(request, "claims/claim_new.html", {"source": source, "form": form}, status=status)


def _claim(pk):
    return get_object_or_404(Claim.objects.select_related("speaker"), pk=pk)


@reviewer_page
@require_POST
def relation_add(request, pk):
    claim = _claim(pk)
    form = RelationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a kind of relation and a claim from the search.")
        return redirect(claim)
    other = form.cleaned_data["to_claim"]
    try:
        services.add_relation(claim, other, form.cleaned_data["kind"], request.user)
    except (ValidationError, IntegrityError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", ["Already related."])))
    else:
        messages.success(request, f"Related: this claim {form.cleaned_data['kind']} #{other.pk}.")
    return redirect(claim)


@reviewer_page
@require_POST
def relation_remove(request, pk, relation):
    claim = _claim(pk)
    found = get_object_or_404(ClaimRelation, Q(from_claim=claim) | Q(to_claim=claim), pk=relation)
    services.remove_relation(found, request.user)
    messages.success(request, "Relation removed.")
    return redirect(claim)


def related_candidates(claim, words):
    """Claims whose words or speaker match ``words``, for the relation search."""
    words = " ".join(words.split())
    if len(words) < 2:
        return []
    # Through the full-text index, as the list searches: never a scan of every claim.
    return list(
        Claim.objects.for_list()
        .search(words)
        .exclude(pk=claim.pk)
        .order_by("-updated_at", "-pk")[:SEARCH_LIMIT]
    )


@reviewer_page
@require_http_methods(["GET", "HEAD", "POST"])
def evidence_edit(request, pk, evidence):
    claim = _claim(pk)
    item = get_object_or_404(Evidence, pk=evidence, claim=claim)
    form = EvidenceForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.save_evidence(form.save(commit=False), request.user)
        messages.success(request, "Evidence saved.")
        return redirect(claim)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "claims/evidence_edit.html",
        {"claim": claim, "item": item, "form": form},
        status=status,
    )


@reviewer_page
@require_POST
def evidence_delete(request, pk, evidence):
    claim = _claim(pk)
    services.delete_evidence(get_object_or_404(Evidence, pk=evidence, claim=claim), request.user)
    messages.success(request, "Evidence removed.")
    return redirect(claim)


@merger_page
@require_POST
def speaker_merge(request, pk):
    keep = get_object_or_404(Speaker, pk=pk)
    form = MergeForm(request.POST, keep=keep)
    if form.is_valid():
        other = form.cleaned_data["other"]
        try:
            moved = services.merge_speakers(keep, other, request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{other.name} merged here: {moved} claim(s) moved.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(keep)
