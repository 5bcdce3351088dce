# fieldapp: `make run` to set up and start, `make test` to set up and test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
INSTANCE ?= instance
LOCALES := vi en

.PHONY: run central test install install-test runtime-deps system-deps translations compile-translations bench \
	coverage clean help

help:
	@echo "make run           set up, migrate, seed a demo and serve on 127.0.0.1:$(PORT)"
	@echo "make test          set up and run the whole test suite"
	@echo "make central       set up and start the central server on 127.0.0.1:5001"
	@echo "make translations  extract strings, update and compile the catalogs"
	@echo "make coverage      the test suite with a coverage report"
	@echo "make bench         run the benchmarks in bench/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installs re-run when the project's dependency pins change.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# Debian packages: an apt-get install when one is missing and we may, else a clear message.
APT_INSTALL = if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && apt-get install -y -qq $(1) >/dev/null; \
	  else echo "fieldapp needs the Debian package(s) $(1): install them." >&2; exit 1; fi

# Pango, which WeasyPrint lays out printed summaries with.
runtime-deps:
	@ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || { $(call APT_INSTALL,libpango-1.0-0 libpangoft2-1.0-0); }

# GNU gettext's msgfmt checks the catalogs as translators' tools do; Debian's Chromium is the
# browser the end-to-end tests (tests/e2e) drive through Playwright, whose own browser download is
# never used. libfaketime's `faketime` runs the sync tests' laptop processes years ahead or behind.
# PostgreSQL's initdb and postgres: the tests start their own server (tests/postgres.py).
CHROMIUM ?= /usr/bin/chromium
system-deps: runtime-deps
	@command -v msgfmt >/dev/null || { $(call APT_INSTALL,gettext); }
	@command -v faketime >/dev/null || { $(call APT_INSTALL,faketime); }
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  { $(call APT_INSTALL,postgresql); }
	@test -x $(CHROMIUM) || { $(call APT_INSTALL,chromium); }
	@test -x $(CHROMIUM) || { echo "The end-to-end tests need Chromium at $(CHROMIUM): install" \
	  "Debian's 'chromium' package or set CHROMIUM=/path/to/chromium." >&2; exit 1; }

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

compile-translations: install
	$(BIN)/pybabel compile --use-fuzzy -d translations -D messages --statistics

translations: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ -k N_plural:1,2 \
		--sort-output --project fieldapp --version 0.1 --copyright-holder "fieldapp developers" \
		--msgid-bugs-address "fieldapp developers" \
		-o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations -D messages \
		--no-fuzzy-matching --ignore-obsolete
	$(MAKE) compile-translations

run: install runtime-deps compile-translations
	$(BIN)/python run.py --port $(PORT) --instance $(INSTANCE)

# The central server the laptops sync with: gunicorn's worker processes (WORKERS=N to choose
# how many; default twice the cores plus one), as docs/deployment.md explains.
central: install runtime-deps compile-translations
	$(BIN)/python run.py --central $(if $(WORKERS),--workers $(WORKERS))

test: install-test system-deps compile-translations
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest $(PYTEST_ARGS)

coverage: install-test system-deps compile-translations
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest --cov --cov-report=term-missing:skip-covered $(PYTEST_ARGS)

# The user guide's screenshots (fieldapp/static/help/, committed so that the guide works as
# installed), taken again from the demo laptop in Chromium: after a change to the pages shown.
.PHONY: help-screenshots
help-screenshots: install-test system-deps compile-translations
	HELP_SCREENSHOTS=1 CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/e2e/test_help.py -k screenshots

bench: install-test runtime-deps compile-translations
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .coverage
	find translations -name '*.mo' -delete
