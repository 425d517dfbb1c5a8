"""How long a batch import of 1,000 articles takes on SQLite, beside a baseline.

    .venv/bin/python benchmarks/import_batch.py [--articles 1000]

Runs in a throwaway SQLite database and folder. The baseline stores the same 1,000
sources without extracting anything; the import runs `import_article` on all the files
in one call (one transaction), as an editor would.
"""

import argparse
import os
import time

from throwaway import ROOT, setup_throwaway_database


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    workdir = setup_throwaway_database()
    from django.core.management import call_command

    from claims.models import Claim, Source

    corpus = sorted((ROOT / "tests" / "articles").rglob("*.txt"))
    paths = []
    for i in range(args.articles):
        text = corpus[i % len(corpus)].read_text(encoding="utf-8")
        path = workdir / f"article-{i:04}.txt"
        path.write_text(f"Edition {i}: {text}", encoding="utf-8")
        paths.append(path)
    total_kb = sum(p.stat().st_size for p in paths) / 1024

    began = time.perf_counter()
    Source.objects.bulk_create(
        Source(title=p.name, body=p.read_text(encoding="utf-8")) for p in paths
    )
    baseline = time.perf_counter() - began
    Source.objects.all().delete()

    with open(os.devnull, "w") as quiet:
        began = time.perf_counter()
        call_command("import_article", *map(str, paths), stdout=quiet, stderr=quiet)
        imported = time.perf_counter() - began
    print(f"{args.articles} articles, {total_kb:.0f} KB, SQLite")
    print(f"{'baseline: store sources only':34} {baseline:8.2f} s")
    print(
        f"{'import_article (extract + record)':34} {imported:8.2f} s  "
        f"({Source.objects.count()} sources, {Claim.objects.count()} claims)"
    )
    print("target: under 60 s")


if __name__ == "__main__":
    main()
