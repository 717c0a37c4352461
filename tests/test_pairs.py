"""Each notebook is a committed pair (.ipynb + py:percent), in sync, without outputs."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
IPYNB = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
PY = sorted(p for p in NOTEBOOK_DIR.glob("*.py") if p.stem[:2].isdigit())


def test_every_notebook_has_a_twin():
    assert IPYNB, "no notebooks found"
    assert [p.stem for p in IPYNB] == [p.stem for p in PY]


@pytest.mark.parametrize("path", IPYNB, ids=lambda p: p.stem)
def test_ipynb_converts_to_its_py_twin_exactly(path):
    jupytext = [sys.executable, "-m", "jupytext"]
    out = subprocess.run([*jupytext, "--to", "py:percent", "--output", "-", str(path)],
                         capture_output=True, text=True, check=True, cwd=NOTEBOOK_DIR)
    twin = path.with_suffix(".py").read_text()
    # A conversion to stdout is not a pair, so jupytext leaves out the `formats:` header line.
    twin = "".join(line for line in twin.splitlines(keepends=True) if not line.startswith("#     formats: "))
    assert out.stdout == twin, f"{path.name} and its .py differ: run `make sync`"


@pytest.mark.parametrize("path", IPYNB, ids=lambda p: p.stem)
def test_committed_without_outputs_or_widget_state(path):
    nb = json.loads(path.read_text())
    assert "widgets" not in nb["metadata"]
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
