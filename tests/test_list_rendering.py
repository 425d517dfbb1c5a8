"""The list rows' cheaper pieces say exactly what Django's own would: links, times and
shortened texts (claims/models.py pk_url, claims_tags time_element and truncated)."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import timezone

from claims.models import pk_url


@pytest.mark.parametrize(
    "name", ["claims:claim-detail", "claims:speaker-detail", "claims:source-detail"]
)
@pytest.mark.parametrize("prefix", ["/", "/desk/"])
def test_row_links_are_the_urls_reverse_gives(name, prefix):
    set_script_prefix(prefix)
    try:
        for pk in (1, 7, 2147483646, 10**12):
            assert pk_url(name, pk) == reverse(name, args=[pk])
    finally:
        clear_script_prefix()


def render(source, **context):
    return Template("{% load claims_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(
    "moment",
    [
        timezone.now(),
        datetime.datetime(2024, 3, 31, 1, 30, tzinfo=datetime.UTC),  # a clock change in Europe
        datetime.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.UTC),
    ],
)
def test_the_time_of_a_row_reads_as_the_date_filter_writes_it(moment):
    django = """<time datetime="{{ t|date:'c' }}">{{ t|date:"j M Y H:i" }}</time>"""
    assert render('{% time_element t "j M Y H:i" %}', t=moment) == render(django, t=moment)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "short",
        "x" * 60,
        "x" * 61,
        "A statement long enough to be cut " * 5,
        "Café crème, naïve façade — “quoted” words " * 3,
        "e\u0301" * 70,  # combining accents do not count as characters
        "<b>Not & markup</b> " * 10,
    ],
)
@pytest.mark.parametrize("length", [1, 60, 140])
def test_shortened_texts_are_what_truncatechars_gives(text, length):
    assert render(f"{{{{ t|truncated:{length} }}}}", t=text) == render(
        f"{{{{ t|truncatechars:{length} }}}}", t=text
    )
