# The two commands of the README: `make run` and `make test`. Both install into .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Local default: DEBUG on, SQLite and in-process tasks unless DATABASE_URL / REDIS_URL are set.
export DEBUG ?= true

.PHONY: install run test lint types layers check-migrations deploy-check audit collectstatic

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/python manage.py setup
	$(BIN)/python manage.py load_demo
	# runserver with the scheduled jobs: a Celery worker with beat when REDIS_URL is set, else a
	# background thread that runs pgaanpak/schedule.py in-process (pgaanpak/management/commands/run_scheduler.py).
	$(BIN)/python manage.py run_scheduler 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install
	$(BIN)/mypy

# The layers contract in pyproject.toml (docs/architecture.md).
layers: install
	$(BIN)/lint-imports --no-cache

check-migrations: install
	$(BIN)/python manage.py makemigrations --check --dry-run

# Django's deployment checks with production settings (DEBUG off, the required variables set to
# throw-away values; nothing is connected to) and an OpenAPI schema without warnings.
PRODUCTION_ENV := DEBUG=false SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	DATABASE_URL=postgres://check@127.0.0.1:5432/check REDIS_URL=redis://127.0.0.1:6379/0 \
	ALLOWED_HOSTS=pgaanpak.example BSN_HASH_KEY=check SITE_URL=https://pgaanpak.example
deploy-check: install
	$(PRODUCTION_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

# Known vulnerabilities in the installed (pinned) packages; fails loudly when it could audit nothing
# (docs/operations.md, "Dependency audit").
audit: install
	$(BIN)/python .ci/audit_dependencies.py

test: lint types layers check-migrations deploy-check
	$(BIN)/pytest
