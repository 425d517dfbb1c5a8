# Two commands set everything up on a fresh machine with Python 3.11+ and make:
#   make run   — install, migrate, load the seed article, create the demo editor, serve
#   make test  — install and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test lint install migrate seed reset-demo-password clean backup restore load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

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
test: export SECRET_KEY ?= insecure-key-for-tests-only
test: export SECURE_SSL_REDIRECT ?= false
test: export SESSION_COOKIE_SECURE ?= false
test: export CSRF_COOKIE_SECURE ?= false
test: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python -m pytest $(PYTEST_ARGS)

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
