"""Peak memory of a streamed export as the claim count grows, beside a non-streamed one.

    .venv/bin/python benchmarks/export_memory.py [--sizes 10000 50000 200000]

Runs in a throwaway SQLite database. "streamed" is what the export views and
`export_claims` do (rows from a database iterator, written as they come); the baseline
builds the same CSV in memory first, as a naive export would.
"""

import argparse
import os
import time
import tracemalloc

from throwaway import setup_throwaway_database


def peak_mib(produce):
    tracemalloc.start()
    began = time.perf_counter()
    produce()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20, time.perf_counter() - began


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 200_000])
    args = parser.parse_args()
    setup_throwaway_database()
    from claims.models import Claim, Source, Speaker
    from claims.publishing.exports import csv_rows

    sentence = "The minister said the new bridge would open in May next year. "
    source = Source.objects.create(title="Benchmark", body=sentence)
    speaker = Speaker.objects.create(name="Benchmark speaker")
    text = "the new bridge would open in May next year"
    start = sentence.index(text)

    def grow(total):
        have = Claim.objects.count()
        for first in range(have, total, 5000):
            Claim.objects.bulk_create(
                Claim(
                    source=source,
                    speaker=speaker,
                    text=text,
                    span_start=start,
                    span_end=start + len(text),
                    cue="said",
                )
                for _ in range(first, min(first + 5000, total))
            )

    print(
        f"{'claims':>8} {'streamed peak MiB':>18} {'seconds':>8}   "
        f"{'baseline (in memory) peak MiB':>30} {'seconds':>8}"
    )
    with open(os.devnull, "w") as sink:
        for size in args.sizes:
            grow(size)
            claims = Claim.objects.for_list()

            def streamed(claims=claims):
                for chunk in csv_rows(claims):
                    sink.write(chunk)

            def in_memory(claims=claims):
                sink.write("".join(list(csv_rows(claims.all()))))

            s_peak, s_time = peak_mib(streamed)
            b_peak, b_time = peak_mib(in_memory)
            print(f"{size:8} {s_peak:18.1f} {s_time:8.1f}   {b_peak:30.1f} {b_time:8.1f}")


if __name__ == "__main__":
    main()
