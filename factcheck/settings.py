"""Settings for factcheck: one file, every deploy-specific value read from the environment.

SQLite is the default so a fresh checkout runs at once; set DATABASE_URL for PostgreSQL.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless asked for: a forgotten variable must never expose debug pages in production.
DEBUG = env_bool("DEBUG", False)

# Required in production (wsgi/asgi refuse to start without it, see factcheck/checks.py);
# local development (DEBUG on) gets a fixed, obviously unsafe key.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 — DEBUG only

# Comma-separated host names this deployment answers to.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

# Origins allowed to POST over HTTPS behind a proxy, e.g. "https://factcheck.example.org".
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The organisation named as author of published ClaimReview markup.
PUBLISHER_NAME = os.environ.get("PUBLISHER_NAME", "Factcheck Newsroom")
PUBLISHER_URL = os.environ.get("PUBLISHER_URL", "")

# Where the public site lives, for absolute links made outside a request (exports by command).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "simple_history",
    # Failed sign-ins, recorded and throttled on the site and the admin (see AXES_* below).
    "axes",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # 400 for a NUL in the address or query string, before any view or query sees it.
    "claims.middleware.reject_nul_characters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A GET reads the editions it needs (claims/editions.py) in one query, not one each.
    "claims.middleware.editions_read_together",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user on every history entry written during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # The Content-Security-Policy header on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its 429 page.
    "axes.middleware.AxesMiddleware",
]

# AxesStandaloneBackend first: it refuses a locked-out account or address before the
# password is even checked, then ModelBackend signs in as before.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
# Django's form renderer, with a plain input and a label written in Python (claims/widgets.py).
FORM_RENDERER = "claims.widgets.Renderer"

# DATABASE_URL, e.g. postgres://user:pass@host:5432/factcheck; SQLite file by default.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# PostgreSQL joins tables in the order Django writes them (PG_JOIN_COLLAPSE_LIMIT, default
# 1). A list row joins the claim to its speaker, relay, article, verdict and assignee, each
# by primary key; searching every order of those six tables took PostgreSQL 2–2.5 ms per
# list query, five times longer than running it, and no other order is better when every
# join is by primary key. Behind a pooler that refuses the "options" startup parameter
# (PgBouncer without ignore_startup_parameters) set it and PG_RANDOM_PAGE_COST empty, and
# set both on the database instead; a URL's own ?options=… wins.
JOIN_COLLAPSE_LIMIT = os.environ.get("PG_JOIN_COLLAPSE_LIMIT", "1")
# PostgreSQL's cost of reading a page out of order (PG_RANDOM_PAGE_COST, default 1.1, the
# usual figure for SSDs and for a database held in memory; PostgreSQL's own default, 4, is
# for spinning disks). With 4 a search's page of rows read all 5,000 speakers twice to hash
# them rather than look up its 100 rows' speakers by primary key: 2.5 ms instead of 1.4.
RANDOM_PAGE_COST = os.environ.get("PG_RANDOM_PAGE_COST", "1.1")
PLANNER_OPTIONS = " ".join(
    [
        *([f"-c join_collapse_limit={int(JOIN_COLLAPSE_LIMIT)}"] if JOIN_COLLAPSE_LIMIT else []),
        *([f"-c random_page_cost={float(RANDOM_PAGE_COST)}"] if RANDOM_PAGE_COST else []),
    ]
)
if DATABASES["default"]["ENGINE"].endswith("postgresql") and PLANNER_OPTIONS:
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", PLANNER_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

DESK_LISTS_KEPT = int(os.environ.get("DESK_LISTS_KEPT", "500"))
DESK_PAGES_KEPT = int(os.environ.get("DESK_PAGES_KEPT", "300"))


def _worker_memory(location, entries):
    """Each worker's own memory of at most ``entries`` things (LocMemCache: past it, a
    third are dropped); 0 keeps none."""
    if not entries:
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": location,
        "OPTIONS": {"MAX_ENTRIES": entries},
    }


CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Reader pages, kept under the public edition (so never stale: claims/publishing/
    # cache.py); a page is 10-40 kB.
    "public": _worker_memory("public-pages", int(os.environ.get("PUBLIC_PAGES_KEPT", "500"))),
    # The lists' answers, kept under the desk edition (claims/list_memory.py): a desk
    # list's rows, counts and the HTML of what it shows every reader alike; an API page's
    # rows; the admin claim list's count and the HTML of its search bar, table, page
    # links and filters. An answer is 10-100 kB (an admin page about 90).
    "lists": _worker_memory("desk-lists", DESK_LISTS_KEPT),
    # What a claim page shows that is the same for every reader, under the same edition
    # and the reference one (desk/views.py, claim_shown): the claim with its article's
    # text, its relations and evidence, the HTML of its facts, ruling, history and empty
    # forms; 10-40 kB each, more for a long article.
    "claim_pages": _worker_memory("desk-claim-pages", DESK_PAGES_KEPT),
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files served by WhiteNoise: no CDN, long cache lifetimes.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security: strict by default, relaxed only for local development over plain HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# Only a header directive: nothing is preloaded until the domain's owner submits it.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# Set when TLS ends at a proxy that sets X-Forwarded-Proto.
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only this site's own files run or style a page; no
# inline script or style anywhere, no plug-ins, no framing, forms post only here. `data:`
# images for the empty favicon link in base.html. The one exception, as a hash rather than
# 'unsafe-inline': django-simple-history's history page has one fixed style attribute
# (style="border-top: 0"), allowed by its hash for attributes only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": [
            "'unsafe-hashes'",
            "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",  # border-top: 0
        ],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Sign-in throttling (django-axes), on /accounts/login/ and /admin/login/ alike. After
# AXES_FAILURE_LIMIT wrong passwords for one account, or from one address, that account or
# address is refused (429, templates/registration/locked_out.html) for AXES_COOLOFF_HOURS,
# even with the right password. An Editor lifts a lock-out early by deleting the "access
# attempt" in the admin (permission granted to the Editor role by migration 0005).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
# Either the account or the address: guessing one password from many addresses, or many
# accounts from one address, are both stopped.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Proxies in front of the app that append to X-Forwarded-For (1 behind one nginx). With
# none (the default) only the connection's address counts, which a client cannot forge.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "claims.middleware.client_ip"
AXES_USERNAME_CALLABLE = "claims.middleware.sign_in_username"

# API tokens expire this many days after they are issued, unless the admin sets a date.
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "90"))

# The history is evidence: nobody, not even a superuser, reverts it from the admin.
SIMPLE_HISTORY_REVERT_DISABLED = True

# The import preview posts five fields per proposed claim and allows 1,000 claims
# (claims/ingest/forms.py, MAX_PROPOSALS); Django's default of 1,000 fields would stop an
# article at about 200. Request size stays bounded by the memory limit below.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 6000
# A pasted article of up to 1,000,000 characters (claims/ingest/articles.py, MAX_CHARS) is up
# to 4 MB of UTF-8.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
