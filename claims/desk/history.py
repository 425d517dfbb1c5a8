"""Read a claim's history as people want to see it: who changed what from what to what.

The timeline merges the claim's own records with those of its evidence and relations, and
shows names as they were: a deleted author by the name kept on the record, a verdict by
the label it had when the change was made, a merged-away speaker by their last name.
"""

from bisect import bisect_right
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q

from claims import reference
from claims.models import Claim, ClaimRelation, Evidence, Rating, Source, Speaker

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
# Records of these models keep past names: looked up as of the change, not as of today.
AS_IT_WAS = {Rating: "label", Speaker: "name"}


@dataclass
class Change:
    field: str
    label: str
    old: object
    new: object


@dataclass
class Entry:
    who: str
    at: object
    created: bool
    changes: list = field(default_factory=list)
    summary: str = ""


def _value(record, name):
    return getattr(record, Claim._meta.get_field(name).attname)


def diff(old, new):
    """[(field name, old raw value, new raw value)] between two states of a claim."""
    return [
        (name, _value(old, name), _value(new, name))
        for name in TRACKED
        if _value(old, name) != _value(new, name)
    ]


def _model_for(name):
    return RELATED.get(name) or (get_user_model() if name == "assigned_to" else None)


def _named(model, ids):
    """[(pk, name)] of the records of ``model`` among ``ids``; verdicts from the worker's
    copy of the scale (claims/reference.py), which every review names."""
    if model is Rating:
        return [(rating.pk, str(rating)) for rating in reference.current().ratings]
    return [(obj.pk, str(obj)) for obj in model.objects.filter(pk__in=ids)]


def _names_then(model, ids):
    """[(pk, from when, name)], oldest first, for the records of ``model`` among ``ids``."""
    if model is Rating:
        return reference.current().labels_then
    attr = AS_IT_WAS[model]
    return (
        model.history.filter(id__in=ids)
        .order_by("history_date")
        .values_list("id", "history_date", attr)
    )


def _displayer(raw_changes):
    """A function turning a raw (field, value, at) into text, with names fetched in bulk."""
    wanted = {}
    for name, old, new in raw_changes:
        model = _model_for(name)
        if model:
            wanted.setdefault(model, set()).update(v for v in (old, new) if v is not None)
    names = {(model, pk): name for model, ids in wanted.items() for pk, name in _named(model, ids)}
    past = {}  # (model, pk) -> ([dates], [names]) in date order
    for model in AS_IT_WAS:
        if model not in wanted:
            continue  # no query to build: most timelines name no speaker or verdict
        for pk, at, name in _names_then(model, wanted[model]):
            dates, labels = past.setdefault((model, pk), ([], []))
            dates.append(at)
            labels.append(name)
    choices = {"status": dict(Claim.Status.choices), "kind": dict(Claim.Kind.choices)}

    def display(name, value, at=None):
        if value is None or value == "":
            return "—"
        model = _model_for(name)
        if model:
            dates, labels = past.get((model, value), ([], []))
            then = bisect_right(dates, at) if at and dates else 0
            if then:
                return labels[then - 1]
            if (model, value) in names:
                return names[(model, value)]
            return labels[-1] if labels else f"#{value} (deleted)"
        return choices.get(name, {}).get(value, value)

    return display


def _changes(raw_changes, display, at=None):
    return [
        Change(
            name,
            Claim._meta.get_field(name).verbose_name,
            display(name, old, at),
            display(name, new, at),
        )
        for name, old, new in raw_changes
    ]


def _author(record):
    return record.author_name or "system"


def _evidence_entries(claim):
    records = list(
        Evidence.history.filter(claim_id=claim.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    verbs = {"+": "added evidence", "~": "changed evidence", "-": "removed evidence"}
    return [
        Entry(
            _author(r),
            r.history_date,
            False,
            summary=f"{verbs[r.history_type]} “{r.title or r.url}”",
        )
        for r in records
    ]


def _relation_entries(claim):
    records = list(
        ClaimRelation.history.filter(Q(from_claim_id=claim.pk) | Q(to_claim_id=claim.pk))
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    verbs = {"+": "related", "~": "changed the relation", "-": "removed the relation"}
    entries = []
    for r in records:
        if r.from_claim_id == claim.pk:
            what = f"this claim {r.kind} claim #{r.to_claim_id}"
        else:
            what = f"claim #{r.from_claim_id} {r.kind} this claim"
        entries.append(
            Entry(_author(r), r.history_date, False, summary=f"{verbs[r.history_type]}: {what}")
        )
    return entries


def timeline(claim, evidence=True, relations=True):
    """Every recorded change to ``claim``, its evidence and its relations, newest first,
    in a fixed number of queries. ``evidence``, ``relations``: False when the claim is known
    to have no history of either (Claim.objects.with_what_it_has), which skips its query."""
    records = list(
        claim.history.select_related("history_user").order_by("history_date", "history_id")
    )
    steps = [
        (prev, rec, diff(prev, rec) if prev else [])
        for prev, rec in zip([None, *records], records, strict=False)
    ]
    display = _displayer([c for _, _, raw in steps for c in raw])
    entries = [
        Entry(
            _author(rec), rec.history_date, prev is None, _changes(raw, display, rec.history_date)
        )
        for prev, rec, raw in steps
        if prev is None or raw
    ]
    if evidence:
        entries += _evidence_entries(claim)
    if relations:
        entries += _relation_entries(claim)
    entries.sort(key=lambda e: e.at)
    return entries[::-1]


def changes_since(claim, version):
    """What others changed after ``version``: (list of Change, the names of who changed it)."""
    then = claim.history.filter(version=version).order_by("-history_id").first()
    if then is None:
        return [], []
    later = claim.history.filter(version__gt=version).select_related("history_user")
    users = list(dict.fromkeys(rec.author_name for rec in later if rec.author_name))
    raw = diff(then, claim)
    return _changes(raw, _displayer(raw)), users
