from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from claims.fields import IdsInRangeField
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

    claims = IdsInRangeField(
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
