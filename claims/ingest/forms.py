"""The import page's forms: the article to read, and one form per proposed claim."""

import re
from dataclasses import fields

from django import forms

from claims.extraction import Candidate
from claims.models import Claim, ClaimRelation, Source
from claims.sanitize import normalise_newlines

from .articles import MAX_BYTES, ArticleError, article_from_bytes, first_line


class ImportForm(forms.Form):
    """An article to propose claims from: pasted text or an uploaded .txt/.html file."""

    title = forms.CharField(
        max_length=300, required=False, help_text="Leave empty to use the article's first line."
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
        if upload:
            try:
                title, text = article_from_bytes(upload.read(MAX_BYTES + 1), upload.name)
            except ArticleError as exc:
                raise forms.ValidationError(str(exc)) from exc
        elif (cleaned.get("text") or "").strip():
            text = cleaned["text"]
            title = first_line(text)
        else:
            raise forms.ValidationError("Paste the article's text or choose a file.")
        # Browsers send line breaks as CRLF; one form keeps offsets equal from preview to save.
        cleaned["body"] = normalise_newlines(text)
        cleaned["title"] = cleaned.get("title") or title
        return cleaned


def _hidden_field(annotation):
    """A hidden form field for a Candidate attribute of type ``annotation``."""
    kinds = set(getattr(annotation, "__args__", (annotation,)))
    if int in kinds:
        return forms.IntegerField(required=False, widget=forms.HiddenInput)
    if float in kinds:
        return forms.FloatField(required=False, widget=forms.HiddenInput)
    return forms.CharField(required=False, widget=forms.HiddenInput)


class ProposalForm(forms.Form):
    """One extraction Candidate on the import page: keep it or not, and correct it.

    The Candidate dataclass is the one definition of a proposal: the fields an editor
    corrects are declared here; every other Candidate attribute travels as a hidden field
    made from its type, and ``candidate()`` turns the row back into a Candidate.
    """

    keep = forms.BooleanField(required=False, initial=True)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    speaker = forms.CharField(max_length=200)
    relayed_by = forms.CharField(max_length=200, required=False)
    kind = forms.ChoiceField(choices=Claim.Kind.choices)
    relation = forms.ChoiceField(
        choices=[("", "—"), *ClaimRelation.Kind.choices],
        required=False,
        widget=forms.HiddenInput,
    )
    # What the editor corrects replaces what the text said; these follow the correction.
    AS_WRITTEN = {"speaker_as_written": "speaker", "relayed_by_as_written": "relayed_by"}

    def __init__(self, *args, body="", **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        for field in fields(Candidate):
            if field.name not in self.fields and field.name not in self.AS_WRITTEN:
                self.fields[field.name] = _hidden_field(field.type)

    def clean(self):
        cleaned = super().clean()
        text, start = cleaned.get("text"), cleaned.get("start")
        if not cleaned.get("keep") or text is None or start is None:
            return cleaned
        text = text.strip()
        if self.body[start : cleaned.get("end", 0)] != text:
            # The editor corrected the words: take their occurrence nearest the original.
            spots = [m.start() for m in re.finditer(re.escape(text), self.body)] if text else []
            if not spots:
                raise forms.ValidationError("These words are not in the article.")
            start = min(spots, key=lambda spot: abs(spot - cleaned["start"]))
        cleaned.update(text=text, start=start, end=start + len(text))
        cleaned["speaker_kind"] = cleaned.get("speaker_kind") or "person"
        cleaned["relayed_by"] = cleaned.get("relayed_by") or None
        cleaned["relation"] = cleaned.get("relation") or None
        return cleaned

    def candidate(self, answers=None):
        """The kept row as a Candidate; ``answers`` renumbers the claim it answers."""
        values = {
            field.name: self.cleaned_data.get(self.AS_WRITTEN.get(field.name, field.name))
            for field in fields(Candidate)
        }
        return Candidate(**{**values, "answers": answers})


ProposalFormSet = forms.formset_factory(ProposalForm, extra=0, max_num=1000)
