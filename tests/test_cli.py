import json
import subprocess
import sys

import pytest

from srn_lib import experiments


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "srn_lib", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_list_names_every_experiment():
    out = cli("list")
    assert out.returncode == 0
    for name in experiments.MODULES:
        assert name in out.stdout


@pytest.mark.parametrize("name", list(experiments.MODULES))
def test_run_prints_a_table_and_writes_json(tmp_path, name):
    out = cli("run", name, "--preset", "quick", "--seed", "2", "--out", str(tmp_path), "--quiet")
    assert out.returncode == 0, out.stderr
    data = json.loads((tmp_path / f"{name}.json").read_text())
    assert data["name"] == name and data["preset"] == "quick" and data["seed"] == 2
    assert data["wall_time_s"] > 0 and data["version"]
    for metric, value in data["metrics"].items():
        assert metric in out.stdout
        assert f"{value:.4f}" in out.stdout
    # The command line and the library give the same numbers for the same seed.
    direct = experiments.get(name).run("quick", seed=2, progress=False)
    assert data["metrics"] == pytest.approx(direct.metrics, rel=0, abs=0)


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "nope"], "unknown experiment 'nope'"),
        (["run", "dae_score", "--preset", "huge"], "invalid choice: 'huge'"),
        (["run", "dae_score", "--seed", "-1"], "--seed must be an integer >= 0"),
        (["run", "dae_score", "--seed", "x"], "invalid int value"),
        (["run", "dae_score", "--threads", "0"], "--threads must be an integer >= 1"),
        (["frobnicate"], "invalid choice"),
        ([], "required"),
    ],
)
def test_bad_arguments_fail_with_a_clear_message(args, message):
    out = cli(*args)
    assert out.returncode == 2
    assert message in out.stderr
