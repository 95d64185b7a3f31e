# Two commands: `make run` (the demo) and `make test` (the whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The demo always runs on SQLite, with Celery tasks in-process and mail to the console,
# whatever the shell has set.
DEMO_ENV := env -u DATABASE_URL -u REDIS_URL -u CELERY_BROKER_URL -u EMAIL_URL DEBUG=1

.PHONY: run test install lint bench fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(VENV)/.installed node_modules/.package-lock.json

run: install
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py make_seal_certificate
	$(DEMO_ENV) $(BIN)/python manage.py seed_demo
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# DEBUG=1 gives the tests plain-HTTP cookies and plain static storage (STACK.md);
# DATABASE_URL, when set, points the suite at PostgreSQL. The whole suite runs as two
# processes side by side, the browser tests and the rest (tests/parallel.py); with
# PYTEST_ARGS, one pytest process runs what they name.
test: install
ifeq ($(strip $(PYTEST_ARGS)),)
	DEBUG=1 $(BIN)/python tests/parallel.py
else
	DEBUG=1 $(BIN)/python -m pytest $(PYTEST_ARGS)
endif

# Issue 8 §5: at least 10,000 examples across the public forms and token pages
# (`make test` runs 20 a form). Figures per form are printed at the end.
FUZZ_EXAMPLES ?= 1000
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) DEBUG=1 $(BIN)/python -m pytest tests/test_public_forms_fuzz.py -s -q --durations=0

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python bench/landing.py
