# Two commands do everything on a fresh machine (Python 3.11+ and make):
#   make demo   set up .venv and run sitroom over the bundled examples
#   make test   set up .venv and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK_EXTRAS := --extra db --extra fetch --extra api --extra scale --extra dev

.PHONY: setup demo test lint lock speed clean bench-setup serve

setup: $(STAMP)

# requirements-bootstrap.lock pins the installer (pip) itself; requirements.lock pins every package, the spaCy model included, by version and sha256
$(STAMP): requirements-bootstrap.lock requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "sitroom needs Python >= 3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bootstrap.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: setup
	@mkdir -p build
	$(BIN)/sitroom extract --input examples/articles.jsonl --output build/examples.jsonl
	$(BIN)/sitroom summary build/examples.jsonl

# the web workspace and REST API over build/serve.sqlite (the bundled examples, ingested on first use)
serve: setup
	@mkdir -p build
	test -f build/serve.sqlite || $(BIN)/sitroom ingest examples/articles.jsonl --db build/serve.sqlite
	$(BIN)/sitroom serve --db build/serve.sqlite

test: setup
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

lint: setup
	$(BIN)/ruff check src tests

# regenerate the lock after changing dependencies in pyproject.toml (needs uv in the venv)
lock: setup
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml $(LOCK_EXTRAS) --generate-hashes --universal --python-version 3.11 -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml $(LOCK_EXTRAS) --extra bench --generate-hashes --universal --python-version 3.11 -o requirements-bench.lock

# comparison benchmarks (benchmarks/quotes_vs_textacy.py) need textacy, kept out of the main lock
bench-setup: setup
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-bench.lock

speed: setup
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) build .pytest_cache
