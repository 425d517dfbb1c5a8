"""Load test: concurrent readers, editors and importers against gunicorn on PostgreSQL.

    .venv/bin/python benchmarks/load.py --database-url postgres://postgres@127.0.0.1:5432/factcheck_load
    make load LOAD_DATABASE_URL=postgres://…/factcheck_load [LOAD_ARGS="--seconds 60"]

It (re)creates the database named in --database-url (its name must end in "_load": the
database is wiped), migrates it, loads the seed article plus the test articles, and starts
gunicorn on 127.0.0.1:--port. Then, for a fixed time:
  - readers sign in and filter, search and page the claim list, the API and the public pages;
  - editors sign in and review the SAME few claims, each save from the version it loaded
    (a save from a stale version must be refused with 409, never overwrite);
  - importers save new articles with a proposed claim through the import page.
Afterwards it checks the history: every save that the server acknowledged (a redirect) must
be there, and no two saves of one claim may share a version. Prints requests, errors (5xx
and failed connections), latency percentiles and lost updates; exits 1 unless both are 0.

Traffic goes only to 127.0.0.1, every loop ends at the deadline, and gunicorn is stopped.
"""

import argparse
import http.cookiejar
import io
import itertools
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = secrets.token_urlsafe(16)
HOT_CLAIMS = 3  # editors all review these: the contention that could lose an update
MAX_REQUESTS_PER_CLIENT = 100_000  # a bound besides the clock
LOG = Path(tempfile.gettempdir()) / "factcheck-load-gunicorn.log"

READER_PAGES = [
    "/",
    "/?status=new",
    "/?status=new&status=in_review&page=2",
    "/?q=Putin",
    "/?speaker=Kim&order=-updated",
    "/?kind=direct&order=claimed",
    "/?page=3",
    "/dashboard/",
    "/api/claims/?page=2&page_size=20",
    "/api/claims/?status=in_review",
    "/api/speakers/?q=pu",
    "/api/sources/",
    "/fact-checks/",
    "/fact-checks/feed/",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--port", type=int, default=8311)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--editors", type=int, default=4)
    parser.add_argument("--importers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--short", action="store_true", help="CI's bounded run: few clients for 15 seconds"
    )
    args = parser.parse_args()
    if args.short:
        args.readers, args.editors, args.importers, args.seconds = 3, 3, 1, 15
        args.workers = 2
    name = urllib.parse.urlparse(args.database_url).path.lstrip("/")
    if not name.endswith("_load"):
        parser.error("the load test wipes its database: its name must end in _load")
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("the load test runs on PostgreSQL (postgres://…)")
    return args


def recreate_database(url):
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres", scheme="postgresql").geturl()
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=10) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def prepare(args):
    """A fresh database with data and accounts; Django set up in this process."""
    recreate_database(args.database_url)
    os.environ.update(server_env(args))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("load_seed", **quiet)
    articles = sorted((ROOT / "tests" / "articles").rglob("*.txt"))[:40]
    call_command("import_article", *articles, **quiet)

    roles = {"reader": "Viewer", "editor": "Editor", "importer": "Contributor"}
    counts = {"reader": args.readers, "editor": args.editors, "importer": args.importers}
    for kind, role in roles.items():
        group = Group.objects.get(name=role)
        for number in range(counts[kind]):
            user = User.objects.create_user(f"{kind}{number}", password=PASSWORD)
            user.groups.add(group)

    from claims.models import Claim

    hot = list(Claim.objects.order_by("pk").values_list("pk", flat=True)[:HOT_CLAIMS])
    ids = list(Claim.objects.values_list("pk", flat=True))
    from django.db import connections

    connections.close_all()
    return hot, ids


def server_env(args):
    return {
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "LOG_LEVEL": "ERROR",
    }


def start_gunicorn(args):
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", args.port)) == 0:
            sys.exit(f"127.0.0.1:{args.port} is in use; pass --port with a free one.")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "-c",
        "python:factcheck.gunicorn",
        "factcheck.wsgi",
        f"--bind=127.0.0.1:{args.port}",
    ]
    command += [f"--workers={args.workers}", "--timeout=30", "--log-level=warning"]
    # The server's own log (409s are logged as warnings) goes to a file, not the report.
    log = open(LOG, "w")  # noqa: SIM115 — open for the server's whole life
    server = subprocess.Popen(  # noqa: S603 — our own gunicorn, fixed arguments
        command,
        cwd=ROOT,
        env={**os.environ, **server_env(args)},
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", args.port)) == 0:
                return server
        if server.poll() is not None:
            sys.exit("gunicorn did not start.")
        time.sleep(0.2)
    stop(server)
    sys.exit("gunicorn did not answer within 30 s.")


def stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # only the group we started
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to record, not to follow


class Client:
    """One signed-in browser: its own cookies, every request timed and recorded."""

    def __init__(self, base, results, lock):
        self.base, self.results, self.lock = base, results, lock
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirects()
        )

    def request(self, kind, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = {"Referer": self.base + path}
        request = urllib.request.Request(self.base + path, body, headers)  # noqa: S310 — 127.0.0.1
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8", "replace")
        except (OSError, urllib.error.URLError):
            status, text = 0, ""  # no answer at all: counted as an error
        elapsed = time.perf_counter() - started
        with self.lock:
            self.results.append((kind, status, elapsed))
        return status, text

    def csrf(self):
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def sign_in(self, username):
        self.request("sign-in", "/accounts/login/")
        status, _ = self.request(
            "sign-in",
            "/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
        )
        if status != 302:
            raise RuntimeError(f"{username} could not sign in ({status})")


def reader(client, number, deadline, ids, **_):
    client.sign_in(f"reader{number}")
    rng = random.Random(number)  # noqa: S311 — a repeatable mix of pages, not a secret
    for _ in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() > deadline:
            return
        if rng.random() < 0.2:
            client.request("read", f"/claims/{rng.choice(ids)}/")
        else:
            client.request("read", rng.choice(READER_PAGES))


VERSION = re.compile(r'name="version" value="(\d+)"')


def editor(client, number, deadline, hot, acknowledged, lock, **_):
    client.sign_in(f"editor{number}")
    rng = random.Random(100 + number)  # noqa: S311 — repeatable choice of claims
    for sequence in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() > deadline:
            return
        pk = rng.choice(hot)
        status, page = client.request("review-load", f"/claims/{pk}/")
        found = VERSION.search(page)
        if status != 200 or not found:
            continue
        note = f"load editor{number} save{sequence}"
        form = {
            "status": "in_review",
            "rating": "",
            "assigned_to": "",
            "notes": note,
            "version": found.group(1),
            "csrfmiddlewaretoken": client.csrf(),
        }
        status, _ = client.request("review-save", f"/claims/{pk}/review/", form)
        if status == 302:
            with lock:
                acknowledged.append((pk, int(found.group(1)), note))


def importer(client, number, deadline, **_):
    client.sign_in(f"importer{number}")
    for sequence in itertools.count():
        if time.monotonic() > deadline or sequence >= MAX_REQUESTS_PER_CLIENT:
            return
        body = f"The mayor said the budget for year {sequence} would balance ({number})."
        start = body.index("the budget")
        end = body.index(" (")
        form = {
            "body": body,
            "title": f"Budget {number}-{sequence}",
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 0,
            "form-0-keep": "on",
            "form-0-text": body[start:end],
            "form-0-start": start,
            "form-0-end": end,
            "form-0-speaker": "mayor",
            "form-0-kind": "paraphrase",
            "csrfmiddlewaretoken": client.csrf(),
        }
        client.request("import", "/import/save/", form)


def recorded(role, results, lock):
    """``role``, with a client that dies (cannot sign in, say) counted as an error."""

    def run(*args, **kwargs):
        try:
            role(*args, **kwargs)
        except Exception as exc:  # reported in the figures, not lost in a thread
            print(f"{role.__name__} {args[1]} stopped: {exc}", file=sys.stderr)
            with lock:
                results.append((f"{role.__name__}-crash", 0, 0.0))

    return run


def lost_updates(acknowledged):
    """Acknowledged saves missing from the history, and versions written twice."""
    from claims.models import Claim

    history = defaultdict(list)
    for pk, version, notes in Claim.history.filter(
        id__in={pk for pk, _, _ in acknowledged}
    ).values_list("id", "version", "notes"):
        history[pk].append((version, notes))
    missing = [
        (pk, note)
        for pk, _, note in acknowledged
        if not any(note in notes for _, notes in history[pk])
    ]
    doubled = [
        (pk, version)
        for pk, rows in history.items()
        for version, count in Counter(v for v, _ in rows).items()
        if count > 1
    ]
    return missing, doubled


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def report(args, results, acknowledged, missing, doubled, seconds):
    statuses = Counter(status for _, status, _ in results)
    errors = sum(n for status, n in statuses.items() if status == 0 or status >= 500)
    print(
        f"load: {args.readers} readers, {args.editors} editors on {HOT_CLAIMS} claims, "
        f"{args.importers} importers, {args.workers} gunicorn workers, {seconds:.0f} s"
    )
    print(f"requests: {len(results)} ({len(results) / seconds:.0f}/s)")
    print("statuses: " + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())))
    by_kind = defaultdict(list)
    for kind, _, elapsed in results:
        by_kind[kind].append(elapsed)
    for kind, times in sorted(by_kind.items()):
        print(
            f"  {kind:12} {len(times):6} requests  median {statistics.median(times) * 1000:6.0f} ms"
            f"  p99 {percentile(times, 0.99) * 1000:6.0f} ms"
        )
    all_times = [elapsed for _, _, elapsed in results]
    print(f"p99 (all requests): {percentile(all_times, 0.99) * 1000:.0f} ms")
    print(f"reviews saved: {len(acknowledged)}, refused as stale (409): {statuses.get(409, 0)}")
    print(f"server errors: {errors}")
    print(f"lost updates: {len(missing) + len(doubled)}")
    print(f"(gunicorn's log: {LOG})")
    for pk, note in missing[:5]:
        print(f"  claim {pk}: acknowledged save {note!r} is not in the history")
    for pk, version in doubled[:5]:
        print(f"  claim {pk}: version {version} written twice")
    return errors == 0 and not missing and not doubled


def main():
    args = parse_args()
    hot, ids = prepare(args)
    server = start_gunicorn(args)
    results, acknowledged, lock = [], [], threading.Lock()
    base = f"http://127.0.0.1:{args.port}"
    started = time.monotonic()
    deadline = started + args.seconds
    threads = []
    try:
        for role, count in [(reader, args.readers), (editor, args.editors)] + [
            (importer, args.importers)
        ]:
            for number in range(count):
                client = Client(base, results, lock)
                threads.append(
                    threading.Thread(
                        target=recorded(role, results, lock),
                        args=(client, number, deadline),
                        kwargs={"ids": ids, "hot": hot, "acknowledged": acknowledged, "lock": lock},
                        daemon=True,
                    )
                )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 60)
    finally:
        stop(server)
    seconds = time.monotonic() - started
    missing, doubled = lost_updates(acknowledged)
    sys.exit(0 if report(args, results, acknowledged, missing, doubled, seconds) else 1)


if __name__ == "__main__":
    main()
