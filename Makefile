# kamcourse: every target sets up .venv itself (idempotent), so a fresh clone
# needs only `make lab` (open the course) or `make test` (run the whole suite).
#
# The environment is exactly uv.lock: hashed versions for every platform, installed
# by uv. uv itself comes from PyPI at the version uv.lock pins.
# pyproject.toml keeps the compatible ranges (for `pip install .`); environment.yml
# mirrors them; tests/test_packaging.py keeps the three in agreement.
#   make lock     re-resolve after a change to the dependencies in pyproject.toml
#                 (versions already pinned stay where they are unless they must move)
#   make upgrade  re-resolve everything to the newest versions the ranges allow, then run the tests

# As root on Debian/Ubuntu the environment is built from the system Python, so
# that every Unix user can run it (grading kernels run as an unprivileged user;
# an interpreter inside /root is not reachable by others).
PYTHON ?= $(shell if [ "$$(id -u)" = "0" ] && [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then echo /usr/bin/python3; else echo python3; fi)
VENV   := .venv
PY     := $(VENV)/bin/python
UV     := $(VENV)/bin/uv
STAMP  := $(VENV)/.kamcourse-setup
ARGS   ?=
JOBS   ?= 2

# Debian packages `make setup` installs as root (add a word here when the kit needs one more):
# a CJK font so Chinese figures have no empty boxes; venv for the system Python; chromium for the
# browser tests (Playwright drives Debian's browser); postgresql for the practice CRM's shared-instance test;
# bubblewrap, the sandbox of grading kernels (kamcourse grade).
DEBIAN_PACKAGES := fonts-noto-cjk python3-venv chromium postgresql bubblewrap

# uv's version: the one uv.lock pins (uv is in the test extra, so `make upgrade` moves it too)
UV_VERSION := $(shell sed -n '/^name = "uv"$$/{n;s/^version = "\(.*\)"$$/\1/p;q;}' uv.lock 2>/dev/null)
# never fetch a Python from elsewhere than the machine: the venv is built from $(PYTHON)
export UV_PYTHON_DOWNLOADS := never

SITE   := _build/site

.PHONY: setup system-packages kernel lab student-edition test bench lock upgrade site handouts test-site clean help

help:
	@echo "make lab      set up, then open JupyterLab on notebooks/00_start_here.ipynb (ARGS=--no-browser on a server)"
	@echo "make student-edition  build what students receive into $(STUDENT_EDITION)/ (no solutions; give it as a zip or git repo)"
	@echo "make test     set up, then run the whole test suite"
	@echo "make bench    set up, then run the benchmarks in benchmarks/"
	@echo "make setup    create .venv with exactly the versions in uv.lock, register the Jupyter kernel"
	@echo "make lock     update uv.lock after a change to the dependencies in pyproject.toml"
	@echo "make upgrade  move uv.lock to the newest versions the ranges allow, then run the tests"
	@echo "make site     build the course website, English and Chinese, into $(SITE)/ (open $(SITE)/index.html)"
	@echo "make handouts print a PDF of every lesson and case from the site into _build/handouts/ (headless Chromium)"
	@echo "make test-site  build the whole site, then run the browser tests on every page of it"

setup: system-packages $(STAMP) kernel

# The Jupyter kernel, with the display name the notebooks declare ("Python 3"), so JupyterLab does not
# rewrite their metadata on opening; re-registered when an older set-up named it otherwise.
KERNEL_JSON := $(VENV)/share/jupyter/kernels/python3/kernel.json
kernel: $(STAMP)
	@grep -q '"display_name": "Python 3"' $(KERNEL_JSON) 2>/dev/null || \
	  $(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3" >/dev/null

# Installed only when running as root on Debian/Ubuntu; elsewhere the kit warns
# at run time with the command that fixes it.
system-packages:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  missing=""; \
	  for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$missing; \
	  fi; \
	fi

# uv from PyPI, into the environment itself (pip from the venv's own ensurepip)
$(UV):
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check "uv==$(UV_VERSION)"

# uv.lock -> a hashed requirements list -> exactly those versions in .venv, then the kit itself (editable).
# Going through the list (not `uv sync`) lets a package mirror serve the files: UV_DEFAULT_INDEX=<mirror>.
$(STAMP): pyproject.toml uv.lock website/package-lock.json | $(UV)
	@$(UV) export --locked --quiet --all-extras --no-emit-project --format requirements.txt -o $(VENV)/uv-lock.txt || { \
	  echo "make setup: uv.lock does not match pyproject.toml (a dependency changed without the lock):"; \
	  echo "run 'make lock' and commit uv.lock (docs/CONTRIBUTING.md, adding a dependency)."; exit 1; }
	$(UV) pip sync --quiet --python $(PY) --require-hashes $(VENV)/uv-lock.txt
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	@# grading kernels see the environment read-only and write no bytecode: compile what they import, once
	@# (uv installs without .pyc; without this every sandboxed kernel compiles IPython, debugpy, pandas...
	@# again): one kernel run here writes it, even where the caller's environment sets PYTHONDONTWRITEBYTECODE
	@# (an empty value lets Python write); then what the grading workers import
	$(PY) -m compileall -q kamcourse
	PYTHONDONTWRITEBYTECODE= $(PY) -c "from jupyter_client.manager import start_new_kernel; km, kc = start_new_kernel(); \
	  kc.execute_interactive('import pandas, matplotlib.pyplot, kamcourse.data, kamcourse.checks, kamcourse.instructor.codec; pandas.DataFrame({\"a\": [1]})', timeout=300, output_hook=lambda m: None); km.shutdown_kernel()" \
	  || echo "warning: the bytecode of the grading kernels' imports was not written: each sandboxed kernel compiles it again (slower)"
	PYTHONDONTWRITEBYTECODE= $(PY) -c "import kamcourse.instructor.worker, nbgrader.preprocessors, nbgrader.api, nbclient, jupyter_client.manager"
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

lock: | $(UV)
	$(UV) lock

upgrade: | $(UV)
	$(UV) lock --upgrade
	$(MAKE) test

# The instructor's JupyterLab on this checkout (kamcourse/edition/launch.py): Formgrader and Create Assignment,
# a local exchange in exchange/, tracked notebooks saved without outputs (git status stays clean).
# KAMCOURSE_LANG=zh make lab: Chinese JupyterLab (zh-CN language pack) on notebooks/zh/00_start_here.ipynb,
# lessons in Chinese; otherwise English on notebooks/00_start_here.ipynb. Students: make student-edition.
lab: setup
	$(PY) -m kamcourse.edition.launch --instructor . \
	  $$([ "$$(id -u)" = "0" ] && echo --allow-root) $(ARGS)

# What students receive (kamcourse/edition/build.py): lessons, data without answer tables, released assignments
# in a local exchange, the kit without the grading tools, a student README; searched for every solution line.
# STUDENT_EDITION=<folder> (default _build/student-edition), ASSIGNMENTS=a00_getting_started,... (default all)
STUDENT_EDITION ?= _build/student-edition
ASSIGNMENTS ?=
student-edition: setup
	$(VENV)/bin/kamcourse student-edition $(STUDENT_EDITION) $(if $(ASSIGNMENTS),--assignments $(ASSIGNMENTS))

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
