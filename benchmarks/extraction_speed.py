"""How long extraction takes on a 10 KB article, beside a baseline of segmentation alone.

    .venv/bin/python benchmarks/extraction_speed.py [--runs 200]

The article is real newswire text: the corpus articles joined until 10 KB. The baseline
does only the cheap part every extractor needs (paragraphs, sentences, quotations), so
the difference is the cost of the attribution rules and speaker resolution.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import extract  # noqa: E402
from claims.extraction.segment import paragraphs, quotes, sentences  # noqa: E402


def article_of(size):
    folders = ["tests/articles", "tests/articles/dev-2", "tests/articles/dev-3"]
    texts = [
        p.read_text(encoding="utf-8") for f in folders for p in sorted((ROOT / f).glob("*.txt"))
    ]
    text = ""
    while len(text.encode("utf-8")) < size:
        text += "\n\n".join(texts) + "\n\n"
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def segment_only(text):
    for start, end in paragraphs(text):
        list(sentences(text, start, end))
        quotes(text, start, end)


def timed(func, text, runs):
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        func(text)
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples), max(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    text = article_of(10 * 1024)
    found = len(extract(text))
    print(f"article: {len(text.encode('utf-8'))} bytes, {found} candidates, {args.runs} runs")
    print(f"{'':28} {'median ms':>10} {'max ms':>8}")
    for label, func in (("baseline: segmentation only", segment_only), ("extract()", extract)):
        median, worst = timed(func, text, args.runs)
        print(f"{label:28} {median:10.2f} {worst:8.2f}")
    print("target: extract() under 20 ms for a 10 KB article")


if __name__ == "__main__":
    main()
