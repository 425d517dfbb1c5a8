"""Cut an article into runs of text for highlighting claim spans. Pure Python.

Templates render each run escaped; only the <mark> and link around it come from the template,
so article text can never inject markup.
"""

import re
from dataclasses import dataclass, field


@dataclass
class Run:
    text: str
    claims: list = field(default_factory=list)  # keys of the spans covering this run
    ending: list = field(default_factory=list)  # keys of the spans that end with this run


def runs(body, spans):
    """Split ``body`` at every span boundary.

    ``spans`` is an iterable of (key, start, end). Overlapping and identical spans (two
    speakers denying with the same words) are fine: a run lists every span covering it.
    """
    spans = [(key, start, end) for key, start, end in spans if 0 <= start < end <= len(body)]
    cuts = sorted({0, len(body), *(s for _, s, _ in spans), *(e for _, _, e in spans)})
    result = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [key for key, start, end in spans if start <= left and right <= end]
        ending = [key for key, _, end in spans if end == right and key in covering]
        result.append(Run(body[left:right], covering, ending))
    return result


def paragraph_around(body, start, end):
    """(text before, the span, text after) within the paragraph holding the span."""
    para_start = body.rfind("\n", 0, start) + 1
    para_end = body.find("\n", end)
    if para_end == -1:
        para_end = len(body)
    return body[para_start:start], body[start:end], body[end:para_end]


def excerpt(body, start, end, around=160):
    """(text before, the span, text after): the span's paragraph cut to about ``around``
    characters each side at a word boundary, with "…" where text was left out."""
    before, words, after = paragraph_around(body, start, end)
    if len(before) > around:
        cut = before[-around:]
        before = "…" + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut
    if len(after) > around:
        cut = after[:around]
        after = (cut[: cut.rfind(" ")] if " " in cut else cut) + "…"
    return before, words, after


# Characters an editor may type for one another: straight, curly and prime quotes and
# apostrophes. Articles use curly ones, keyboards give straight ones.
_SINGLE = "'‘’‛′`"
_DOUBLE = '"“”„‟″'


def _pattern(words):
    parts = []
    for char in words.strip():
        if char.isspace():
            if parts and parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif char in _SINGLE:
            parts.append(f"[{re.escape(_SINGLE)}]")
        elif char in _DOUBLE:
            parts.append(f"[{re.escape(_DOUBLE)}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def locate(body, words):
    """Every (start, end) in ``body`` where ``words`` occur, in reading order.

    Straight and curly quotes and apostrophes count as the same, and any run of whitespace
    (a line break, two spaces) matches any other, so typed words find the printed ones.
    Occurrences do not overlap.
    """
    pattern = _pattern(words or "")
    if not pattern:
        return []
    return [(m.start(), m.end()) for m in re.finditer(pattern, body)]
