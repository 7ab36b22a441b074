# The README's commands. Every target installs what is missing first.
SHELL := /bin/bash
export PATH := $(HOME)/.local/bin:$(PATH)
export DAGSTER_HOME ?= $(CURDIR)
export DAGSTER_DISABLE_TELEMETRY := 1
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON_PREFERENCE := only-system

UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
PY := .venv/bin/python

.PHONY: run test dev evaluate rebuild bench dashboard docs install clean

install: .venv/.synced

$(UV):
	@echo "uv not found: installing it with pip (user site)"
	python3 -m pip install --user --quiet uv || python3 -m pip install --quiet --break-system-packages --user uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

run: install  ## build and publish the warehouse from COMMUNIQUE_RAW_DIR
	$(PY) -m communique.run

rebuild: install  ## forget the extraction cache and rebuild everything
	$(PY) -m communique.run --rebuild

test: install  ## the whole test suite
	$(PY) -m pytest

dev: install  ## the Dagster UI with the daemon (schedules, sensors)
	.venv/bin/dagster dev -m orchestration.definitions

evaluate: install  ## score the published warehouse against the gold files
	$(PY) -m communique.cli evaluate

dashboard: install  ## rebuild the dashboard from the published warehouse
	$(PY) -m communique.dashboard

bench: install  ## throughput / memory benchmark (prints, never asserts)
	$(PY) -m communique.bench

clean:
	rm -rf data/warehouse.duckdb data/warehouse.state data/dagster data/quality data/docs data/bench
