# Build the book « Sécurité & DevOps ».  `make html` works on a fresh machine with
# Python 3.11+ and make: it creates .venv from requirements.txt when there is none, or when
# the one there is broken.  `make test` and `make lint` add requirements-dev.txt to it.

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
SPHINXOPTS  ?= -nW --keep-going
SPHINXBUILD := $(BIN)/python -m sphinx
BUILDDIR    ?= _build
DOCTREES    := $(BUILDDIR)/doctrees
HOST        ?= 127.0.0.1
PORT        ?= 8000
# make livehtml: each build forked from a warm process (tools/livehtml.py); 0: sphinx-autobuild.
LIVEHTML_FORK ?= 1
EPUBCHECK   ?= java -jar /usr/share/java/epubcheck.jar
CATALOGS    := _ext/*/locale
# The distribution requirements.txt installs from _ext/: installed again when it changes.
EXT_FILES   := $(wildcard _ext/pyproject.toml _ext/*.py _ext/*/*.py _ext/*/static*/* \
	_ext/*/texinputs/* _ext/*/templates/*/* _ext/*/templates/*/*/* _ext/*/locale/*/LC_MESSAGES/*)

.PHONY: FORCE help html livehtml latex latexpdf latexpdf-print epub epubcheck text linkcheck catalogs test test-fast test-fuzz lint matrix docs bench bench-quick clean

help:
	@echo "make html      the website, in $(BUILDDIR)/html"
	@echo "make livehtml  live preview on http://$(HOST):$(PORT) (LIVEHTML_FORK=0: plain sphinx-autobuild)"
	@echo "make latexpdf  the PDF, in $(BUILDDIR)/latex"
	@echo "make latexpdf-print  the one-colour PDF for a printer, in $(BUILDDIR)/latex-print"
	@echo "make epub      the EPUB, in $(BUILDDIR)/epub"
	@echo "make epubcheck the EPUB, checked by epubcheck"
	@echo "make linkcheck every outside address of the book (network), in $(BUILDDIR)/linkcheck"
	@echo "make catalogs  compile the extensions' .po files (_ext/*/locale) into .mo files"
	@echo "make test      the test suite (both tiers: what CI runs)"
	@echo "make test-fast the fast tier only: in-process domain and unit tests (tests/fast)"
	@echo "make test-fuzz the long run of the incremental-build differential test (FUZZ_STEPS, FUZZ_SEEDS)"
	@echo "make lint      ruff (check and format) and mypy (strict on _ext)"
	@echo "make matrix    the extensions' wheel on every supported Sphinx (7.4 to 9.1), fresh venvs"
	@echo "make docs      the extensions' documentation (docs/), in $(BUILDDIR)/docs"
	@echo "make bench     the domain against plain Sphinx, 50 to 800 documents (bench/RESULTS.md)"

# .venv is broken when its python does not run (a Python removed or upgraded under it) or
# when an install into it did not finish (pip failed or was stopped: the marker stays).  make
# then creates it again, with $(PYTHON), instead of reusing it.
INCOMPLETE  := $(VENV)/.install-incomplete
VENV_BROKEN := $(shell $(BIN)/python -c "" >/dev/null 2>&1 && test ! -e $(INCOMPLETE) || echo yes)
DEV_STAMP   := $(VENV)/.requirements-dev-installed

# $(1): the requirements file.  The marker is removed only once pip has succeeded.
define pip_install
	touch $(INCOMPLETE)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(1)
	rm -f $(INCOMPLETE)
	touch $@
endef

$(BIN)/sphinx-build: requirements.txt $(EXT_FILES) $(if $(VENV_BROKEN),FORCE)
ifneq ($(VENV_BROKEN),)
	@echo "$(VENV) is missing or broken (its python does not run, or an install did not finish): creating it with $(PYTHON)"
	rm -rf $(VENV)
	mkdir -p $(VENV) && touch $(INCOMPLETE)
	$(PYTHON) -m venv $(VENV)
endif
	$(call pip_install,requirements.txt)

# The tests, lint and benchmark tools, on top of the book's requirements.
$(DEV_STAMP): requirements-dev.txt $(BIN)/sphinx-build
	$(call pip_install,requirements-dev.txt)

FORCE:

html latex epub text linkcheck: $(BIN)/sphinx-build
	$(SPHINXBUILD) -b $@ -d $(DOCTREES)/$@ $(SPHINXOPTS) . $(BUILDDIR)/$@

epubcheck: epub
	$(EPUBCHECK) $(BUILDDIR)/epub/securite-devops.epub

latexpdf: latex
	$(MAKE) -C $(BUILDDIR)/latex all-pdf LATEXMKOPTS="-interaction=nonstopmode -halt-on-error"

# The same book for a printer: black text and links, no tinted fills (book_print).
latexpdf-print: $(BIN)/sphinx-build
	$(SPHINXBUILD) -b latex -d $(DOCTREES)/latex-print $(SPHINXOPTS) -D book_print=1 . $(BUILDDIR)/latex-print
	$(MAKE) -C $(BUILDDIR)/latex-print all-pdf LATEXMKOPTS="-interaction=nonstopmode -halt-on-error"

livehtml: $(BIN)/sphinx-build
	$(if $(filter 0,$(LIVEHTML_FORK)),$(BIN)/sphinx-autobuild,$(BIN)/python tools/livehtml.py) --host $(HOST) --port $(PORT) -d $(DOCTREES)/livehtml \
		--watch _ext --watch references.bib --ignore "$(CURDIR)/.venv/*" --ignore "$(CURDIR)/tests/*" \
		--ignore "$(CURDIR)/.git/*" --ignore "$(abspath $(BUILDDIR))/*" \
		$(SPHINXOPTS) . $(BUILDDIR)/livehtml

catalogs: $(BIN)/sphinx-build
	for po in $(CATALOGS)/*/LC_MESSAGES/*.po; do \
		$(BIN)/pybabel compile --input-file=$$po --output-file=$${po%.po}.mo || exit 1; \
	done

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest tests/fast

# 3 + FUZZ_SEEDS runs of FUZZ_STEPS random edits each (make test runs 3 of 100).
FUZZ_STEPS ?= 250
FUZZ_SEEDS ?= 5
test-fuzz: $(DEV_STAMP)
	BOOK_FUZZ_STEPS=$(FUZZ_STEPS) BOOK_FUZZ_SEEDS=$(FUZZ_SEEDS) $(BIN)/python -m pytest -s -q \
		tests/test_incremental_fuzz.py -k an_incremental_build

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy

matrix: $(DEV_STAMP)
	$(BIN)/python tests/version_matrix.py

docs: $(BIN)/sphinx-build
	$(SPHINXBUILD) -b html $(SPHINXOPTS) docs $(BUILDDIR)/docs

bench: $(DEV_STAMP)
	$(BIN)/python bench/run.py

bench-quick: $(DEV_STAMP)
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf $(BUILDDIR)
