"""Read a claim's history as people want to see it: who changed what from what to what."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from claims.models import Claim, Rating, Source, Speaker

# Fields shown in the timeline, in this order. Bookkeeping (version, updated_by) is left
# out: the entry's author and time already say it.
TRACKED = [
    "status",
    "rating",
    "assigned_to",
    "notes",
    "text",
    "speaker",
    "relayed_by",
    "kind",
    "cue",
    "claimed_on",
    "source",
    "span_start",
    "span_end",
    "machine_proposed",
]
RELATED = {"speaker": Speaker, "relayed_by": Speaker, "rating": Rating, "source": Source}


@dataclass
class Change:
    field: str
    label: str
    old: object
    new: object


@dataclass
class Entry:
    user: object
    at: object
    created: bool
    changes: list = field(default_factory=list)


def _value(record, name):
    return getattr(record, Claim._meta.get_field(name).attname)


def diff(old, new):
    """[(field name, old raw value, new raw value)] between two states of a claim."""
    return [
        (name, _value(old, name), _value(new, name))
        for name in TRACKED
        if _value(old, name) != _value(new, name)
    ]


def _displayer(raw_changes):
    """A function turning a raw (field, value) into text, with related names fetched in bulk."""
    wanted = {}
    for name, old, new in raw_changes:
        model = RELATED.get(name) or (get_user_model() if name == "assigned_to" else None)
        if model:
            wanted.setdefault(model, set()).update(v for v in (old, new) if v is not None)
    names = {
        (model, obj.pk): str(obj)
        for model, ids in wanted.items()
        for obj in model.objects.filter(pk__in=ids)
    }
    choices = {"status": dict(Claim.Status.choices), "kind": dict(Claim.Kind.choices)}

    def display(name, value):
        if value is None or value == "":
            return "—"
        model = RELATED.get(name) or (get_user_model() if name == "assigned_to" else None)
        if model:
            return names.get((model, value), f"#{value} (deleted)")
        return choices.get(name, {}).get(value, value)

    return display


def _changes(raw_changes, display):
    return [
        Change(
            name, Claim._meta.get_field(name).verbose_name, display(name, old), display(name, new)
        )
        for name, old, new in raw_changes
    ]


def timeline(claim):
    """Every recorded change to ``claim``, newest first, in a fixed number of queries."""
    records = list(
        claim.history.select_related("history_user").order_by("history_date", "history_id")
    )
    steps = [
        (prev, rec, diff(prev, rec) if prev else [])
        for prev, rec in zip([None, *records], records, strict=False)
    ]
    display = _displayer([c for _, _, raw in steps for c in raw])
    entries = [
        Entry(rec.history_user, rec.history_date, prev is None, _changes(raw, display))
        for prev, rec, raw in steps
        if prev is None or raw
    ]
    return entries[::-1]


def changes_since(claim, version):
    """What others changed after ``version``: (list of Change, the users who changed it)."""
    then = claim.history.filter(version=version).order_by("-history_id").first()
    if then is None:
        return [], []
    later = claim.history.filter(version__gt=version).select_related("history_user")
    users = list(dict.fromkeys(rec.history_user for rec in later if rec.history_user))
    raw = diff(then, claim)
    return _changes(raw, _displayer(raw)), users
