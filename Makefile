# Two commands set everything up on a fresh machine with Python 3.11+ and make:
#   make run   — install, migrate, load the seed article, create the demo editor, serve
#   make test  — install and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test lint install migrate seed reset-demo-password clean bench

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

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
