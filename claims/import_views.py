"""Import an article in the browser: paste or upload, review the proposed claims, save."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import services
from .forms import ImportForm, ProposalFormSet, normalise_newlines
from .highlight import runs

can_contribute = permission_required("claims.add_claim", raise_exception=True)
SOURCE_FIELDS = ["title", "url", "publisher", "published_on"]


@dataclass
class Proposal:
    """A candidate as the editor left it on the import page."""

    text: str
    start: int
    end: int
    speaker: str
    relayed_by: str | None
    kind: str
    cue: str
    speaker_kind: str
    answers: int | None
    relation: str | None


def _preview(request, source, body, formset, status=200):
    spans = []  # (claim number, start, end) of every proposal, to highlight in the article
    for i, form in enumerate(formset.forms):
        data = (
            form.initial
            if not form.is_bound
            else {"start": form["start"].value(), "end": form["end"].value()}
        )
        try:
            spans.append((i + 1, int(data["start"]), int(data["end"])))
        except (TypeError, ValueError, KeyError):
            continue
    article = [
        {"text": run.text, "numbers": run.claims, "ending": run.ending} for run in runs(body, spans)
    ]
    context = {"source": source, "body": body, "formset": formset, "article": article}
    return render(request, "claims/import_preview.html", context, status=status)


@login_required
@can_contribute
def import_start(request):
    bound = request.method == "POST"
    form = ImportForm(request.POST if bound else None, request.FILES if bound else None)
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        candidates = services.propose_claims(body)
        initial = [
            {
                "keep": True,
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "speaker": c.speaker,
                "relayed_by": c.relayed_by or "",
                "kind": c.kind,
                "cue": c.cue,
                "speaker_kind": c.speaker_kind,
                "answers": c.answers,
                "relation": c.relation or "",
                "confidence": c.confidence,
            }
            for c in candidates
        ]
        formset = ProposalFormSet(initial=initial, form_kwargs={"body": body})
        source = {name: form.cleaned_data[name] or "" for name in SOURCE_FIELDS}
        return _preview(request, source, body, formset)
    status = 400 if request.method == "POST" else 200
    return render(request, "claims/import_start.html", {"form": form}, status=status)


@login_required
@can_contribute
@require_POST
def import_save(request):
    body = normalise_newlines(request.POST.get("body", ""))
    source_form = ImportForm({**{n: request.POST.get(n, "") for n in SOURCE_FIELDS}, "text": body})
    formset = ProposalFormSet(request.POST, form_kwargs={"body": body})
    source_ok, proposals_ok = source_form.is_valid(), formset.is_valid()
    source = {name: request.POST.get(name, "") for name in SOURCE_FIELDS}
    if not (source_ok and proposals_ok):
        for error in source_form.non_field_errors() + [
            f"{name}: {' '.join(errors)}"
            for name, errors in source_form.errors.items()
            if name != "__all__"
        ]:
            messages.error(request, error)
        return _preview(request, source, body, formset, status=400)
    kept_rows = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("keep")]
    # The extractor numbered claims among all candidates; renumber among those kept.
    position = {
        row_index: new
        for new, row_index in enumerate(
            i for i, f in enumerate(formset.forms) if f.cleaned_data.get("keep")
        )
    }
    proposals = [
        Proposal(
            row["text"],
            row["start"],
            row["end"],
            row["speaker"],
            row["relayed_by"],
            row["kind"],
            row["cue"],
            row["speaker_kind"],
            position.get(row["answers"]),
            row["relation"] or None,
        )
        for row in kept_rows
    ]
    try:
        saved = services.import_article(
            title=source_form.cleaned_data["title"],
            body=body,
            proposals=proposals,
            user=request.user,
            url=source_form.cleaned_data["url"],
            publisher=source_form.cleaned_data["publisher"] or "",
            published_on=source_form.cleaned_data["published_on"],
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return _preview(request, source, body, formset, status=400)
    messages.success(request, f"Article recorded with {len(proposals)} proposed claim(s).")
    return redirect(saved)
