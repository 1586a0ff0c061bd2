# The two commands of the README: `make run` and `make test`. Both install into .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Local default: DEBUG on, SQLite and in-process tasks unless DATABASE_URL / REDIS_URL are set.
export DEBUG ?= true

.PHONY: install run test lint types layers check-migrations collectstatic

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/python manage.py setup
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

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

test: lint types layers check-migrations
	$(BIN)/pytest
