# Two commands set everything up on a fresh machine with Python 3.11+ and make:
#   make run   — install, migrate, load the seed article, create the demo editor, serve
#   make test  — install and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test coverage mutation lint install migrate seed reset-demo-password clean backup
.PHONY: restore load bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# axe-core (from the npm registry) for the accessibility test of the public page; the test
# injects axe.min.js into the page. Kept inside the venv so `make clean` removes it too.
AXE_VERSION := 4.10.3
AXE := $(VENV)/npm/node_modules/axe-core/axe.min.js

$(AXE): | $(BIN)/python
	@command -v npm >/dev/null || { echo "npm is needed for the accessibility test: apt-get install npm"; exit 1; }
	npm install --silent --no-audit --no-fund --prefix $(VENV)/npm axe-core@$(AXE_VERSION)
	touch $(AXE)

install: $(STAMP) $(AXE)

run: export DEBUG ?= true
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py create_demo_editor
	$(BIN)/python manage.py runserver $(HOST)

reset-demo-password: export DEBUG ?= true
reset-demo-password: install
	$(BIN)/python manage.py create_demo_editor --reset

# Tests run as production does (DEBUG off, hashed static files), with a throwaway key,
# over plain HTTP: the test client and the browser tests' live server have no TLS.
test coverage mutation: export SECRET_KEY ?= insecure-key-for-tests-only
test coverage mutation: export SECURE_SSL_REDIRECT ?= false
test coverage mutation: export SESSION_COOKIE_SECURE ?= false
test coverage mutation: export CSRF_COOKIE_SECURE ?= false
# The browser tests are part of the suite, never skipped: scripts/find-chromium finds (or,
# as root with apt, installs) a Chromium, or stops with one line saying what to install.
# Tests marked `postgres` need PostgreSQL (races in real threads, which only its row locks
# make meaningful; its trigram indexes): they run when DATABASE_URL is PostgreSQL and are
# deselected (pytest counts them as "deselected") on SQLite.
ONLY_ON_POSTGRES = $(if $(findstring postgres,$(DATABASE_URL)),,-m "not postgres")
test: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	CHROMIUM_PATH="$$(scripts/find-chromium $(BIN)/python)" && export CHROMIUM_PATH && \
		$(BIN)/python -m pytest $(ONLY_ON_POSTGRES) $(PYTEST_ARGS)

# Branch coverage of the whole suite, per module (the browser tests included).
coverage: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	CHROMIUM_PATH="$$(scripts/find-chromium $(BIN)/python)" && export CHROMIUM_PATH && \
		$(BIN)/coverage run -m pytest -q -p no:cacheprovider $(ONLY_ON_POSTGRES) $(PYTEST_ARGS)
	$(BIN)/coverage report

# Mutation testing of the core modules (slow: run by hand, not in CI). MODULES narrows it.
mutation: install
	$(BIN)/python -m pip install --quiet 'mutmut==2.5.1'
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python tests/run_mutation.py $(MODULES)

# The scale benchmark (benchmarks/web_scale.py) on the database DATABASE_URL names:
#   make bench                     1,000,000 claims on PostgreSQL (20,000 on SQLite)
#   make bench N=20000 DURATION=3  a quick run
N ?=
DURATION ?= 10
bench: export SECRET_KEY ?= benchmark-only
bench: install
	$(BIN)/python benchmarks/web_scale.py $(if $(N),--claims $(N)) --duration $(DURATION) \
		--output benchmarks/scale-results.md

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Back up the configured database (DATABASE_URL, else db.sqlite3) while the site runs:
#   make backup [BACKUP=backups/factcheck-YYYYmmdd-HHMMSS.backup]
BACKUP ?= backups/factcheck-$(shell date -u +%Y%m%d-%H%M%S).backup
backup: install
	mkdir -p $(dir $(BACKUP))
	$(BIN)/python manage.py backup $(BACKUP)

# Restore into an EMPTY database (create it first); refuses one that has tables:
#   make restore BACKUP=backups/….backup [RESTORE_DATABASE_URL=postgres://…/factcheck_new]
restore: install
	$(BIN)/python manage.py restore $(BACKUP) $(if $(RESTORE_DATABASE_URL),--database-url=$(RESTORE_DATABASE_URL))

# Load test: gunicorn on 127.0.0.1:8311 over its own PostgreSQL database, N clients for a
# fixed time. LOAD_ARGS="--short" is CI's bounded run; see benchmarks/load.py --help.
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/factcheck_load
load: install
	$(BIN)/python benchmarks/load.py --database-url $(LOAD_DATABASE_URL) $(LOAD_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
