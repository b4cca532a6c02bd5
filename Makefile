# Set-up and everyday tasks. `make ask Q="…"` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
Q ?= How many women are smuggled out of Kazakhstan each year?

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
	$(BIN)/ruff check qa tests
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf $(VENV) index/current index/gen-* index/.staging-* index/.lock
