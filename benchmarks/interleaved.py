"""Old and new code timed in turn, in-process, on the same requests: a before/after that
this machine's drift cannot fake.

    git worktree add /tmp/before <commit>        # the code to compare against
    ln -s "$PWD/.venv" /tmp/before/.venv; ln -s "$PWD/staticfiles" /tmp/before/staticfiles
    DATABASE_URL=postgres://…/bench_scale .venv/bin/python benchmarks/interleaved.py /tmp/before

Two Django processes, one per checkout, each signed in as the bench's editor, answer the
pages of `make bench` (or the URLs given after the checkout) alternately, the order
swapped every request, ``-n`` times each after three warm-up requests; it prints each
page's p50 for the old and the new code and their ratio. With ``--after-write`` each
request is a list's first after a write (make bench's last column): nothing a worker kept
answers it. Sequential runs of `make bench`
on a shared machine differed by 60 % for the very same code; interleaved, unchanged pages
stay within about ±15 % (run it twice with the checkouts swapped to see this machine's).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def serve(root, after_write=False):
    """Answer URLs read from stdin, one a line, with "status milliseconds"; with
    ``after_write``, each as the first request after a write (web_scale.after_a_write)."""
    os.chdir(root)
    sys.path[:0] = [str(Path(root) / "benchmarks"), str(root)]
    from web_scale import bench_user, setup_django

    setup_django()
    from django.test import Client

    from claims import list_memory
    from claims.publishing import cache as public_pages

    client = Client()
    client.force_login(bench_user()[0])
    for line in sys.stdin:
        if after_write:  # nothing a worker kept answers the request (untimed)
            list_memory.new_edition()
            public_pages.new_edition()
        began = time.perf_counter()
        response = client.get(line.strip())
        if response.streaming:
            for _ in response.streaming_content:
                pass
        elapsed = (time.perf_counter() - began) * 1000
        print(f"{response.status_code} {elapsed:.3f}", flush=True)


def bench_urls():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from web_scale import setup_django, targets

    setup_django()
    from claims.models import Claim

    lists, singles, _ = targets(Claim.objects.count())
    # Reader pages are served from memory after the first request: nothing to compare.
    urls = [url for _, url, *_ in lists] + [url for _, url in singles]
    return [url for url in urls if not url.startswith("/fact-checks/")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before", help="a checkout of the code to compare against")
    parser.add_argument("urls", nargs="*", help="default: the pages of make bench")
    parser.add_argument("-n", type=int, default=40)
    parser.add_argument(
        "--after-write",
        action="store_true",
        help="each request as the first after a write: nothing kept answers it",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.before, args.after_write)
    urls = args.urls or bench_urls()
    workers = [
        subprocess.Popen(  # noqa: S603 — this interpreter, this script
            [
                sys.executable,
                __file__,
                "--serve",
                str(root),
                *(["--after-write"] if args.after_write else []),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for root in (Path(args.before).resolve(), ROOT)
    ]

    def ask(worker, url):
        worker.stdin.write(url + "\n")
        worker.stdin.flush()
        status, ms = worker.stdout.readline().split()
        if status not in ("200", "302"):
            raise SystemExit(f"{url}: {status}")
        return float(ms)

    print(f"{'page':60} {'before':>8} {'after':>8} {'ratio':>6}  (p50 ms, in-process)")
    for url in urls:
        for worker in workers:
            for _ in range(3):
                ask(worker, url)
        times = ([], [])
        for i in range(args.n):
            for k in (0, 1) if i % 2 == 0 else (1, 0):
                times[k].append(ask(workers[k], url))
        before, after = (statistics.median(t) for t in times)
        print(f"{url[:60]:60} {before:8.2f} {after:8.2f} {after / before:6.2f}")
    for worker in workers:
        worker.stdin.close()
        worker.wait()
    return None


if __name__ == "__main__":
    main()
