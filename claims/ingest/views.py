"""Import an article in the browser: paste or upload, review the proposed claims, save."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from claims import permissions
from claims.highlight import runs

from . import services
from .forms import MAX_PROPOSALS, DraftForm, ImportForm, ProposalFormSet, sign_draft

SOURCE_FIELDS = ["title", "url", "publisher", "published_on"]


def _preview(request, source, draft, formset, status=200):
    spans = [(i + 1, c["start"], c["end"]) for i, c in enumerate(formset.candidates)]
    article = [
        {"text": run.text, "numbers": run.claims, "ending": run.ending}
        for run in runs(formset.body, spans)
    ]
    context = {"source": source, "draft": draft, "formset": formset, "article": article}
    return render(request, "claims/import_preview.html", context, status=status)


@permissions.contributor_page
@require_http_methods(["GET", "HEAD", "POST"])
def import_start(request):
    bound = request.method == "POST"
    form = ImportForm(request.POST if bound else None, request.FILES if bound else None)
    if bound and form.is_valid():
        body = form.cleaned_data["body"]
        candidates = services.propose_claims(body)
        if len(candidates) > MAX_PROPOSALS:
            form.add_error(
                None,
                f"{len(candidates)} statements were found; one import takes at most "
                f"{MAX_PROPOSALS}. Import the article in parts.",
            )
        else:
            draft = sign_draft(body, candidates)
            formset = ProposalFormSet(body=body, candidates=[c.as_dict() for c in candidates])
            source = {name: form.cleaned_data[name] or "" for name in SOURCE_FIELDS}
            return _preview(request, source, draft, formset)
    status = 400 if bound else 200
    return render(request, "claims/import_start.html", {"form": form}, status=status)


@permissions.contributor_page
@require_POST
def import_save(request):
    draft_form = DraftForm(request.POST)
    if not draft_form.is_valid():
        for error in draft_form.errors["draft"]:
            messages.error(request, error)
        return redirect("claims:import-start")
    draft = draft_form.cleaned_data["draft"]
    body = draft["body"]
    source_form = ImportForm({**{n: request.POST.get(n, "") for n in SOURCE_FIELDS}, "text": body})
    formset = ProposalFormSet(request.POST, body=body, candidates=draft["candidates"])
    source_ok, proposals_ok = source_form.is_valid(), formset.is_valid()
    source = {name: request.POST.get(name, "") for name in SOURCE_FIELDS}
    if not (source_ok and proposals_ok):
        for error in source_form.non_field_errors() + [
            f"{name}: {' '.join(errors)}"
            for name, errors in source_form.errors.items()
            if name != "__all__"
        ]:
            messages.error(request, error)
        return _preview(request, source, request.POST["draft"], formset, status=400)
    kept = [i for i, form in enumerate(formset.forms) if form.cleaned_data.get("keep")]
    # The extractor numbered claims among all candidates; renumber among those kept.
    position = {row: new for new, row in enumerate(kept)}
    proposals = [
        formset.forms[row].candidate(position.get(formset.forms[row].proposal.get("answers")))
        for row in kept
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
        return _preview(request, source, request.POST["draft"], formset, status=400)
    messages.success(request, f"Article recorded with {len(proposals)} proposed claim(s).")
    return redirect(saved)
