from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from claims.models import Claim, Evidence


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
    """The editor's review: status, verdict, assignee, the public ruling (claim as checked,
    explanation) and the internal notes, from a given version."""

    # The version the editor loaded. A save from an older copy is a conflict, never a merge.
    version = forms.IntegerField(widget=forms.HiddenInput)
    # Only offered on a published claim. Whether it is required is services.update_claim's
    # rule (the one place); the help text tells the editor before they save.
    correction = forms.CharField(
        label="Correction note (public)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required when you change the verdict, the claim as checked or the "
        "explanation of this published fact-check. Readers see it with today's date.",
    )

    class Meta:
        model = Claim
        fields = ["status", "rating", "assigned_to", "claim_reviewed", "explanation", "notes"]
        widgets = {
            "claim_reviewed": forms.TextInput(),
            "explanation": forms.Textarea(attrs={"rows": 6}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "explanation": "Public: the ruling readers follow. Allowed: paragraphs, links, "
            "bold, italics, lists, quotes; anything else is removed when saved.",
            "notes": "Internal: never shown outside the desk. Allowed: paragraphs, links, "
            "bold, italics, lists, quotes; anything else is removed when saved.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["assigned_to"].queryset = assignable_users()
        self.fields["assigned_to"].label = "Assigned to"
        self.fields["assigned_to"].empty_label = "Nobody"
        self.fields["rating"].empty_label = "No verdict yet"
        # The claim as checked starts as the exact words; the editor rewrites it.
        if not self.instance.claim_reviewed:
            self.initial["claim_reviewed"] = self.instance.text[:500]
        # Publishing and unpublishing are their own actions with their own checks; here
        # the status can only be kept.
        if self.instance.status == Claim.Status.PUBLISHED:
            self.fields["status"].choices = [
                c for c in Claim.Status.choices if c[0] == Claim.Status.PUBLISHED
            ]
        else:
            self.fields["status"].choices = [
                c for c in Claim.Status.choices if c[0] != Claim.Status.PUBLISHED
            ]
            del self.fields["correction"]

    def changes(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def correction_note(self):
        return self.cleaned_data.get("correction", "")


class UnpublishForm(forms.Form):
    """Unpublishing asks for confirmation and a reason, kept in the claim's history."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why is it withdrawn?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the claim's history. Readers see only that it was withdrawn, and when.",
    )


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
