"""Turn an uploaded or named file into article text, or a one-line reason it cannot be.

Pure Python. Offsets of extracted claims index the text returned here, so a .txt file is
decoded exactly as it is (no newline translation, no BOM removal).
"""

import html
import re
from html.parser import HTMLParser
from pathlib import Path

MAX_BYTES = 2 * 1024 * 1024  # a long feature is ~100 KB; anything this size is not an article
HTML_SUFFIXES = {".html", ".htm"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


class ArticleError(ValueError):
    """The file cannot be imported; the message says why in one line."""


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
    """(title, plain text) of an HTML document: no tags, no scripts, entities decoded."""
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


def article_from_bytes(data, filename):
    """(title, text) from an uploaded or read file, by its name's suffix."""
    suffix = Path(filename).suffix.lower()
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES:
        raise ArticleError(f"{filename}: only .txt and .html files can be imported.")
    text = decode(data, filename)
    if suffix in HTML_SUFFIXES:
        title, text = html_to_text(text)
        if not text:
            raise ArticleError(f"{filename} has no text once its HTML is removed.")
    else:
        title = ""
    return title or first_line(text), text


def read_article(path):
    """(title, text) of the file at ``path``, or ArticleError."""
    path = Path(path)
    if not path.is_file():
        raise ArticleError(f"{path}: no such file.")
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    return article_from_bytes(data, str(path))


def first_line(text, limit=300):
    """A title for an article that has none: its first non-blank line, shortened."""
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return "Untitled article"
