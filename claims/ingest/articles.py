"""Turn an uploaded or named file into an article, or a one-line reason it cannot be.

Offsets of extracted claims index the text returned here, so a .txt file is decoded exactly
as it is (no newline translation, no BOM removal). A web page is reduced to its main content
by trafilatura (navigation, "most read" boxes, captions, footers left out, so none of them
can become a claim), and its own title, date and canonical address fill the source.
"""

import datetime
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import trafilatura

from claims.extraction import MAX_CHARS

MAX_BYTES = 2 * 1024 * 1024  # a long feature is ~100 KB; anything this size is not an article
TITLE_LENGTH = 300  # Source.title's max_length
HTML_SUFFIXES = {".html", ".htm"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


class ArticleError(ValueError):
    """The file cannot be imported; the message says why in one line."""


@dataclass(frozen=True)
class Article:
    title: str
    text: str
    published_on: datetime.date | None = None
    url: str | None = None


class _TextParser(HTMLParser):
    BLOCKS = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "title",
        "figcaption",
        "pre",
    }
    SKIPPED = {"script", "style", "noscript", "template", "svg", "head", "nav", "iframe"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping, self.title = [], 0, ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup):
    """(title, plain text) of all an HTML document says: no tags, no scripts, entities decoded.

    The fallback for pages too small or odd for main-content extraction."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return html.unescape(parser.title).strip(), text


def decode(data, name="the file"):
    """The article text of raw bytes, or ArticleError."""
    if not data.strip():
        raise ArticleError(f"{name} is empty.")
    if len(data) > MAX_BYTES:
        raise ArticleError(
            f"{name} is {len(data) // 1024} KB; the limit is {MAX_BYTES // 1024 // 1024} MB."
        )
    if b"\x00" in data:
        raise ArticleError(f"{name} looks like a binary file, not text.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})."
        ) from exc


def _date(value):
    try:
        return datetime.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def web_page(markup):
    """The Article in a web page: its main content, title, date and canonical address."""
    found = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
    )
    fallback_title, fallback_text = html_to_text(markup)
    text = found.text.strip() if found is not None and found.text else ""
    if not text:
        return Article(title=fallback_title, text=fallback_text)
    url = found.url if found.url and found.url.startswith(("http://", "https://")) else None
    return Article(
        title=(found.title or fallback_title).strip(),
        # One paragraph per line from trafilatura; a blank line between them, as in .txt copy.
        text="\n\n".join(line.strip() for line in text.splitlines() if line.strip()),
        published_on=_date(found.date),
        url=url,
    )


def article_from_bytes(data, filename):
    """The Article in an uploaded or read file, by its name's suffix."""
    suffix = Path(filename).suffix.lower()
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES:
        raise ArticleError(f"{filename}: only .txt and .html files can be imported.")
    text = decode(data, filename)
    if suffix in HTML_SUFFIXES:
        article = web_page(text)
        if not article.text:
            raise ArticleError(f"{filename} has no text once its HTML is removed.")
    else:
        article = Article(title="", text=text)
    check_length(article.text, filename)
    return Article(
        title=shorten(article.title) or first_line(article.text),
        text=article.text,
        published_on=article.published_on,
        url=article.url,
    )


def check_length(text, name="The article"):
    """Refuse, before any work, an article longer than extraction reads (MAX_CHARS)."""
    if len(text) > MAX_CHARS:
        raise ArticleError(
            f"{name} has {len(text):,} characters; articles of up to {MAX_CHARS:,} can be "
            "imported. Split it, or import the part that holds the statements."
        )


def shorten(title, limit=TITLE_LENGTH):
    """A title that fits the source's title field, cut at a word with an ellipsis."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def read_article(path):
    """The Article in the file at ``path``, or ArticleError."""
    path = Path(path)
    if not path.is_file():
        raise ArticleError(f"{path}: no such file.")
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    return article_from_bytes(data, str(path))


def first_line(text):
    """A title for an article that has none: its first non-blank line, shortened."""
    for line in text.splitlines():
        if line.strip():
            return shorten(line)
    return "Untitled article"
