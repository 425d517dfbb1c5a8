from django.core.validators import URLValidator
from django.db import models

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
