import re

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from .articles import MAX_BYTES, ArticleError, article_from_bytes, first_line
from .models import Claim, Evidence, Source


def assignable_users():
    """People who can work on claims: Contributors, Editors and superusers."""
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name__in=["Contributor", "Editor"]) | Q(is_superuser=True), is_active=True
        )
        .distinct()
        .order_by("username")
    )


class ReviewForm(forms.ModelForm):
    """The editor's review: status, verdict, assignee and notes, from a given version."""

    # The version the editor loaded. A save from an older copy is a conflict, never a merge.
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Claim
        fields = ["status", "rating", "assigned_to", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "notes": "Allowed: paragraphs, links, bold, italics, lists, quotes. "
            "Anything else is removed when saved."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["assigned_to"].queryset = assignable_users()
        self.fields["assigned_to"].label = "Assigned to"
        self.fields["assigned_to"].empty_label = "Nobody"
        self.fields["rating"].empty_label = "No verdict yet"
        # Publishing is its own action with its own checks; here it can only be kept.
        if self.instance.status != Claim.Status.PUBLISHED:
            self.fields["status"].choices = [
                c for c in Claim.Status.choices if c[0] != Claim.Status.PUBLISHED
            ]

    def changes(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["url", "title", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class BulkForm(forms.Form):
    """Set the status of, or assign, several claims chosen on the list."""

    ACTIONS = [("status", "Set status"), ("assign", "Assign")]

    claims = forms.ModelMultipleChoiceField(
        queryset=Claim.objects.all(), error_messages={"required": "Tick at least one claim."}
    )
    action = forms.ChoiceField(choices=ACTIONS)
    status = forms.ChoiceField(
        choices=[c for c in Claim.Status.choices if c[0] != Claim.Status.PUBLISHED],
        required=False,
    )
    assignee = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Nobody (unassign)"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_users()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "status" and not cleaned.get("status"):
            self.add_error("status", "Choose the status to set.")
        return cleaned

    def changes(self):
        if self.cleaned_data["action"] == "status":
            return {"status": self.cleaned_data["status"]}
        return {"assigned_to": self.cleaned_data["assignee"]}


def normalise_newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


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


class ProposalForm(forms.Form):
    """One proposed claim on the import page: keep it or not, and correct it."""

    keep = forms.BooleanField(required=False, initial=True)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    speaker = forms.CharField(max_length=200)
    relayed_by = forms.CharField(max_length=200, required=False)
    kind = forms.ChoiceField(choices=Claim.Kind.choices)
    cue = forms.CharField(max_length=80, required=False, widget=forms.HiddenInput)
    speaker_kind = forms.CharField(required=False, widget=forms.HiddenInput)
    answers = forms.IntegerField(required=False, widget=forms.HiddenInput)
    relation = forms.CharField(required=False, widget=forms.HiddenInput)
    confidence = forms.FloatField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, body="", **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body

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
        return cleaned


ProposalFormSet = forms.formset_factory(ProposalForm, extra=0, max_num=1000)
