"""The page around the story: headlines, bylines, photo captions and datelines.

Pasted news copy keeps its furniture. None of it is a statement: a headline ("Obama Says
Museum Will Tell …") names people in title case, a byline names the writer, a caption
credits a photographer, a dateline ("SEOUL, Sept. 20 (Reuters) -") opens the first
paragraph. ``furniture`` tells which paragraphs to leave out; ``dateline`` where the story
proper begins in a paragraph and the date it gives, if any.
"""

import re

CAPTION = re.compile(
    r"^\s*(?:\(?(?:photo|image|caption|credit|video|pictured|file photo|graphic)\b[^a-z]?)"
    r"|\((?:AP|Reuters|AFP|Getty)?\s*Photo\b|\bGetty Images\b|\bPhoto(?:graph)?:\s|\(Photo by\b",
    re.I,
)
BYLINE = re.compile(r"^\s*(?:By|BY|Written by|Reporting by)\s+[A-Z]")
SMALL_WORDS = {
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "of", "on",
    "or", "over", "the", "to", "up", "vs", "with",
}  # fmt: skip
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][a-z.]+)?)?)"
    r"(?:,\s*(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(?:,\s*(?P<year>\d{4}))?)?"
    r"\s*(?:\([A-Za-z .&-]{2,40}\))?\s*[-–—]+\s+"
)


def title_case(words):
    """Whether nearly every word (but the small ones) starts with a capital."""
    content = [w for w in words if w.lower().strip("’'\",.:;") not in SMALL_WORDS]
    if not content:
        return False
    capitals = sum(1 for w in content if w[:1].isupper() or not w[:1].isalpha())
    return capitals >= 0.85 * len(content)


def furniture(text, start, end, first=False):
    """Whether text[start:end], one paragraph, is a headline, byline or caption. The
    ``first`` paragraph of an article with a body after it is its headline when it is short
    and holds no stop ("Minister denies misleading parliament over waiting lists"), in any
    case."""
    paragraph = text[start:end].strip()
    words = paragraph.split()
    if not words:
        return True
    # A closing quotation mark ends a headline too ("Trump says “we will build the wall”")
    # unless a stop stands inside it.
    last = paragraph.rstrip("”\"’'")
    if (
        first
        and len(words) <= 20
        and last[-1:] not in {".", "!", "?", ":", ";", ","}
        and not re.search(r"[.!?]\s", paragraph)
    ):
        return True
    if BYLINE.match(paragraph) and len(words) <= 12:
        return True
    if CAPTION.search(paragraph) and len(words) <= 60:
        return True
    # "Stealth Over Health: Hillary Clinton Was Headed to ER"
    return 3 <= len(words) <= 25 and title_case(words)


def dateline(text, start, end):
    """(where the story begins, date or None) for a paragraph that opens with a dateline;
    (start, None) otherwise. The date is ISO "YYYY-MM-DD" when the dateline gives the
    year, "--MM-DD" (ISO 8601 without year) when it gives only month and day."""
    match = DATELINE.match(text, start, end)
    if not match or len(match.group("place")) < 3:
        return start, None
    date = None
    written = (match.group("month") or "").lower()
    month = MONTHS.get(written[:4] if written.startswith("sept") else written[:3])
    if month and match.group("day"):
        day = int(match.group("day"))
        year = match.group("year")
        date = f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    return match.end(), date
