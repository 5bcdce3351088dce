# fieldapp: `make run` to set up and start, `make test` to set up and test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
INSTANCE ?= instance
LOCALES := vi en

.PHONY: run central test install install-test system-deps translations compile-translations bench \
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

# System tools the tests use: GNU gettext's msgfmt checks the catalogs as translators' tools do;
# Debian's Chromium is the browser the end-to-end tests (tests/e2e) drive through Playwright
# (Playwright's own browser download is never used).
CHROMIUM ?= /usr/bin/chromium
system-deps:
	@command -v msgfmt >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq gettext >/dev/null; \
	  else echo "The tests need GNU gettext (msgfmt): install the 'gettext' package." >&2; exit 1; fi; }
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "The end-to-end tests need Chromium at $(CHROMIUM): install Debian's" \
	    "'chromium' package (apt-get install chromium) or set CHROMIUM=/path/to/chromium." >&2; \
	    exit 1; fi; }
	@test -x $(CHROMIUM) || { echo "Chromium did not install at $(CHROMIUM)." >&2; exit 1; }

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

run: install compile-translations
	$(BIN)/python run.py --port $(PORT) --instance $(INSTANCE)

# The central server the laptops sync with.
central: install compile-translations
	$(BIN)/python run.py --central

test: install-test system-deps compile-translations
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest $(PYTEST_ARGS)

coverage: install-test system-deps compile-translations
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest --cov --cov-report=term-missing:skip-covered $(PYTEST_ARGS)

bench: install-test compile-translations
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .coverage
	find translations -name '*.mo' -delete
