# Every target builds .venv on first use and reuses it while pyproject.toml is unchanged.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench fmt chart pdf-pages clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP) ## start the kiosk on the demo configuration
	$(BIN)/consent-assistant kiosk

lint: $(STAMP) ## ruff (lint and format check), mypy and the import layers
	$(BIN)/ruff check assistant tests bench
	$(BIN)/ruff format --check assistant tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: lint ## lint, type-check, then the whole test suite
	$(BIN)/python -m pytest

bench: $(STAMP) ## benchmarks: they print figures, they assert nothing
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

fmt: $(STAMP) ## format and fix what ruff can
	$(BIN)/ruff format assistant tests bench
	$(BIN)/ruff check --fix assistant tests bench

chart: $(STAMP) ## regenerate docs/statechart.md from the state machine
	$(BIN)/python -m assistant.engine.chart > docs/statechart.md

pdf-pages: $(STAMP) ## render the PDFs of three fictional signings to PNG in build/pdf-pages
	$(BIN)/python bench/render_documents.py build/pdf-pages

clean:
	rm -rf $(VENV) build dist
