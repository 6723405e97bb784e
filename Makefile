# kamcourse: every target sets up .venv itself (idempotent), so a fresh clone
# needs only `make lab` (open the course) or `make test` (run the whole suite).

# As root on Debian/Ubuntu the environment is built from the system Python, so
# that every Unix user can run it (grading kernels run as an unprivileged user;
# an interpreter inside /root is not reachable by others).
PYTHON ?= $(shell if [ "$$(id -u)" = "0" ] && [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then echo /usr/bin/python3; else echo python3; fi)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.kamcourse-setup
ARGS   ?=
JOBS   ?= 2

SITE   := _build/site

.PHONY: setup system-packages lab test bench site handouts test-site clean help

help:
	@echo "make lab    set up, then open JupyterLab on notebooks/00_start_here.ipynb (ARGS=--no-browser on a server)"
	@echo "make test   set up, then run the whole test suite"
	@echo "make bench  set up, then run the benchmarks in benchmarks/"
	@echo "make setup  create .venv, install the kit (editable, with test and site extras), register the Jupyter kernel"
	@echo "make site   build the course website, English and Chinese, into $(SITE)/ (open $(SITE)/index.html)"
	@echo "make handouts  print a PDF of every lesson and case from the site into _build/handouts/ (headless Chromium)"
	@echo "make test-site  build the whole site, then run the browser tests on every page of it"

setup: system-packages $(STAMP)

# System packages the kit needs (a CJK font so Chinese figures have no empty
# boxes). Installed only when running as root on Debian/Ubuntu; elsewhere the
# kit warns at run time with the command that fixes it.
system-packages:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  missing=""; \
	  for p in fonts-noto-cjk python3-venv chromium; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing Debian packages:$$missing (Chinese font for figures; venv for the system Python; chromium for the browser tests and handouts)"; \
	    apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$missing; \
	  fi; \
	fi

$(STAMP): pyproject.toml website/package-lock.json
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test,site]"
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (kamcourse)" >/dev/null
	@# JupyterHub's proxy for the classroom set-up and its test (classroom/package-lock.json); without npm
	@# the classroom test is skipped and says why
	@if [ -x classroom/node_modules/.bin/configurable-http-proxy ] && [ ! classroom/package-lock.json -nt classroom/node_modules/.package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  (cd classroom && npm ci --no-audit --no-fund --loglevel=error) || echo "warning: npm ci in classroom/ failed: the classroom test will be skipped"; \
	else echo "npm not found: configurable-http-proxy not installed, the classroom test will be skipped"; fi
	@# the website's JavaScript, served from the site itself: MathJax, RequireJS, the widgets HTML manager
	@if [ -f website/node_modules/.package-lock.json ] && [ ! website/package-lock.json -nt website/node_modules/.package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  (cd website && npm ci --no-audit --no-fund --loglevel=error) || echo "warning: npm ci in website/ failed: make site and the site tests need it"; \
	else echo "npm not found: make site and the site tests need website/node_modules (npm ci in website/)"; fi
	@touch $(STAMP)

lab: setup
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb \
	  $$([ "$$(id -u)" = "0" ] && echo --allow-root) $(ARGS)

test: setup
	$(PY) -m pytest -n $(JOBS) --dist loadgroup $(ARGS)

site: setup
	$(PY) website/build.py --out $(SITE)

handouts: site
	$(PY) website/handouts.py --site $(SITE) --out _build/handouts

# the whole site, then the browser tests on every page of it (make test checks a small subset site)
test-site: site
	KAMCOURSE_SITE_DIR=$(SITE) $(PY) -m pytest tests/test_site.py $(ARGS)

bench: setup
	@for f in benchmarks/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache _build test-artifacts website/node_modules
