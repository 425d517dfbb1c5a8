"""How long extraction takes on a 10 KB, 100 KB and 1 MB article, beside two baselines:
segmentation alone, and the extractor as it was before the linear-time work (commit
b66508d, loaded from git into a temporary package).

    .venv/bin/python benchmarks/extraction_speed.py [--runs 5] [--previous-up-to 100000]

The article is real newswire text: the development articles joined until the size is
reached. Segmentation only does the cheap part every extractor needs (paragraphs,
sentences, quotations), so the difference is the cost of the attribution rules and speaker
resolution. The previous extractor grew quadratically (a 1 MB article took over a minute),
so by default it is timed only up to 100 KB. Times are medians of wall-clock milliseconds;
the last column is the process's CPU time, steadier on a shared, busy machine.
"""

import argparse
import importlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import MAX_CHARS, extract  # noqa: E402
from claims.extraction.segment import paragraphs, quotes, sentences  # noqa: E402

PREVIOUS = "b66508d"
FOLDERS = ["tests/articles", "tests/articles/dev-2", "tests/articles/dev-3"]
SIZES = [("10 KB", 10_000), ("100 KB", 100_000), ("1 MB", 1_000_000)]


def article_of(size):
    texts = [
        p.read_text(encoding="utf-8") for f in FOLDERS for p in sorted((ROOT / f).glob("*.txt"))
    ]
    text = ""
    while len(text.encode("utf-8")) < size:
        text += "\n\n".join(texts) + "\n\n"
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def segment_only(text):
    for start, end in paragraphs(text):
        list(sentences(text, start, end))
        quotes(text, start, end)


def _git(*args):
    # Fixed arguments on this repository only; git is found on PATH like any developer tool.
    return subprocess.run(  # noqa: S603
        ["git", "-C", str(ROOT), *args],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def previous_extract():
    """extract() as of PREVIOUS, or None when git or the commit is not available."""
    folder = Path(tempfile.mkdtemp(prefix="extraction_previous_"))
    package = folder / "previous_extraction"
    package.mkdir()
    try:
        names = _git("ls-tree", "--name-only", PREVIOUS, "claims/extraction/").split()
        for name in names:
            if name.endswith(".py"):
                source = _git("show", f"{PREVIOUS}:{name}")
                (package / Path(name).name).write_text(source, encoding="utf-8")
    except (OSError, subprocess.CalledProcessError):
        return None
    sys.path.insert(0, str(folder))
    return importlib.import_module("previous_extraction").extract


def timed(func, text, runs, clock=time.perf_counter):
    samples = []
    for _ in range(runs):
        began = clock()
        func(text)
        samples.append((clock() - began) * 1000)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="runs per size (median)")
    parser.add_argument(
        "--previous-up-to",
        type=int,
        default=100_000,
        help="time the previous extractor only on articles up to this many bytes",
    )
    args = parser.parse_args()
    previous = previous_extract()
    header = f"{'segment ms':>11} {'previous ms':>12} {'extract ms':>11} {'extract cpu ms':>15}"
    print(f"{'article':8} {'candidates':>10} {header}")
    for label, size in SIZES:
        text = article_of(size)
        assert len(text) <= MAX_CHARS
        found = len(extract(text))
        runs = args.runs if size <= 100_000 else max(1, args.runs // 2)
        segment = timed(segment_only, text, runs)
        if previous is not None and size <= args.previous_up_to:
            before = f"{timed(previous, text, runs):12.1f}"
        else:
            before = f"{'-':>12}"
        now = timed(extract, text, runs)
        cpu = timed(extract, text, runs, time.process_time)
        print(f"{label:8} {found:10} {segment:11.1f} {before} {now:11.1f} {cpu:15.1f}")
    print("targets: extract() under 20 ms for 10 KB and under 2 s for 1 MB")


if __name__ == "__main__":
    main()
