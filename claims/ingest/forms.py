"""The import page's forms: the article to read, and one form per proposed claim.

Between the preview and the save, the article and the extractor's candidates travel as one
signed field (the "draft"): the browser cannot change a span, a relation or a confidence
behind the editor's back, and a 500-claim preview posts five fields per claim, not twelve.
"""

import re

from django import forms
from django.core import signing

from claims.extraction import Candidate
from claims.models import Claim, Source
from claims.sanitize import normalise_newlines

from .articles import (
    MAX_BYTES,
    TITLE_LENGTH,
    ArticleError,
    article_from_bytes,
    check_length,
    first_line,
)

DRAFT_SALT = "claims.ingest.draft"
# A preview is meant to be saved within the working day it was made.
DRAFT_MAX_AGE = 24 * 3600
# More proposals than this in one article means the text is not one article.
MAX_PROPOSALS = 1000
# Confidence below which the preview flags a proposal for a second look.
WEAK = 0.6


class ImportForm(forms.Form):
    """An article to propose claims from: pasted text or an uploaded .txt/.html file."""

    title = forms.CharField(
        max_length=TITLE_LENGTH,
        required=False,
        help_text="Leave empty to use the article's own title or first line.",
    )
    url = forms.URLField(label="URL", max_length=500, required=False, assume_scheme="https")
    publisher = forms.CharField(max_length=200, required=False)
    published_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        label="Article text", required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    file = forms.FileField(label="…or a .txt / .html file", required=False)

    def clean_url(self):
        url = self.cleaned_data["url"] or None
        if url and Source.objects.filter(url=url).exists():
            raise forms.ValidationError("An article with this URL is already recorded.")
        return url

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        try:
            if upload:
                article = article_from_bytes(upload.read(MAX_BYTES + 1), upload.name)
                text, title = article.text, article.title
                # A web page names its own address and date; what the editor typed wins.
                if not cleaned.get("url") and article.url and "url" not in self.errors:
                    if Source.objects.filter(url=article.url).exists():
                        self.add_error("url", f"{article.url} is already recorded.")
                    cleaned["url"] = article.url
                cleaned["published_on"] = cleaned.get("published_on") or article.published_on
            elif (cleaned.get("text") or "").strip():
                text = cleaned["text"]
                check_length(text)
                title = first_line(text)
            else:
                raise forms.ValidationError("Paste the article's text or choose a file.")
        except ArticleError as exc:
            raise forms.ValidationError(str(exc)) from exc
        # Browsers send line breaks as CRLF; one form keeps offsets equal from preview to save.
        cleaned["body"] = normalise_newlines(text)
        cleaned["title"] = cleaned.get("title") or title
        return cleaned


def sign_draft(body, candidates):
    """The article and its candidates as one tamper-proof string for the preview page."""
    payload = {"body": body, "candidates": [c.as_dict() for c in candidates]}
    return signing.dumps(payload, salt=DRAFT_SALT, compress=True)


class DraftForm(forms.Form):
    """The signed draft a preview page sends back with the editor's corrections."""

    draft = forms.CharField(widget=forms.HiddenInput)

    def clean_draft(self):
        try:
            payload = signing.loads(
                self.cleaned_data["draft"], salt=DRAFT_SALT, max_age=DRAFT_MAX_AGE
            )
        except signing.SignatureExpired as exc:
            raise forms.ValidationError(
                "This preview is more than a day old: import the article again."
            ) from exc
        except signing.BadSignature as exc:
            raise forms.ValidationError(
                "This preview was changed outside the page: import the article again."
            ) from exc
        return payload


class ProposalForm(forms.Form):
    """One extraction Candidate on the import page: keep it or not, and correct it.

    The Candidate (from the signed draft) is the one definition of a proposal; this form
    holds only what an editor may correct, and ``candidate()`` lays the corrections over it.
    """

    keep = forms.BooleanField(required=False, initial=True)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    speaker = forms.CharField(max_length=200)
    relayed_by = forms.CharField(max_length=200, required=False)
    kind = forms.ChoiceField(choices=Claim.Kind.choices)
    EDITABLE = ["text", "speaker", "relayed_by", "kind"]

    def __init__(self, *args, body="", candidate=None, **kwargs):
        self.body, self.proposal = body, candidate or {}
        kwargs.setdefault(
            "initial",
            {"keep": True, **{name: self.proposal.get(name) or "" for name in self.EDITABLE}},
        )
        super().__init__(*args, **kwargs)

    @property
    def weak(self):
        return (self.proposal.get("confidence") or 0) < WEAK

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("text")
        if not cleaned.get("keep") or text is None or not self.proposal:
            return cleaned
        text, start = text.strip(), self.proposal["start"]
        if self.body[start : self.proposal["end"]] != text:
            # The editor corrected the words: take their occurrence nearest the original.
            spots = [m.start() for m in re.finditer(re.escape(text), self.body)] if text else []
            if not spots:
                raise forms.ValidationError("These words are not in the article.")
            start = min(spots, key=lambda spot: abs(spot - self.proposal["start"]))
        cleaned.update(text=text, start=start, end=start + len(text))
        cleaned["relayed_by"] = cleaned.get("relayed_by") or None
        return cleaned

    def candidate(self, answers=None):
        """The kept row as a Candidate; ``answers`` renumbers the claim it answers."""
        corrected = {name: self.cleaned_data[name] for name in [*self.EDITABLE, "start", "end"]}
        return Candidate(**{**self.proposal, **corrected, "answers": answers})


class BaseProposalFormSet(forms.BaseFormSet):
    """One ProposalForm per candidate of the draft, in the extractor's order."""

    def __init__(self, *args, body="", candidates=(), **kwargs):
        self.body, self.candidates = body, list(candidates)
        super().__init__(*args, **kwargs)

    def initial_form_count(self):
        # Every row stands for a candidate, never an optional "extra" row that Django would
        # skip validating when it looks unchanged.
        return len(self.candidates)

    def get_form_kwargs(self, index):
        within = index is not None and index < len(self.candidates)
        return {"body": self.body, "candidate": self.candidates[index] if within else None}

    def clean(self):
        if self.total_form_count() != len(self.candidates):
            raise forms.ValidationError(
                "The page's claims do not match its article: import the article again."
            )


ProposalFormSet = forms.formset_factory(
    ProposalForm,
    formset=BaseProposalFormSet,
    extra=0,
    max_num=MAX_PROPOSALS,
    absolute_max=MAX_PROPOSALS,
    validate_max=True,
)
