from functools import cache

from django import forms

from claims import reference
from claims.fields import IdsInRangeField, ModelChoiceField, as_id
from claims.models import Claim, ClaimRelation, Evidence, Speaker
from claims.reference import assignable_users
from claims.sanitize import normalise_newlines
from claims.widgets import Select


class ReviewForm(forms.ModelForm):
    """The editor's review: status, verdict, assignee, the public ruling (claim as checked,
    explanation) and the internal notes, from a given version."""

    # The version the editor loaded. A save from an older copy, or one without a version,
    # is a conflict, never a merge (services.update_claim decides).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
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
        field_classes = {"rating": ModelChoiceField, "assigned_to": ModelChoiceField}
        widgets = {
            "status": Select,
            "rating": Select,
            "assigned_to": Select,
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
        # The choices shown come from this worker's copy, read once if the form is shown;
        # a submitted one is checked against the database (the querysets).
        kept = cache(reference.current)
        read_choices(self.fields["assigned_to"], lambda: kept().assignable)
        read_choices(self.fields["rating"], lambda: kept().ratings)
        # The claim as checked starts as the exact words; the editor rewrites it.
        if not self.instance.claim_reviewed:
            self.initial["claim_reviewed"] = self.instance.text[:500]
        # Publishing and unpublishing are their own actions with their own checks: a
        # published claim's status can only be kept here, another cannot become published.
        # A submitted form keeps every choice, so that a claim published or unpublished
        # meanwhile gives the conflict page (services decide), not "invalid choice".
        published = self.instance.status == Claim.Status.PUBLISHED
        if not self.is_bound:
            self.fields["status"].choices = [
                c for c in Claim.Status.choices if (c[0] == Claim.Status.PUBLISHED) == published
            ]
            if published:
                self.fields["status"].help_text = "Unpublish it first to change its status."
        if not published:
            del self.fields["correction"]

    def _post_clean(self):
        # Not the claim as a whole: services.update_claim validates the result, under the
        # claim's row lock, against the claim as stored then (this form's copy may be stale
        # by the time it is saved), and the view shows each rule it breaks beside its field.
        # Validating it here as well cost 2 ms of every save (then its constraints and
        # foreign keys were queries; its foreign keys still are).
        pass

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


def read_choices(field, objects):
    """Give a model choice field's widget its choices from ``objects()``, rows the page
    has already (the reference data a worker keeps, claims/reference.py), instead of
    reading its queryset again to show them. Called only if the field is shown, not for a
    form that is submitted and saved."""
    iterator = field.iterator(field)
    blank = [("", field.empty_label)] if field.empty_label is not None else []
    field.widget.choices = lambda: blank + [iterator.choice(obj) for obj in objects()]
    return field


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
        widget=Select,
    )
    assignee = ModelChoiceField(
        queryset=None, required=False, empty_label="Nobody (unassign)", widget=Select
    )

    def __init__(self, *args, kept=None, **kwargs):
        """``kept``: the reference data (claims/reference.py), if the page has it already."""
        super().__init__(*args, **kwargs)
        if self.is_bound:  # a choice is checked against the database; building the query
            self.fields["assignee"].queryset = assignable_users()  # costs a list 0.1 ms
        read_choices(self.fields["assignee"], lambda: (kept or reference.current()).assignable)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "status" and not cleaned.get("status"):
            self.add_error("status", "Choose the status to set.")
        return cleaned

    def changes(self):
        if self.cleaned_data["action"] == "status":
            return {"status": self.cleaned_data["status"]}
        return {"assigned_to": self.cleaned_data["assignee"]}


class RelationForm(forms.Form):
    """This claim denies / disputes / confirms / repeats another, found by searching."""

    kind = forms.ChoiceField(choices=ClaimRelation.Kind.choices)
    to_claim = forms.ModelChoiceField(queryset=Claim.objects.all(), widget=forms.HiddenInput)


class MergeForm(forms.Form):
    """Fold another speaker, named or numbered, into the one whose page this is."""

    other = forms.CharField(
        label="Merge this speaker into this one",
        max_length=200,
        help_text="Their name, an alias or their number (#12). Their claims, relays and aliases "
        "move here; their name becomes an alias.",
    )

    def __init__(self, *args, keep, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep = keep

    def clean_other(self):
        value = self.cleaned_data["other"].strip()
        number = as_id(value.lstrip("#"))
        other = (
            Speaker.objects.filter(pk=number).first()
            if number is not None
            else Speaker.objects.by_alias(value)
        )
        if other is None:
            raise forms.ValidationError(f"No speaker is known as “{value}”.")
        if other == self.keep:
            raise forms.ValidationError("That is this speaker: choose another one.")
        return other


def _context(body, start, end, width=40):
    before = body[max(0, start - width) : start].split("\n")[-1]
    after = body[end : end + width].split("\n")[0]
    return f"…{before}[{body[start:end]}]{after}…"


class ClaimEntryForm(forms.Form):
    """A claim made from words of the article: selected (with their offsets) or typed.

    Typed words are found whatever their quotes and spacing; when they occur more than
    once, the editor picks the occurrence from a list instead of counting characters.
    """

    words = forms.CharField(
        label="Words of the claim",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Exactly as in the article; straight or curly quotes and line breaks "
        "do not matter.",
    )
    occurrence = forms.ChoiceField(
        label="Which occurrence", widget=forms.RadioSelect, required=False
    )
    speaker = forms.CharField(
        max_length=200, help_text="A name or an alias; a new name records a new speaker."
    )
    relayed_by = forms.CharField(label="Relayed by", max_length=200, required=False)
    kind = forms.ChoiceField(choices=Claim.Kind.choices, initial=Claim.Kind.DIRECT_QUOTE)
    cue = forms.CharField(max_length=80, required=False, help_text="said, told, denied…")
    claimed_on = forms.DateField(
        label="Date claimed", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        words = self.data.get("words") if self.is_bound else self.initial.get("words")
        self.found = source.locate(normalise_newlines(words or ""))
        self.fields["occurrence"].choices = [
            (f"{start}:{end}", _context(source.body, start, end)) for start, end in self.found
        ]
        if len(self.found) < 2:
            self.fields["occurrence"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        if "words" not in cleaned:
            return cleaned
        if not self.found:
            self.add_error("words", "These words do not appear in the article.")
            return cleaned
        chosen = cleaned.get("occurrence")
        spans = {f"{start}:{end}": (start, end) for start, end in self.found}
        if chosen in spans:
            cleaned["span"] = spans[chosen]
        elif len(self.found) == 1:
            cleaned["span"] = self.found[0]
        else:
            self.add_error(
                "occurrence",
                f"These words appear {len(self.found)} times in the article: choose one.",
            )
        return cleaned

    def claim(self):
        """The unsaved claim; speakers are resolved by the service that saves it."""
        start, end = self.cleaned_data["span"]
        data = self.cleaned_data
        return Claim(
            source=self.source,
            text=self.source.body[start:end],
            span_start=start,
            span_end=end,
            kind=data["kind"],
            cue=data["cue"],
            claimed_on=data["claimed_on"],
        )
