# Everything sets itself up: a virtual environment in .venv with the pinned requirements
# (and one in .venv-zensical for the Zensical targets).
VENV ?= .venv
PYTHON := $(VENV)/bin/python
ZENSICAL_VENV ?= .venv-zensical
export NO_MKDOCS_2_WARNING := 1

.PHONY: check test-js check-record lint-github requirements serve build links test test-model-long flake-hunt browser lint bench paper audit clean build-zensical serve-zensical test-zensical

# Every file pip installs must match a hash the requirements name (pip-compile writes them from *.in).
$(VENV)/installed: requirements-dev.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@

$(ZENSICAL_VENV)/installed: requirements-zensical.txt
	python3 -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-zensical.txt
	touch $@

## check: before a pull request, in seconds: every mistake in the pages, data and published record at once
## (as both builds check first, without building), then lint, spelling and the tests that need no browser
# Every step runs, all at once, whatever another finds: one round shows every mistake. Each step's output is
# shown whole, in this order, once all have finished.
CHECK_WORKERS ?= 2
CHECK_STEPS := "$(PYTHON) -m scripts.check_guide" "$(MAKE) --no-print-directory lint" \
  "$(MAKE) --no-print-directory test-js" "$(PYTHON) -m pytest -q -p no:randomly -n $(CHECK_WORKERS) -m 'not slow'"
check: $(VENV)/installed node_modules/.installed
	@scripts/all-at-once.sh $(CHECK_STEPS)

## check-record: what docs/data/published.yml held on AGAINST (a branch; origin/main by default) is still held:
## no page address or id dropped, no retired id brought back (CI runs it on every pull request)
AGAINST ?= origin/main
check-record: $(VENV)/installed
	$(PYTHON) -m scripts.check_guide --against "$(AGAINST)"

## serve: preview the site at http://127.0.0.1:8000/guide/, rebuilt on every change; a mistake is shown in the
## browser (file, line, what to do) until it is mended
serve: $(VENV)/installed
	$(PYTHON) -m scripts.serve

## build: build the site into site/, failing on any warning (a failed build keeps the old site)
build: $(VENV)/installed
	$(PYTHON) -m scripts.mkdocs_build

## links: check every link and anchor of the site last built (make build or make build-zensical), offline (lychee)
links: $(VENV)/installed
	@test -d site || { echo "No site/ to check: run make build (or make build-zensical) first." >&2; exit 1; }
	PYTHON=$(PYTHON) scripts/check-links.sh site

## build-zensical: build the site into site/ with Zensical instead (strict; a failed build keeps the old site)
build-zensical: $(ZENSICAL_VENV)/installed
	$(ZENSICAL_VENV)/bin/python -m scripts.zensical_build

## serve-zensical: preview Zensical's build at http://127.0.0.1:8000/guide/, rebuilt on every change
serve-zensical: $(ZENSICAL_VENV)/installed
	$(ZENSICAL_VENV)/bin/zensical serve --dev-addr 127.0.0.1:8000

## test-zensical: Zensical's build against MkDocs', then every build and browser test on Zensical's build
test-zensical: $(VENV)/installed $(ZENSICAL_VENV)/installed browser
	SITE_ENGINE=zensical ZENSICAL_PYTHON=$(abspath $(ZENSICAL_VENV))/bin/python $(PYTHON) -m pytest -n $(WORKERS) --dist worksteal $(PYTEST_ARGS)

## browser: find or install a Chromium for the browser tests
browser: $(VENV)/installed
	PYTHON=$(abspath $(PYTHON)) scripts/ensure-browser.sh

## test: the whole test suite (data, rendering, build, browser), on every core, in a shuffled order
## whose seed is printed first; rerun that order with `make test PYTEST_ARGS=--randomly-seed=N`
## (a worker that runs out of tests takes some from another's queue: none sits idle while tests wait);
## `make test LATE_TIMERS=150` runs the pages' short timers 150 ms late, as a busy phone may, to find a test
## that races the page instead of waiting for what the reader sees
WORKERS ?= auto
test: $(VENV)/installed browser test-js
	$(PYTHON) -m pytest -n $(WORKERS) --dist worksteal $(PYTEST_ARGS)

## test-js: the components' scripts (macros/components/*/*.test.js: the checklist's stored ticks) and search's words
## and ranking (docs/assets/search.js), in Node's own test runner, without a page
test-js:
	@command -v node >/dev/null || { echo "test-js needs Node.js 20 or later: apt-get install nodejs (Debian)" >&2; exit 1; }
	node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON --test --test-reporter=dot tests/js/ macros/components/

## test-model-long: the checklist's model-based test, far longer than in CI, with fresh random journeys
## (`tail -f model-progress.log` follows it)
test-model-long: $(VENV)/installed browser
	rm -f model-progress.log
	MODEL_EXAMPLES=$${MODEL_EXAMPLES:-200} MODEL_STEPS=$${MODEL_STEPS:-30} MODEL_PROGRESS=$(CURDIR)/model-progress.log \
	  $(PYTHON) -m pytest -n $(WORKERS) --dist worksteal -p no:randomly --timeout=0 macros/components/checklist/test_checklist_model.py $(PYTEST_ARGS)

## flake-hunt: the whole suite RUNS times in a row (default 10) on a fresh clone of HEAD, each in a new
## shuffled order; stops at the first failure and prints its seed
RUNS ?= 10
flake-hunt:
	scripts/flake-hunt.sh $(RUNS)

## lint: ruff for Python, Biome for the JavaScript and CSS, yamllint for YAML, codespell for the pages, data and
## what contributors read, zizmor and check-jsonschema for the GitHub files (offline)
# Biome from package-lock.json (npm ci), never a fresh download on every run.
BIOME := node_modules/.bin/biome
ISSUE_FORMS := $(filter-out %/config.yml,$(wildcard .github/ISSUE_TEMPLATE/*.yml))
lint: $(VENV)/installed node_modules/.installed
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check . || status=1; \
	$(BIOME) ci --colors=off docs/assets macros/components scripts/offline-worker.js scripts/offline-kill-switch.js tests/js || status=1; \
	$(VENV)/bin/yamllint --strict . || status=1; \
	$(VENV)/bin/codespell docs README.md CONTRIBUTING.md .github || status=1; \
	$(VENV)/bin/zizmor --offline --quiet --persona=auditor . || status=1; \
	$(LINT_GITHUB) \
	exit $$status

## lint-github: the GitHub files against their schemas (check-jsonschema's vendored ones, offline)
lint-github: $(VENV)/installed
	@status=0; $(LINT_GITHUB) exit $$status

# Run by make lint too (spelled out, not through $(MAKE): `make -n lint` then runs nothing).
LINT_GITHUB = $(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows $(wildcard .github/workflows/*.yml) || status=1; \
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.dependabot .github/dependabot.yml || status=1; \
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-issue-forms $(ISSUE_FORMS) || status=1; \
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-issue-config .github/ISSUE_TEMPLATE/config.yml || status=1;

## audit: the bytes of a first and of a repeat visit (scripts/visits.py), then Lighthouse (mobile) on the home,
## a section and the checklist page; prints the four scores
audit: build browser node_modules/.installed
	$(PYTHON) -m scripts.visits site
	$(PYTHON) -m scripts.audit site

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## paper: the whole guide on paper, from the site as built: its sheets on A4 and Letter, its page's bytes
paper: build browser
	$(PYTHON) -m scripts.paper

## bench: build time of this site against a plain Material site, with 10x and 100x data, and with Zensical
bench: $(VENV)/installed $(ZENSICAL_VENV)/installed
	ZENSICAL=$(abspath $(ZENSICAL_VENV))/bin/zensical $(PYTHON) -m scripts.bench

## requirements: after editing a requirements*.in file, write each requirements*.txt again with every file's hash
requirements:
	python3 -m venv .venv-tools
	.venv-tools/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.7.0
	for name in requirements requirements-dev requirements-zensical; do \
	  .venv-tools/bin/pip-compile --quiet --generate-hashes --no-header --allow-unsafe --no-emit-index-url \
	    --no-emit-find-links --strip-extras -o $$name.txt $$name.in && \
	  { printf '# Generated from %s.in, with the hash of every file pip may install (pip install --require-hashes):\n# edit the .in file, then run `make requirements`.\n' $$name; cat $$name.txt; } > $$name.txt.new && \
	  mv $$name.txt.new $$name.txt; \
	done

clean:
	rm -rf site site.previous .cache .pytest_cache .ruff_cache
