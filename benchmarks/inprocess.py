"""The service time of each page of `make bench`, in-process: no server, no load, no queue.

    DATABASE_URL=postgres://…/bench_scale .venv/bin/python benchmarks/inprocess.py [-n 40]
    … benchmarks/inprocess.py --only "text search" --profile   # where one page's time goes

Each page is requested ``n`` times through Django's test Client (the whole middleware stack,
signed in as the bench's editor) against the data `make bench` loaded, after two warm-up
requests; it prints p50 and p99 in milliseconds, the queries per request and, for a list,
its render ceiling (benchmarks/bench_urls.py: the same template from rows held in memory)
and the share of the ceiling the page reaches. On a shared machine these figures move much
less than wrk's: one request at a time, each timed on its own. Saving a review is the POST
`make bench` sends (status "in review"), to the newest claims, each rolled back so the data
stays as loaded.
"""

import argparse
import cProfile
import pstats
import statistics
import sys
import time

from web_scale import bench_user, setup_django, targets


def timed(client, url, n, method="get", data=None):
    for _ in range(2):
        getattr(client, method)(url, data) if data else getattr(client, method)(url)
    times, cpu = [], []
    for _ in range(n):
        began, began_cpu = time.perf_counter(), time.process_time()
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        if response.streaming:
            for _ in response.streaming_content:
                pass
        times.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        assert response.status_code in (200, 302), (url, response.status_code)
    return summary(times, cpu)


def summary(times, cpu):
    """(p50, p99, fastest, p50 of this process's CPU time): on a busy machine the fastest
    request and the CPU time (Python's share, the database's excluded) move least."""
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return statistics.median(times), p99, times[0], statistics.median(cpu)


def save_review(client, n):
    """p50, p99 of the review form's POST, as `make bench` sends it."""
    from django.db import transaction

    from claims.models import Claim

    claims = list(Claim.objects.filter(status="new").order_by("-pk")[: n + 2])
    times, cpu = [], []
    for i, claim in enumerate(claims):
        data = {
            "status": "in_review",
            "rating": "",
            "assigned_to": "",
            "notes": "",
            "version": claim.version,
        }
        with transaction.atomic():
            began, began_cpu = time.perf_counter(), time.process_time()
            response = client.post(f"/claims/{claim.pk}/review/", data)
            elapsed = (time.perf_counter() - began) * 1000
            elapsed_cpu = (time.process_time() - began_cpu) * 1000
            transaction.set_rollback(True)
        assert response.status_code == 302, response.status_code
        if i >= 2:
            times.append(elapsed)
            cpu.append(elapsed_cpu)
    return summary(times, cpu)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=40, help="requests per page")
    parser.add_argument("--only", help="pages whose label contains this")
    parser.add_argument("--profile", action="store_true", help="cProfile the pages chosen")
    args = parser.parse_args()
    setup_django()
    from django.db import connection, reset_queries
    from django.test import Client

    from claims.models import Claim

    user, _ = bench_user()
    client = Client()
    client.force_login(user)
    total = Claim.objects.order_by("-pk").values_list("pk", flat=True).first()
    lists, singles, _ = targets(total)
    pages = [(label, url, ceiling) for label, url, _, ceiling in lists]
    pages += [(label, url, None) for label, url in singles]
    if args.only:
        pages = [page for page in pages if args.only in page[0]]
    print(
        f"{'page':<42} {'p50':>6} {'p99':>6} {'min':>6} {'cpu':>6} {'queries':>7} "
        f"{'ceiling p50':>11} {'min':>6} {'% p50':>6} {'% min':>6}   (ms)"
    )
    for label, url, ceiling in pages:
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            timed(client, url, args.n)
            profile.disable()
            pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(40)
            continue
        p50, p99, fastest, cpu = timed(client, url, args.n)
        connection.force_debug_cursor = True
        reset_queries()
        client.get(url)
        queries = len(connection.queries)
        connection.force_debug_cursor = False
        line = f"{label[:42]:<42} {p50:6.1f} {p99:6.1f} {fastest:6.1f} {cpu:6.1f} {queries:7d}"
        if ceiling:
            c50, _, cmin, _ = timed(client, ceiling, args.n)
            line += f" {c50:11.1f} {cmin:6.1f} {100 * c50 / p50:5.0f}% {100 * cmin / fastest:5.0f}%"
        print(line, flush=True)
    if not args.only or "sav" in args.only:
        p50, p99, fastest, cpu = save_review(client, args.n)
        print(f"{'saving a review (POST)':<42} {p50:6.1f} {p99:6.1f} {fastest:6.1f} {cpu:6.1f}")


if __name__ == "__main__":
    main()
