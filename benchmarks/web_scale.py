"""The desk, the admin, the API and repeat detection at newsroom scale, under real load.

    make bench                      # 1,000,000 claims on PostgreSQL (DATABASE_URL)
    make bench N=20000 DURATION=3   # a quick run, e.g. to check the script

In one run: loads N claims (generate_demo_data, only what is missing), starts gunicorn (two
workers, 127.0.0.1), drives each page with wrk (installed from Debian's packages if
missing) and writes a Markdown table of requests/s, p50, p99 and queries per request, beside
the claim changelist as the admin had it before (same filter), a trivial Django page and each
list's render ceiling (its template rendered from rows held in memory). Each page's p50 and
p99 are also measured with as many connections as workers (-c2): at -c8 a request waits
for about three others, so that figure is mostly queueing; at -c2 it is the page's own.
Repeat detection is timed in-process: one claim as a save does it, and a batch of 1,000
claims as an import does.

Only loopback traffic; every wrk run is bounded in time.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote
from urllib.request import Request, urlopen

ROOT = Path(__file__).resolve().parent.parent
PORT = 8321
WORKERS = 2  # gunicorn's, and the connections of the second latency run
SETTINGS = "benchmarks.bench_settings"
DEEP = "claim list, page "  # the deep page's label, before its number
CSRF = "b" * 64  # the bench's own CSRF token: cookie and header agree


# Plain HTTP on loopback, for gunicorn and for the in-process client counting queries.
SERVER_ENV = {
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "DEBUG": "false",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
}


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.update(SERVER_ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()


def ensure_wrk():
    if shutil.which("wrk"):
        return shutil.which("wrk")
    print("wrk is missing: installing it from Debian's packages", file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)  # noqa: S607
    return shutil.which("wrk")


def load(claims):
    from django.core.management import call_command

    from claims.models import Claim

    call_command("migrate", verbosity=0)
    have = Claim.objects.count()
    if have < claims:
        print(f"Loading {claims - have:,} claims (have {have:,})", file=sys.stderr)
        call_command("generate_demo_data", claims=claims - have)
    return Claim.objects.count()


def bench_user():
    from django.contrib.auth.models import Group, User
    from django.contrib.sessions.backends.db import SessionStore

    user, _ = User.objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    user.groups.add(Group.objects.get(name="Editor"))
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return user, session.session_key


def targets(total):
    """[(label, desk URL, admin-before URL or None, ceiling URL or None)] and other URLs."""
    from django.db.models import Count, Sum

    from claims import pagination
    from claims.models import Claim, ClaimTally, Speaker

    busy = (
        ClaimTally.objects.exclude(speaker_id=0)
        .filter(status="new")
        .order_by("-n")
        .values_list("speaker_id", flat=True)
        .first()
    )
    speaker = Speaker.objects.get(pk=busy)
    sample = Claim.objects.filter(status="new").order_by("pk")[total // 3]
    words = re.findall(r"[a-z]{5,}", sample.text)
    # Two searches from the sample's words: its last two, as every run since the first
    # (on today's demo data "while" and a verb: "while" is a stop word, so one of the 23
    # verbs, about a tenth of all claims), and its first two, which on that data are a
    # subject and a verb, as an editor following one story might type (about 1,400).
    search, story = " ".join(words[-2:]), " ".join(words[:2])
    depth = min(10_000, max(2, total // 25 // 2))
    listed = Claim.objects.order_by("-updated_at", "-pk")
    edge = listed[(depth - 1) * 25 - 1]
    keys = pagination.keys_of(listed)
    deep = f"/?page={depth}&after={pagination.make_cursor(edge, keys)}"
    by_name = Claim.objects.order_by("speaker__name", "pk")
    middle = Claim.objects.filter(speaker=busy).order_by("pk")[
        ClaimTally.objects.filter(speaker_id=busy).aggregate(n=Sum("n"))["n"] // 2
    ]
    cursor = pagination.make_cursor(middle, pagination.keys_of(by_name))
    inside = f"/?order=speaker&page=500&after={cursor}"
    published = Claim.objects.published().order_by("-published_at").first()
    checked = (
        Claim.objects.published()
        .filter(evidence__isnull=False, relations_out__isnull=False)
        .order_by("pk")
        .first()
    ) or published
    by_speaker = f"speaker={quote(speaker.name)}&status=new"
    assert Claim.objects.filter(status="published").aggregate(n=Count("pk"))["n"] > 0
    lists = [
        ("claim list, unfiltered", "/", "/_legacy-admin/claims/claim/", "/_ceiling/list/"),
        (
            "claim list, speaker + status",
            f"/?{by_speaker}",
            f"/_legacy-admin/claims/claim/?q={quote(speaker.name)}&status__exact=new",
            "/_ceiling/list/",
        ),
        (
            f"claim list, text search “{search}”",
            f"/?q={quote(search)}",
            f"/_legacy-admin/claims/claim/?q={quote(search)}",
            "/_ceiling/list/",
        ),
        (
            f"claim list, text search “{story}”",
            f"/?q={quote(story)}",
            f"/_legacy-admin/claims/claim/?q={quote(story)}",
            "/_ceiling/list/",
        ),
        (
            f"{DEEP}{depth:,}",
            deep,
            # The admin shows 100 rows a page: the page holding the same rows.
            f"/_legacy-admin/claims/claim/?p={(depth - 1) * 25 // 100}",
            "/_ceiling/list/",
        ),
        # The list's other orders (each read an index in order since 0009; before, 1.2 s
        # and 1.4 s a page).
        ("claim list, speaker A–Z", "/?order=speaker", None, "/_ceiling/list/"),
        # A page in the middle of the busiest speaker's claims (before 0011, 0.25 s).
        ("claim list, speaker A–Z, inside the busiest", inside, None, "/_ceiling/list/"),
        ("claim list, claimed newest first", "/?order=-claimed", None, "/_ceiling/list/"),
        ("speaker page", f"/speakers/{speaker.pk}/", None, "/_ceiling/speaker/"),
        ("dashboard", "/dashboard/", None, "/_ceiling/dashboard/"),
        (
            "public index",
            "/fact-checks/",
            "/_legacy-admin/claims/claim/?status__exact=published",
            "/_ceiling/public/",
        ),
        (
            "API list, status=new",
            "/api/claims/?status=new",
            "/_legacy-admin/claims/claim/?status__exact=new",
            "/_ceiling/api/",
        ),
    ]
    singles = [
        ("claim page", f"/claims/{sample.pk}/"),
        # A published fact-check's page, with its evidence, a relation and their history:
        # the page of a claim that has everything a claim page shows.
        ("claim page, checked (evidence, relation)", f"/claims/{checked.pk}/"),
        ("public fact-check page", f"/fact-checks/{published.pk}/"),
        ("Atom feed", "/fact-checks/feed/"),
        ("API speakers, page 50", "/api/speakers/?page=50"),
        ("admin changelist (new), unfiltered", "/admin/claims/claim/"),
        ("admin changelist (new), text search", f"/admin/claims/claim/?q={quote(search)}"),
        ("trivial Django page (login form)", "/accounts/login/"),
    ]
    return lists, singles, speaker


def query_count(user, url):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            for _ in response.streaming_content:
                pass
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx)


def free_port(port):
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"Port {port} is busy: pass --port.")


def start_gunicorn(port, log):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, **SERVER_ENV}
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(  # noqa: S603
        [
            str(gunicorn),
            "-c",
            "python:factcheck.gunicorn",
            "factcheck.wsgi",
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "-t",
            "120",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    for _ in range(300):  # until both workers answer, at most a minute
        try:
            for _ in range(4):
                with urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5):  # noqa: S310 — loopback
                    pass
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start; see its log.")


def timed_request(port, url, session, timeout=300):
    """Milliseconds one signed-in GET of ``url`` takes."""
    request = Request(f"http://127.0.0.1:{port}{url}", headers={"Cookie": f"sessionid={session}"})
    began = time.monotonic()
    with urlopen(request, timeout=timeout) as response:  # noqa: S310 — loopback
        response.read()
    return (time.monotonic() - began) * 1000


def settle(port, limit=180):
    """Wait until the server answers a trivial page quickly: no request left running."""
    began = time.monotonic()
    while time.monotonic() - began < limit:
        start = time.monotonic()
        try:
            with urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=30):  # noqa: S310
                pass
        except OSError:
            pass
        if time.monotonic() - start < 0.5:
            return
        time.sleep(1)


LUA = """
wrk.headers["Cookie"] = "sessionid={session}; csrftoken={csrf}"
wrk.headers["X-CSRFToken"] = "{csrf}"
"""
SAVE_LUA = """
wrk.headers["Cookie"] = "sessionid={session}; csrftoken={csrf}"
wrk.headers["X-CSRFToken"] = "{csrf}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local ids = {{{ids}}}
local threads = 0
local n = 0
setup = function(thread) thread:set("offset", threads) threads = threads + 1 end
init = function(args) n = offset * 1000 end
request = function()
  n = n + 1
  local id = ids[(n % #ids) + 1]
  return wrk.format("POST", "/claims/" .. id .. "/review/", nil,
    "status=in_review&rating=&assigned_to=&notes=&version=1")
end
"""


def wrk(binary, url, port, script, seconds, connections=8, threads=2, timeout=10):
    command = [
        binary,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={timeout}s",
        "--latency",
        "-s",
        script,
        f"http://127.0.0.1:{port}{url}",
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def percentile(p):
        match = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return rate, percentile(50), percentile(99), int(errors.group(1)) if errors else 0


# Ten rounds: on a shared machine one round's share moved by up to 20 points either way
# (six rounds left the mean uncertain by about 5 points; the table gives the spread).
ROUNDS, ROUND_SECONDS = 10, 2


def in_turn(binary, port, script, first, second, connections=8):
    """[(wrk's figures for ``first``, for ``second``)], each (rate, p50, p99, errors): the
    two URLs driven in turn, ROUNDS rounds of ROUND_SECONDS each, the order swapped every
    round. Whatever else the machine does then weighs on both alike; two runs a minute
    apart (a page, then its ceiling) moved a page's share of its ceiling by up to 25 points
    from one bench to the next."""
    pairs = []
    for round_ in range(ROUNDS):
        order = (first, second) if round_ % 2 == 0 else (second, first)
        found = {
            url: wrk(binary, url, port, script, ROUND_SECONDS, connections=connections)
            for url in order
        }
        pairs.append((found[first], found[second]))
    return pairs


def after_a_write(user, pages, samples=30):
    """{label: p50 ms} of each page's first request after a write, in-process: the desk's
    and the readers' editions raised before each request, so that nothing a worker keeps
    (claims/list_memory.py, claims/publishing/cache.py) answers it. Under wrk a list or a
    claim page asked again is answered from what was kept; this is what it costs when it
    is not. ``pages``: (label, url) pairs."""
    from django.test import Client

    from claims import list_memory
    from claims.publishing import cache as public_pages

    client = Client()
    client.force_login(user)
    found = {}
    for label, url in pages:
        client.get(url)  # warm: the worker's reference data, the database's cache
        times = []
        for _ in range(samples):
            list_memory.new_edition()
            public_pages.new_edition()
            began = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        found[label] = statistics.median(times)
    return found


def repeat_detection(samples=50):
    """(p50 ms of one claim's repeat detection, s for a 1,000-claim batch)."""
    from django.db import transaction

    from claims.duplicates import suggest_duplicates
    from claims.models import Claim

    last = Claim.objects.order_by("-pk").values_list("pk", flat=True).first()
    ids = list(range(last - samples * 37, last, 37))
    claims = list(Claim.objects.filter(pk__in=ids))
    times = []
    for claim in claims:
        with transaction.atomic():
            began = time.perf_counter()
            suggest_duplicates([claim])
            times.append((time.perf_counter() - began) * 1000)
            transaction.set_rollback(True)
    batch = list(Claim.objects.order_by("-pk")[:1000])
    with transaction.atomic():
        began = time.perf_counter()
        suggest_duplicates(batch)
        batch_time = time.perf_counter() - began
        transaction.set_rollback(True)
    return statistics.median(times), batch_time


def main():
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000 if postgres else 20_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    setup_django()
    binary = ensure_wrk()
    from django.db import connection
    from django.urls import reverse

    total = load(args.claims)
    user, session = bench_user()
    lists, singles, _ = targets(total)
    from claims.models import Claim

    savable = list(
        Claim.objects.filter(status="new", version=1).values_list("pk", flat=True)[:20_000]
    )
    free_port(args.port)
    workdir = Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    script = workdir / "session.lua"
    script.write_text(LUA.format(session=session, csrf=CSRF))
    # Two runs of saves (at -c8, then at as many connections as workers), each on claims of
    # its own: a claim saved once has moved past version 1, and a second save would be a
    # conflict page, not a save.
    save_scripts = []
    for half, ids in enumerate((savable[::2], savable[1::2])):
        save_scripts.append(workdir / f"save{half}.lua")
        save_scripts[-1].write_text(
            SAVE_LUA.format(session=session, csrf=CSRF, ids=",".join(map(str, ids)))
        )
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 — closed in finally
    server = start_gunicorn(args.port, log)
    rows = []
    failed = []  # pages (or yardsticks) that answered with errors: their figures mean nothing

    def measure(label, url, seconds=args.duration, queries=True, per_worker=False, **options):
        settle(args.port)
        wrk(binary, url, args.port, str(script), 1, **options)  # warm-up
        rate, p50, p99, errors = wrk(binary, url, args.port, str(script), seconds, **options)
        if errors:
            failed.append(f"{label.strip()} ({errors:,} responses)")
        if not rate:  # no request finished within the run: time one on its own
            settle(args.port)
            p50 = p99 = timed_request(args.port, url, session)
            rate = 1000 / p50
        row = {"label": label, "rate": rate, "p50": p50, "p99": p99}
        if per_worker:
            # Again with as many connections as workers: no request waits for another, so
            # the latency is the page's own (at -c8 each request queues behind ~3 others).
            settle(args.port)
            rate_w, row["p50_w"], row["p99_w"], _ = wrk(
                binary, url, args.port, str(script), seconds, connections=WORKERS
            )
            if not rate_w:  # as above: no request finished within the run
                settle(args.port)
                row["p50_w"] = row["p99_w"] = timed_request(args.port, url, session)
        row["queries"] = query_count(user, url) if queries else None
        note = f" ({errors} errors)" if errors else ""
        at_workers = (
            f" | -c{WORKERS}: p50 {row['p50_w']:7.1f} ms p99 {row['p99_w']:7.1f} ms"
            if per_worker
            else ""
        )
        print(
            f"{label:<45} {rate:8.1f}/s p50 {p50:7.1f} ms p99 {p99:7.1f} ms{note}{at_workers}",
            file=sys.stderr,
        )
        return row

    def in_turn_checked(labels, first, second, **options):
        """in_turn, each side's errors noted under its label (its figures then mean
        nothing)."""
        settle(args.port)
        pairs = in_turn(binary, args.port, str(script), first, second, **options)
        for label, side in zip(labels, zip(*pairs, strict=True), strict=True):
            if errors := sum(found[3] for found in side):
                failed.append(f"{label}, in turn ({errors:,} responses)")
        return pairs

    def ceiling_in_turn(label, url, ceiling):
        """The page's share of its render ceiling from the two run in turn (in_turn)."""
        settle(args.port)
        wrk(binary, ceiling, args.port, str(script), 1)  # warm-up
        pairs = in_turn_checked((label, f"render ceiling: {label}"), url, ceiling)
        page_rate = sum(page[0] for page, _ in pairs) / len(pairs)
        ceiling_rate = sum(held[0] for _, held in pairs) / len(pairs)
        share = page_rate / ceiling_rate if ceiling_rate else float("nan")
        rounds = [100 * a[0] / b[0] for a, b in pairs if b[0]]
        # The standard error of the rounds' mean share: how far the figure may be off.
        spread = statistics.stdev(rounds) / len(rounds) ** 0.5 if len(rounds) > 1 else 0.0
        shares = ", ".join(f"{one:.0f}" for one in rounds)
        print(
            f"{'  render ceiling: ' + label:<45} {ceiling_rate:8.1f}/s, page {page_rate:.1f}/s"
            f" in turn: {100 * share:.0f} % ± {spread:.0f} ({shares} %)",
            file=sys.stderr,
        )
        return {"rate": ceiling_rate, "page": page_rate, "share": share, "spread": spread}

    try:
        for label, url, before, ceiling in lists:
            row = measure(label, url, per_worker=True)
            # Slow pages get as many connections as workers, so that no request is still
            # being served by a worker after wrk gave up on it (and slows the next page).
            row["admin"] = (
                measure(
                    f"  admin as before: {label}",
                    before,
                    seconds=max(args.duration, 20),
                    connections=2,
                    timeout=120,
                )
                if before
                else None
            )
            row["ceiling"] = ceiling_in_turn(label, url, ceiling)
            rows.append(row)
        # Page 1 against the deep page, both answered from what a worker kept under wrk;
        # what each costs from the database is the last column's figure. Found by its
        # label: by its place in the list, a list added before it took its place.
        first_label, first, _, _ = lists[0]
        deep_label, deep, _, _ = next(page for page in lists if page[0].startswith(DEEP))
        pairs = in_turn_checked((first_label, deep_label), first, deep, connections=WORKERS)
        medians = [
            statistics.median(found[1] for found in side) for side in zip(*pairs, strict=True)
        ]
        depth = (deep_label, *medians)
        print(
            f"{'page 1 | ' + deep_label + ', in turn at -c' + str(WORKERS):<45} p50 "
            f"{depth[1]:7.1f} | {depth[2]:7.1f} ms",
            file=sys.stderr,
        )
        for label, url in singles:
            rows.append(
                measure(label, url, queries=not url.startswith("/accounts/"), per_worker=True)
            )
        rows.append(
            measure(
                "export, CSV, status=published",
                reverse("claims:claim-export", args=["csv"]) + "?status=published",
                seconds=max(args.duration, 20),
                connections=1,
                threads=1,
                timeout=120,
                queries=False,
            )
        )
        settle(args.port)
        rate, p50, p99, errors = wrk(binary, "/", args.port, str(save_scripts[0]), args.duration)
        settle(args.port)
        _, p50_w, p99_w, errors_w = wrk(
            binary, "/", args.port, str(save_scripts[1]), args.duration, connections=WORKERS
        )
        print(
            f"{'saving a review (POST)':<45} {rate:8.1f}/s p50 {p50:7.1f} ms p99 {p99:7.1f} ms"
            f" ({errors + errors_w} not saved) | -c{WORKERS}: p50 {p50_w:7.1f} ms"
            f" p99 {p99_w:7.1f} ms",
            file=sys.stderr,
        )
        rows.append(
            {
                "label": "saving a review (POST)",
                "rate": rate,
                "p50": p50,
                "p99": p99,
                "p50_w": p50_w,
                "p99_w": p99_w,
                "queries": None,
            }
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    one, batch = repeat_detection()
    # The pages kept between writes: the lists, the claim pages, the API's speakers.
    kept = [(label, url) for label, url, _, _ in lists]
    kept += [(label, url) for label, url in singles if label.startswith(("claim page", "API"))]
    costs = after_a_write(user, kept)
    for row in rows:
        if row["label"] in costs:
            row["after_write"] = costs[row["label"]]
    exported = Claim.objects.filter(status="published").count()
    table = render_table(rows, total, connection.vendor, one, batch, exported, depth)
    if failed:
        table += "\nAnswered with errors, so not measured: " + "; ".join(failed) + ".\n"
    print(table)
    if args.output:
        args.output.write_text(table, encoding="utf-8")
    if failed:
        sys.exit(f"make bench: some pages answered with errors (see {workdir / 'gunicorn.log'})")


def render_table(rows, total, vendor, one, batch, exported, depth):
    lines = [
        f"{total:,} claims on {vendor}; gunicorn, {WORKERS} workers; wrk -t2 -c8 (export: "
        f"-t1 -c1); the p50 and p99 at -c{WORKERS} (as many connections as workers, so no "
        "request queues behind another) from a second run of each page. Under wrk a list, a "
        "claim page or the API's speakers asked again is answered from what its worker kept "
        "since the last write (claims/list_memory.py); the last column is such a page's "
        "first request after a write, timed in-process (no HTTP), when nothing kept answers it. "
        f"A list's share of its render ceiling is from the two run in turn ({ROUNDS} rounds of "
        f"{ROUND_SECONDS} s each at -c8, the order swapped every round): requests served "
        "by the page over those served by the ceiling, ± the standard error of the "
        "rounds' mean share; the column before it gives the two rates, each a mean over "
        "those rounds.",
        "",
        "| page | requests/s | p50 ms | p99 ms | queries | admin before, req/s (p50) "
        f"| × admin | in turn: page / render ceiling, req/s | % of ceiling | p50 ms -c{WORKERS} "
        f"| p99 ms -c{WORKERS} | p50 ms after a write, in-process |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        admin, ceiling = row.get("admin"), row.get("ceiling")
        cells = [
            row["label"],
            f"{row['rate']:.1f}",
            f"{row['p50']:.1f}",
            f"{row['p99']:.1f}",
            "" if row["queries"] is None else str(row["queries"]),
            f"{admin['rate']:.2f} ({admin['p50']:.0f})" if admin else "",
            f"{row['rate'] / admin['rate']:.0f}×" if admin and admin["rate"] else "",
            f"{ceiling['page']:.1f} / {ceiling['rate']:.1f}" if ceiling else "",
            f"{100 * ceiling['share']:.0f} % ± {ceiling['spread']:.0f}" if ceiling else "",
            f"{row['p50_w']:.1f}" if "p50_w" in row else "",
            f"{row['p99_w']:.1f}" if "p99_w" in row else "",
            f"{row['after_write']:.1f}" if "after_write" in row else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        f"Page 1 against “{depth[0]}”, in turn at -c{WORKERS} ({ROUNDS} rounds of "
        f"{ROUND_SECONDS} s), both answered from what the workers kept: p50 {depth[1]:.1f} ms "
        f"and {depth[2]:.1f} ms ({100 * (depth[2] / depth[1] - 1):+.0f} %); from the "
        "database, the last column.",
        f"The export streams {exported:,} rows per request.",
        f"Repeat detection for one saved claim: p50 {one:.1f} ms; for a batch of 1,000 "
        f"claims (an import): {batch:.2f} s.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
