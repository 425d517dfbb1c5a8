"""Text from users, made safe once: the one HTML policy (every piece of user-supplied HTML goes
through ``clean_html``) and the one line-ending rule (``normalise_newlines``).

Plain Python (bleach only) so it is tested without Django. User text reaches a page escaped
(by the template engine, or by claims.widgets.escaped where Python writes the markup); HTML
from users only through this function (the ``sanitized`` template filter calls it).
"""

import html
import re

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


# C0 controls other than tab, newline and carriage return: PDFs and Word leave form feeds
# (\x0c) and vertical tabs (\x0b) in pasted text, and XML 1.0 cannot carry them at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|blockquote)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")


def strip_control_characters(text):
    """``text`` without the control characters XML (and most readers) refuse."""
    return _CONTROL.sub("", text or "")


def plain_text(value):
    """Sanitised HTML as plain text for machines (ClaimReview's reviewBody, feeds): tags
    dropped, entities decoded once, so "&" stays "&" and not "&amp;"."""
    if not value:
        return ""
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", clean_html(value)))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()
