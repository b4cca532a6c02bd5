# Set-up and everyday tasks. `make ask Q="…"` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
Q ?= How many women are smuggled out of Kazakhstan each year?

# Floors for the bundled question set, a little under today's figures (see README).
HIT3_FLOOR ?= 0.95
CITATION_FLOOR ?= 0.99

.PHONY: install index ask chat test lint eval clean

# torch is installed first and pinned by constraints.txt so pip takes the CPU build
# of torch 2.13.0 instead of resolving a newer one with several GB of CUDA packages.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --constraint constraints.txt torch==2.13.0
	$(BIN)/pip install --quiet --constraint constraints.txt --editable ".[dev]"
	touch $(STAMP)

install: $(STAMP)

index: install
	$(BIN)/qa index

ask: index
	$(BIN)/qa ask "$(Q)"

chat: index
	$(BIN)/qa chat

test: install
	$(BIN)/ruff check qa tests eval
	$(BIN)/ruff format --check qa tests eval
	$(BIN)/mypy
	$(BIN)/pytest
	$(MAKE) eval

# The bundled question set must stay above its floors.
eval: index
	$(BIN)/qa eval eval/corpus.jsonl --fail-under hit@3=$(HIT3_FLOOR) \
		--fail-under citation_validity=$(CITATION_FLOOR)

# Everything built: the virtual environment, the index (but its README) and eval caches.
clean:
	rm -rf $(VENV) eval/cache
	find index -mindepth 1 ! -name README.md -exec rm -rf {} +
