"""Settings for `make bench`: the project's, plus the bench's URLs (benchmarks/bench_urls.py)."""

from factcheck.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
