# Two commands for a newcomer: `make serve` and `make test`. Each bootstraps .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HASH := $(shell cksum pyproject.toml | cut -d' ' -f1)
RUNTIME := $(VENV)/.runtime-$(HASH)
TESTING := $(VENV)/.testing-$(HASH)
APT_GET := $(shell [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && echo sudo) apt-get

.PHONY: serve test lint typecheck bench chromium virtuoso clean yasgui swagger-ui

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	rm -f $(VENV)/.runtime-* && touch $@

$(TESTING): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.testing-* $(VENV)/.runtime-* && touch $@ $(RUNTIME)

serve: $(RUNTIME)
	$(BIN)/govkg serve

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq chromium >/dev/null; }

virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  echo "Installing Debian's Virtuoso for the remote-store tests"; \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq virtuoso-opensource-7-bin >/dev/null; }

lint: $(TESTING)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(TESTING)
	$(BIN)/mypy

test: $(TESTING) chromium virtuoso lint typecheck
	$(BIN)/python -m pytest --cov --cov-report=term:skip-covered --cov-fail-under=90

bench: $(TESTING)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py

# YASGUI for /sparql, pinned, from the npm registry (never a CDN). The package ships no LICENSE file:
# api/static/sparql/yasgui/LICENSE (its repository's MIT text) is kept by hand and not overwritten.
YASGUI_VERSION := 4.6.2
YASGUI_DIR := api/static/sparql/yasgui
yasgui:
	rm -rf .yasgui && mkdir .yasgui
	cd .yasgui && npm pack --silent @zazuko/yasgui@$(YASGUI_VERSION) && tar xzf zazuko-yasgui-$(YASGUI_VERSION).tgz
	mkdir -p $(YASGUI_DIR)
	cd .yasgui/package && cp build/yasgui.min.js build/yasgui.min.css package.json ../../$(YASGUI_DIR)/
	sed -i '/sourceMappingURL/d' $(YASGUI_DIR)/yasgui.min.js $(YASGUI_DIR)/yasgui.min.css
	rm -rf .yasgui

# Swagger UI for /docs, served from this service: a pinned copy from the npm registry, with its licence.
SWAGGER_UI_VERSION := 5.32.0
SWAGGER_UI_DIR := api/pages/static/swagger-ui
swagger-ui:
	rm -rf .swagger-ui && mkdir .swagger-ui
	cd .swagger-ui && npm pack --silent swagger-ui-dist@$(SWAGGER_UI_VERSION) && tar xzf swagger-ui-dist-$(SWAGGER_UI_VERSION).tgz
	mkdir -p $(SWAGGER_UI_DIR)
	cd .swagger-ui/package && cp swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css LICENSE NOTICE \
	  package.json ../../$(SWAGGER_UI_DIR)/
	sed -i '/sourceMappingURL/d' $(SWAGGER_UI_DIR)/swagger-ui.css $(SWAGGER_UI_DIR)/swagger-ui-bundle.js
	rm -rf .swagger-ui

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage test-artifacts
