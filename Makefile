# The two commands in the README: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
PY ?= python3
UV := $(PY) -m uv
VENV := .venv/bin

.PHONY: run test setup python-deps node-deps system-deps demo-data lint pytest clean bench openapi

run: setup
	$(VENV)/python manage.py collectstatic --noinput --verbosity 0
	$(VENV)/python manage.py migrate --noinput
	$(VENV)/python manage.py seed_demo
	@bin/serve

test: setup system-deps lint pytest

setup: python-deps node-deps
	@mkdir -p var

python-deps:
	@$(PY) -m uv --version >/dev/null 2>&1 || $(PY) -m pip install --quiet uv \
		|| $(PY) -m pip install --quiet --user --break-system-packages uv
	$(UV) sync --frozen --quiet

node-deps:
	@if [ ! -d node_modules/govuk-frontend ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		npm ci --no-audit --no-fund --loglevel=error; fi

# Debian packages the tests need: Chromium for the browser tests, Pango for WeasyPrint's PDFs.
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	ldconfig -p | grep -q libpango-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Ruff, the import layers (import-linter, configured in pyproject.toml), then bandit (configured in
# pyproject.toml), then pip-audit over the locked requirements.
# Exceptions to either are written down in docs/security-exceptions.md. A machine that cannot reach
# the vulnerability service gets a warning, except in CI (CI=true), where the audit must run.
AUDIT_REQUIREMENTS = $(UV) export --frozen --format requirements-txt --no-emit-project --quiet
PIP_AUDIT_FLAGS ?=

lint:
	$(VENV)/ruff check .
	$(VENV)/lint-imports --no-cache
	$(VENV)/bandit -c pyproject.toml -q -r csepathway config
	@set -o pipefail; echo "pip-audit over uv.lock"; \
	out=$$($(AUDIT_REQUIREMENTS) | $(VENV)/pip-audit -r /dev/stdin --require-hashes --disable-pip \
		--progress-spinner off $(PIP_AUDIT_FLAGS) 2>&1); status=$$?; \
	grep -v "could not be audited" <<<"$$out" | grep -v "^Name  *Skip Reason\|^---* ---*$$"; \
	unaudited=$$(grep -c "could not be audited" <<<"$$out"); \
	if [ "$$unaudited" -gt 0 ]; then echo "pip-audit: $$unaudited packages had no vulnerability data here (see docs/security-exceptions.md)"; fi; \
	if [ $$status -ne 0 ] && [ -z "$$CI" ] && grep -q "ConnectionError\|ProxyError\|Max retries exceeded" <<<"$$out"; then \
		echo "WARNING: pip-audit could not reach the vulnerability service; dependencies NOT audited"; status=0; fi; \
	exit $$status

# Most tests run on two workers (pytest-xdist). The browser tests and the ones that start the real
# service run after them, one at a time: they time pages and processes, and a busy machine makes them
# flaky. CI's PostgreSQL pass sets SERIAL_TESTS=slow, as the browser tests drive the same pages on
# either database.
PYTEST_WORKERS ?= 2
SERIAL_TESTS ?= browser or slow
pytest:
	$(VENV)/pytest -n $(PYTEST_WORKERS) -m "not browser and not slow"
	$(VENV)/pytest -m "$(SERIAL_TESTS)"

# Not part of `make test`: volume data in a throwaway PostgreSQL database, every main page of every role
# timed in-process and under load, the figures written into docs/PERFORMANCE.md (which lists the
# BENCH_* settings, e.g. `BENCH_CHILDREN=50000 BENCH_AUDIT_EVENTS=10000000 make bench`).
bench: setup
	bench/run

# The API's OpenAPI document, committed as docs/openapi.json (a test fails when it is out of date).
openapi: setup
	DJANGO_SETTINGS_MODULE=config.settings.dev $(VENV)/python manage.py api_openapi

clean:
	rm -rf .venv node_modules staticfiles var
