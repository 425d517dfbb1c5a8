from django import forms
from django.core.validators import URLValidator
from django.db import models
from django.forms.models import ModelChoiceIterator

from .sanitize import clean_html


class SanitizedHTMLField(models.TextField):
    """A text field whose value is passed through the one bleach policy on every save.

    Sanitising at write time in the field means every path that writes — admin, forms,
    services, management commands — stores the same clean HTML without remembering to.
    """

    def pre_save(self, model_instance, add):
        value = clean_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class WebURLField(models.URLField):
    """A link shown to people as clickable: http(s) only, never javascript:, data: or file:.

    Forms take an address typed without a scheme ("example.org/report") as https.
    """

    default_validators = [URLValidator(schemes=["http", "https"])]

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


# The largest id a bigint primary key can hold.
MAX_ID = 2**63 - 1


def as_id(text):
    """``text`` as a record id, or None: ASCII digits only ("²".isdigit() is true, and int()
    refuses it) and within the database's integer range."""
    text = str(text or "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


class IdsInRange:
    """For a ModelMultipleChoiceField: an id past the database's integer range is an invalid
    choice. Django bounds ``pk=`` lookups itself, but not the ``pk__in=`` that this field
    runs, where SQLite raises OverflowError and PostgreSQL a DataError: a 500."""

    def _check_values(self, value):
        for item in value or ():
            try:
                number = int(str(item))
            except ValueError:
                continue  # not a number at all: the field's own check names it
            if not -MAX_ID <= number <= MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


class ReadAtOnce(ModelChoiceIterator):
    """A model choice field's choices from one ordinary query, kept for the form's life.

    Django's own iterator reads them through ``QuerySet.iterator()``: on PostgreSQL a
    server-side cursor, three round trips (DECLARE, FETCH, CLOSE) for a handful of rows,
    each time the choices are walked. A form's field holds its own copy of the queryset
    (Django copies it with the field), whose rows the first walk keeps; validating a
    submitted choice still asks the database (``queryset.get``), never these rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ModelChoiceField(forms.ModelChoiceField):
    iterator = ReadAtOnce


class IdsInRangeField(IdsInRange, forms.ModelMultipleChoiceField):
    pass
