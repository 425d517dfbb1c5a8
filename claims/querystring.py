"""Query strings that say no: the parameters a FilterSet understands, so that the exports
and the API answer 400 naming a misspelt one (``?speeker=Putin``) instead of ignoring it
and returning everything. The desk's list is forgiving on purpose (it shows the form with
its errors); machines get a refusal they cannot miss."""

from django import forms


def filter_parameters(filterset):
    """Every query-string name ``filterset`` reads, range widgets' suffixed names included."""
    names = set()
    for name, field in filterset.form.fields.items():
        widget = field.widget
        if hasattr(widget, "suffixed"):  # django-filter's SuffixedMultiWidget
            names.update(widget.suffixed(name, suffix) for suffix in widget.suffixes)
        elif isinstance(widget, forms.MultiWidget):
            names.update(f"{name}{suffix}" for suffix in widget.widgets_names)
        else:
            names.add(name)
    return names


def unknown_parameters(query, accepted):
    """The names in ``query`` (a QueryDict) that are not in ``accepted``, sorted."""
    return sorted(set(query) - set(accepted))


def refusal(query, filterset=None, also=()):
    """None when every parameter is understood and valid; else {"unknown": [...],
    "errors": {name: [messages]}, "accepted": [...]} saying what was refused."""
    accepted = set(also) | (filter_parameters(filterset) if filterset is not None else set())
    unknown = unknown_parameters(query, accepted)
    errors = filterset.errors_found() if filterset is not None else {}
    if not unknown and not errors:
        return None
    return {"unknown": unknown, "errors": errors, "accepted": sorted(accepted)}


def describe(problem):
    """One readable sentence for a refusal()."""
    parts = []
    if problem["unknown"]:
        parts.append("Not understood: " + ", ".join(problem["unknown"]) + ".")
    for name, messages in problem["errors"].items():
        parts.append(f"{name}: {' '.join(messages)}")
    if problem["accepted"]:
        parts.append("Accepted parameters: " + ", ".join(problem["accepted"]) + ".")
    return " ".join(parts)


def as_key(query):
    """``query`` (a QueryDict) as plain values, the same for the same parameters in any
    order: what a list's answer is kept under (list_memory.remembered)."""
    return tuple(sorted((name, tuple(values)) for name, values in query.lists()))
