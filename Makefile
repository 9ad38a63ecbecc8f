# The two commands in the README: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
PY ?= python3
UV := $(PY) -m uv
VENV := .venv/bin

.PHONY: run test setup python-deps node-deps system-deps demo-data lint pytest clean

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

lint:
	$(VENV)/ruff check .

pytest:
	$(VENV)/pytest

clean:
	rm -rf .venv node_modules staticfiles var
