"""Gunicorn's settings for this app: ``gunicorn -c python:factcheck.gunicorn factcheck.wsgi``.

Options given on the command line (``--bind``, ``--workers``) still apply on top.

Python's cyclic garbage collector stops a worker now and then to walk every object it
tracks, the long-lived ones included: Django's URL resolvers, compiled templates, model
metadata, the hundreds of thousands of objects a warm worker holds. On a list page that was
a request in fifty taking two to three times its usual time (`make bench` at 1,000,000
claims, two connections on two workers: p99 37–71 ms where the p50 was 9–25 ms). Once a
worker has served its first requests everything it keeps is built, so it is collected once
and frozen (``gc.freeze``): later collections walk only what requests create. Objects that a
request creates and drops are collected as before; frozen objects are the ones the worker
would have kept anyway.
"""

import gc

# Requests after which a worker holds what it keeps for its life (templates compiled, URL
# patterns resolved, each list's queries built once).
WARM_AFTER = 100


def post_request(worker, req, environ, resp):
    # ">=" and a flag, not "==": threaded workers run this hook in several threads at once.
    worker.served = getattr(worker, "served", 0) + 1
    if worker.served >= WARM_AFTER and not getattr(worker, "frozen", False):
        worker.frozen = True
        gc.collect()
        gc.freeze()
