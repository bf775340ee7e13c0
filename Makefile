# Navet — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEMO_PERSONS ?= 300
export NAVET_DEMO_MODE ?= true

.PHONY: run test install install-test local-env lint typecheck migrations-check pytest messages clean bench bench-rules bench-digisos bench-audit audit test-fast

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Development settings for plain `python manage.py ...` on this machine (git-ignored):
# demo mode, which is not debug mode, so the demo shows Navet's own error pages (and
# whitenoise serves the static files; navet/settings.py). `DEBUG=true make run` gives
# Django's debug pages when you want them. A file make wrote before with DEBUG=true (its
# first line is make's) loses that line; a file you wrote yourself is left alone.
LOCAL_ENV := var/local.env
LOCAL_ENV_HEADER := \# Written by make for development on this machine. Never in production.
local-env:
	@mkdir -p var
	@if [ ! -f $(LOCAL_ENV) ]; then \
		printf '%s\nNAVET_DEMO_MODE=true\n' '$(LOCAL_ENV_HEADER)' > $(LOCAL_ENV); \
	elif head -n 1 $(LOCAL_ENV) | grep -qxF '$(LOCAL_ENV_HEADER)' \
			&& grep -qx 'DEBUG=true' $(LOCAL_ENV); then \
		grep -vx 'DEBUG=true' $(LOCAL_ENV) > $(LOCAL_ENV).new && mv $(LOCAL_ENV).new $(LOCAL_ENV); \
		echo "$(LOCAL_ENV): removed DEBUG=true (demo mode is not debug mode)"; \
	fi

install: $(VENV)/.installed local-env

install-test: $(VENV)/.installed-test local-env
	@command -v chromium >/dev/null || test -x /usr/bin/chromium || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

## make run: set up, migrate the embedded SQLite database, load demo data once, serve.
run: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --persons $(DEMO_PERSONS) --seed 1 --if-empty
	@echo ""
	@echo "Navet is served on http://127.0.0.1:$(PORT)/"
	@echo "Log in as veileder.oslo, veileder.bergen, leder.oslo, veileder.fortrolig or admin, password: demo"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test: install what the tests need, then lint, type-check, check migrations, run pytest.
test: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy navet
	$(VENV)/bin/bandit -q -c pyproject.toml -r navet
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -q -n 2 --dist loadfile

## make audit: known vulnerabilities in the installed dependencies (pip-audit), where the
## advisory database can be reached; .ci/run calls it too.
audit: install-test
	$(PY) .ci/pip_audit.py

## make test-fast: the edit loop: no browser and no slow tests, on two processes.
test-fast: install-test
	$(PY) -m pytest -q -n 2 --dist loadfile -m "not browser and not slow"

lint: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	$(PY) manage.py makemessages -l nn -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv

bench: install-test
	$(PY) bench/people_pages.py

# OpenFisca-core is a bench-only dependency (the anchor Navet's rules are compared with).
$(VENV)/.installed-bench: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[bench]'
	touch $@

bench-rules: $(VENV)/.installed-bench
	$(PY) bench/rules_vs_openfisca.py

# The person overview under 1, 4 and 16 concurrent clients on gunicorn, audited against
# unaudited; needs PostgreSQL as `make bench` does (bench/README.md).
bench-audit: $(VENV)/.installed-bench
	$(PY) bench/audit_concurrency.py

# Digisos import and innsyn export against plain schema validation; a temporary SQLite file.
bench-digisos: install
	$(PY) bench/digisos_throughput.py

clean:
	rm -rf $(VENV) var/*.sqlite3
