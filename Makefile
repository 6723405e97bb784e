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

.PHONY: setup system-packages lab test bench clean help

help:
	@echo "make lab    set up, then open JupyterLab on notebooks/00_start_here.ipynb (ARGS=--no-browser on a server)"
	@echo "make test   set up, then run the whole test suite"
	@echo "make bench  set up, then run the benchmarks in benchmarks/"
	@echo "make setup  create .venv, install the kit (editable, with test extra), register the Jupyter kernel"

setup: system-packages $(STAMP)

# System packages the kit needs (a CJK font so Chinese figures have no empty
# boxes; bubblewrap, the sandbox of grading kernels). Installed only when
# running as root on Debian/Ubuntu; elsewhere the kit says at run time what is
# missing and the command that fixes it.
system-packages:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  missing=""; \
	  for p in fonts-noto-cjk python3-venv bubblewrap; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing Debian packages:$$missing (Chinese font for figures; venv for the system Python; grading sandbox)"; \
	    apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$missing; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (kamcourse)" >/dev/null
	@# JupyterHub's proxy for the classroom set-up and its test (classroom/package-lock.json); without npm
	@# the classroom test is skipped and says why
	@if [ -x classroom/node_modules/.bin/configurable-http-proxy ] && [ ! classroom/package-lock.json -nt classroom/node_modules/.package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  (cd classroom && npm ci --no-audit --no-fund --loglevel=error) || echo "warning: npm ci in classroom/ failed: the classroom test will be skipped"; \
	else echo "npm not found: configurable-http-proxy not installed, the classroom test will be skipped"; fi
	@touch $(STAMP)

lab: setup
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb \
	  $$([ "$$(id -u)" = "0" ] && echo --allow-root) $(ARGS)

test: setup
	$(PY) -m pytest -n $(JOBS) --dist loadgroup $(ARGS)

bench: setup
	@for f in benchmarks/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
