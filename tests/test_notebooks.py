"""Every notebook runs top to bottom, headless, in quick mode, and shows the library's numbers."""

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from srn_lib import experiments

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
# The experiment each notebook runs (and whose metrics it must print).
EXPERIMENT_OF = {"01_dae_score_estimation": "dae_score", "02_attractor_energy_descent": "attractor_energy"}


def execute(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    env_backup = dict(os.environ)
    # Static widgets: the sliders' draw functions run once with their defaults (see srn_lib.widgets).
    os.environ.update(SRN_QUICK="1", SRN_THREADS="1", OMP_NUM_THREADS="1", SRN_STATIC_WIDGETS="1")
    try:
        client = NotebookClient(nb, timeout=120, startup_timeout=120, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(env_backup)
    return nb


def text_of(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.append(out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def test_every_notebook_is_covered():
    assert [p.stem for p in NOTEBOOKS] == sorted(EXPERIMENT_OF)


# One kernel at a time: `make test` uses `--dist loadfile`, so every test of this file runs on the
# same worker and two kernels never race for ports when they start together.
@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_prints_the_experiments_numbers(path):
    nb = execute(path)
    images = sum("image/png" in out.get("data", {}) for c in nb.cells for out in c.get("outputs", []))
    assert images >= 3, "the key figures must be drawn outside the widgets too"
    # The notebook's printed table must match the library run with the same preset and seed.
    printed = text_of(nb)
    result = experiments.get(EXPERIMENT_OF[path.stem]).run("quick", seed=0, progress=False)
    for name, value in result.metrics.items():
        line = re.search(rf"^\s*{re.escape(name)}\s+(-?[\d.]+|nan)\s*$", printed, re.MULTILINE)
        assert line, f"{name} not printed by {path.name}"
        assert line.group(1) == f"{value:.4f}", f"{name}: notebook {line.group(1)} vs library {value:.4f}"
