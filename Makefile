# Xiezuo — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export XIEZUO_DATA_DIR ?= $(CURDIR)/var
PORT ?= 8000
APPS ?= tabular core regions accounts registry labour funds plan

.PHONY: demo test test-postgres bench bench-scale lint messages venv clean-demo

venv: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The demo is served in production mode, so it needs a secret key: one is made once under var/.
$(XIEZUO_DATA_DIR)/secret_key:
	mkdir -p $(XIEZUO_DATA_DIR)
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	chmod 600 $@

# ...and a key for the ID numbers at rest (`xiezuo serve` refuses to run without one). A var/
# whose demo was built before this key existed keeps the key its ID numbers were derived with.
$(XIEZUO_DATA_DIR)/field_key: | venv $(XIEZUO_DATA_DIR)/secret_key
	if [ -e $(XIEZUO_DATA_DIR)/xiezuo.sqlite3 ]; then \
	  $(BIN)/python -c 'import sys; from xiezuo.registry.crypto import field_key_derived_from as f; print(f(open(sys.argv[1]).read().strip()))' $(XIEZUO_DATA_DIR)/secret_key > $@; \
	else \
	  $(PYTHON) -c 'import os, base64; print(base64.b64encode(os.urandom(32)).decode())' > $@; \
	fi
	chmod 600 $@

KEYS := XIEZUO_SECRET_KEY_FILE=$(XIEZUO_DATA_DIR)/secret_key XIEZUO_FIELD_KEY_FILE=$(XIEZUO_DATA_DIR)/field_key

demo: venv $(XIEZUO_DATA_DIR)/secret_key $(XIEZUO_DATA_DIR)/field_key
	$(KEYS) $(BIN)/xiezuo demo --port $(PORT)

# Tests keep their uploads and reports in a data directory of their own, not the demo's var/.
test: venv
	d=$$(mktemp -d "$${TMPDIR:-/tmp}/xiezuo-test-XXXXXX"); \
	XIEZUO_DATA_DIR=$$d $(BIN)/pytest $(PYTEST_ARGS); rc=$$?; rm -rf "$$d"; exit $$rc

bench: venv $(XIEZUO_DATA_DIR)/secret_key $(XIEZUO_DATA_DIR)/field_key
	$(KEYS) $(BIN)/python bench/run.py $(BENCH_ARGS)

# 10 million registered people on PostgreSQL (hours to build the first time, kept in the database
# xiezuo_scale and reused): not part of `make bench`. SCALE_ARGS="--no-build" measures what is there.
bench-scale: venv
	$(BIN)/python bench/run.py --only scale --args "$(SCALE_ARGS)"

# ruff, then the import contracts in pyproject.toml (the layers; docs/architecture.md), then
# the strings the apps' catalogues translate two ways (xiezuo.core.i18n_check).
lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m xiezuo.core.i18n_check

# Regenerate the translation catalogues (needs GNU gettext) and compile them (pure Python).
messages: venv
	for app in $(APPS); do mkdir -p src/xiezuo/$$app/locale && (cd src/xiezuo/$$app && XIEZUO_DEBUG=1 ../../../$(BIN)/xiezuo makemessages -l zh_Hans -l en --no-obsolete --no-location) || exit 1; done
	$(BIN)/python -m xiezuo.core.i18n_compile
