# seriesbot: `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test check quick lint demo bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

run: $(STAMP)
	$(BIN)/seriesbot run

demo: $(STAMP)
	$(BIN)/seriesbot demo

lint: $(STAMP)
	$(BIN)/ruff check bot tests bench
	$(BIN)/mypy

# The whole suite, crash harness and multi-process tests included: CI runs exactly this (.ci/run).
test: lint
	$(BIN)/pytest -q

# The fast loop while developing: lint beside every test not marked slow, these on one pytest worker per core.
check: $(STAMP)
	$(MAKE) --no-print-directory -j2 --output-sync=line lint quick

quick: $(STAMP)
	$(BIN)/pytest -q -m "not slow" -n auto

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench

# make eval ARGS="-v" (or --threshold X, --sweep A:B:STEP, --json PATH); SERIESBOT_DEVSET=DIR for another dev set
eval: $(STAMP)
	$(BIN)/python -m bench.eval $(ARGS)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
