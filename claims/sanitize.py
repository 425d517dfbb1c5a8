"""Text from users, made safe once: the one HTML policy (every piece of user-supplied HTML goes
through ``clean_html``) and the one line-ending rule (``normalise_newlines``).

Plain Python (bleach only) so it is tested without Django. Anything rendered unescaped in a
template must have come out of this function (the ``sanitized`` template filter calls it).
"""

import bleach
from bleach.linkifier import DEFAULT_CALLBACKS

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "blockquote", "code", "q"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


def _allowed_scheme_only(attrs, new=False):
    # Linkify recognises many schemes (ssh://, data://…) that the sanitiser would never let
    # through in markup; a link it makes must pass the same scheme rule, else stays text
    # whole (matching only allowed schemes would turn "ssh://host" into a link to http://host).
    href = attrs.get((None, "href"), "")
    scheme, colon, _ = href.partition(":")
    if new and colon and scheme.lower() not in ALLOWED_PROTOCOLS:
        return None
    return attrs


def _external_link_rel(attrs, new=False):
    # Reviewer notes link to outside sites: don't pass them our referrer or ranking.
    href_key = (None, "href")
    if href_key in attrs:
        attrs[(None, "rel")] = "nofollow noopener noreferrer"
    return attrs


_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        lambda source: bleach.linkifier.LinkifyFilter(
            source=source,
            callbacks=[_allowed_scheme_only, *DEFAULT_CALLBACKS, _external_link_rel],
            skip_tags={"code"},
        )
    ],
)


def clean_html(value):
    """Return ``value`` with only the allowed tags, attributes and link schemes left."""
    if not value:
        return ""
    return _cleaner.clean(str(value)).strip()


def normalise_newlines(text):
    """Browsers send line breaks as CRLF; stored text and every offset into it use LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
