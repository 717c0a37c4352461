# The two commands a newcomer needs: `make lab` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
TORCH  ?= torch==2.13.0
TORCH_ARGS ?=
LAB_ARGS ?=

.PHONY: lab test venv sync notebooks lint clean

# Jupyter's settings, data and runtime files stay inside .venv: nothing is registered globally.
JUPYTER_ENV := JUPYTER_CONFIG_DIR=$(CURDIR)/$(VENV)/jupyter/config \
               JUPYTER_DATA_DIR=$(CURDIR)/$(VENV)/jupyter/data \
               JUPYTER_RUNTIME_DIR=$(CURDIR)/$(VENV)/jupyter/runtime


venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(TORCH_ARGS) "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# Jupyter refuses to run as root (containers, Binder-like setups) unless told to.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

## lab: JupyterLab on notebooks/, with everything installed in .venv
lab: venv
	$(JUPYTER_ENV) $(BIN)/jupyter lab --notebook-dir=notebooks $(ALLOW_ROOT) $(LAB_ARGS)

## test: unit tests, the CLI, every notebook headless in quick mode, and the pair-sync check
test: venv
	$(JUPYTER_ENV) OMP_NUM_THREADS=1 $(BIN)/python -m pytest -n 2 --dist loadfile

## sync: re-pair each notebook with its py:percent twin after an edit (newest file wins)
sync: venv
	$(BIN)/jupytext --sync notebooks/*.ipynb

## notebooks: execute every notebook in its default mode, writing executed copies to build/
notebooks: venv
	mkdir -p build
	for nb in notebooks/*.ipynb; do \
	  $(JUPYTER_ENV) $(BIN)/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=1200 \
	    --output-dir build "$$nb" || exit 1; done

lint: venv
	$(BIN)/python -m pip install --quiet ruff && $(BIN)/ruff check srn_lib tests notebooks/*.py

clean:
	rm -rf $(VENV) build results .pytest_cache
