"""Argument checks shared by the claims commands: bad input is a one-line CommandError,
never a traceback. (A leading underscore: Django does not list this module as a command.)"""

import unicodedata

from django.core.management.base import CommandError


def plain_text(option, value):
    """``value`` unchanged, or CommandError if it holds control characters (NUL and the
    like), which PostgreSQL refuses to store and no title, name or address contains."""
    if value is None:
        return value
    for char in str(value):
        if unicodedata.category(char) in {"Cc", "Cs"} and char not in "\t\n":
            raise CommandError(f"{option} contains a control character ({ord(char):#04x}).")
    return value


def max_length(option, value, limit):
    if value is not None and len(value) > limit:
        raise CommandError(f"{option} is {len(value)} characters long; the limit is {limit}.")
    return value
