"""Paragraphs, sentences and quotations, each with offsets into the original text."""

import re
from bisect import bisect_left
from dataclasses import dataclass

ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "del",
    "rev",
    "adm",
    "maj",
    "amb",
    "supt",
    "cmdr",
    "gov",
    "sen",
    "rep",
    "jr",
    "sr",
    "inc",
    "ltd",
    "corp",
    "co",
    "no",
    "vs",
    "etc",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mt",
    "ft",
    "hon",
    "approx",
}
OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
BOUNDARY = re.compile(r"[.!?]+[”’\"')\]]*\s+")


@dataclass(frozen=True)
class Quote:
    start: int  # first character of the words (inside the marks)
    end: int  # one past the last character of the words
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the quote never closes

    @property
    def outer_end(self):
        return self.end if self.close_mark is None else self.close_mark + 1


def paragraphs(text):
    """(start, end) of each non-blank line or block between line breaks."""
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.end()


def _is_abbreviation(text, dot):
    word = re.search(r"([\w.]+)$", text[max(0, dot - 40) : dot])  # a bounded look back
    if not word:
        return False
    token = word.group(1)
    if "." in token.rstrip("."):  # U.S., U.N., a.m.
        return True
    return token.lower() in ABBREVIATIONS or (len(token) == 1 and token.isupper())


def sentences(text, start, end):
    """(start, end) of each sentence in text[start:end]."""
    cursor = start
    for match in BOUNDARY.finditer(text, start, end):
        nxt = match.end()
        if nxt >= end:
            break
        following = text[nxt]
        if not (following.isupper() or following.isdigit() or following in "“‘\"'(«"):
            continue
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        yield cursor, match.end()
        cursor = nxt
    if cursor < end:
        yield cursor, end


def _letter(ch):
    return ch.isalpha() or ch.isdigit()


def _opens(text, i, start):
    """Whether the mark at i can open a quotation (a word must follow, not precede)."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _letter(before) and (_letter(after) or after in "‘'“\"…")


def _closes(text, i, end):
    after = text[i + 1] if i + 1 < end else " "
    return not _letter(after)


def _find_close(text, i, end, marks):
    for j in range(i + 1, end):
        if text[j] in marks and _closes(text, j, end):
            return j
    return None


def _paired_quote(text, i, end):
    """A quotation in doubled marks, as typewriter copy writes it: ''…'' or ``…''."""
    if text[i : i + 2] not in ("''", "``") or i + 2 >= end or not _letter(text[i + 2]):
        return None
    close = text.find("''", i + 2, end)
    if close == -1:
        return None
    words_end = close
    while words_end > i + 2 and text[words_end - 1] in " \t,":
        words_end -= 1
    return Quote(i + 2, words_end, i, close + 1) if words_end > i + 2 else None


def quotes(text, start, end):
    """Quotations in one paragraph, outermost only, tolerating mismatched or missing marks.

    A quotation opened with one kind of mark may close with another (‘…” or “…’), and one
    that never closes runs to the end of the paragraph, as happens in hurried copy.
    """
    found = []
    i = start
    while i < end:
        ch = text[i]
        close = None
        pair = _paired_quote(text, i, end) if ch in "'`" else None
        if pair:
            found.append(pair)
            i = pair.close_mark + 1
            continue
        if ch in OPEN_DOUBLE or (ch == '"' and _opens(text, i, start)):
            close = _find_close(text, i, end, CLOSE_DOUBLE + '"')
            if close is None:
                close = _find_close(text, i, end, "’")
        elif ch in "‘'" and _opens(text, i, start):
            close = _find_close(text, i, end, "’'")
            if close is None:
                close = _find_close(text, i, end, CLOSE_DOUBLE + '"')
            if close is None and ch == "'":
                i += 1  # an apostrophe, not a quotation
                continue
        else:
            i += 1
            continue
        words_end = close if close is not None else end
        inner_start = i + 1
        while inner_start < words_end and text[inner_start].isspace():
            inner_start += 1
        while words_end > inner_start and text[words_end - 1] in " \t,":
            words_end -= 1
        if words_end > inner_start:
            found.append(Quote(inner_start, words_end, i, close))
        i = (close if close is not None else end) + 1
    return found


# "“Why is he attacking me?” Trump said.": after a quotation that ends in a question or an
# exclamation, a short capitalised speaker and a verb of saying belong to that sentence.
QUESTION_THEN_SPEAKER = re.compile(
    r"(?:[A-Z][\w.’'-]*\s+){1,4}(?:said|says|asked|asks|added|told|tells|wrote|writes|"
    r"replied|responded|shouted|continued|joked|quipped|insisted|explained|argued)\b"
)


def _attributes_question(text, previous, start, end):
    before = text[previous[0] : previous[1]].rstrip()
    closings = ("”", '"', "’", "''")
    return before.endswith(tuple(e + c for e in "?!" for c in closings)) and bool(
        QUESTION_THEN_SPEAKER.match(text, start, end)
    )


def units(text, para_start, para_end, para_quotes):
    """Sentences, merged where a quotation runs across a sentence boundary."""
    opens = [q.open_mark for q in para_quotes]  # in reading order
    reach, furthest = [], 0  # the furthest quotation end (less one) up to each quotation
    for quote in para_quotes:
        furthest = max(furthest, quote.outer_end - 1)
        reach.append(furthest)

    def inside_quote(position):
        opened = bisect_left(opens, position)
        return opened > 0 and reach[opened - 1] >= position

    merged = []
    for s, e in sentences(text, para_start, para_end):
        if merged and (inside_quote(merged[-1][1]) or _attributes_question(text, merged[-1], s, e)):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged
