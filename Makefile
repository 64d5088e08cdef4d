# Two commands matter: `make demo` and `make test`. Both work on a fresh machine.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
# A local wheel of the CPU build of torch, where the machine has one.
WHEELS := $(wildcard /opt/wheels)
FIND_LINKS := $(if $(WHEELS),--find-links $(WHEELS),)
# The demo runs with DEBUG on and no broker: SQLite, eager tasks.
DEMO_ENV := DEBUG=true

.PHONY: install demo serve migrate test test-sqlite test-postgres bench eval eval-quick lint format worker beat clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# torch first, pinned to the CPU build, so nothing pulls a CUDA build.
	$(PIP) install -q $(FIND_LINKS) torch==2.13.0
	$(PIP) install -q $(FIND_LINKS) -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py setup_schedules
	$(DEMO_ENV) $(PY) manage.py export_onnx

demo: migrate
	$(DEMO_ENV) $(PY) manage.py load_demo
	$(DEMO_ENV) $(PY) manage.py ensure_demo_user
	@echo "Reviewer pages: http://$(HOST):$(PORT)/  (user: demo, password: demo-review)"
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

serve: install
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# SQLite (unit, db, browser), then the db and worker tests again on PostgreSQL.
# `make test ARGS="tests/unit/test_markup.py -k escape"` runs only that, once, on SQLite.
ifdef ARGS
test: install
	$(PY) -m pytest $(ARGS)
else
test: install test-sqlite test-postgres
endif

test-sqlite: install
	$(PY) -m pytest --ignore=tests/celery

test-postgres: install
	DATABASE_URL=$(TEST_POSTGRES_URL) $(PY) -m pytest tests/db tests/celery -m "not e2e"

bench: install
	$(PY) -m bench

# Quality on real coverage (eval/README.md): the full run takes a while.
eval: install
	$(PY) -m eval

eval-quick: install
	$(PY) -m eval --quick

# The same checks as .pre-commit-config.yaml, then types and missing migrations.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=true $(VENV)/bin/mypy
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

worker: install
	$(VENV)/bin/celery -A factcheck worker -Q ingest,nlp,analysis -l info

beat: install
	$(VENV)/bin/celery -A factcheck beat -l info

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles tests/artifacts
