"""pyproject.toml, environment.yml and binder/environment.yml must list the same packages."""

import re
from pathlib import Path

import pytest
import tomllib
import yaml

ROOT = Path(__file__).resolve().parents[1]
CONDA_NAME = {"torch": "pytorch-cpu"}  # conda-forge's CPU-only build of torch


def name_of(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def declared() -> list[str]:
    return [name_of(r) for r in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]]


def conda_env(path: str) -> dict:
    return yaml.safe_load((ROOT / path).read_text())


@pytest.mark.parametrize("path", ["environment.yml", "binder/environment.yml"])
def test_every_declared_dependency_is_in_the_conda_environment(path):
    env = conda_env(path)
    names = {name_of(d) for d in env["dependencies"] if isinstance(d, str)}
    missing = [d for d in declared() if CONDA_NAME.get(d, d) not in names]
    assert not missing, f"{path} lacks {missing}"


@pytest.mark.parametrize("path", ["environment.yml", "binder/environment.yml"])
def test_conda_forge_only(path):
    env = conda_env(path)
    assert env["channels"] == ["conda-forge"]
    assert "pytorch" not in {name_of(d) for d in env["dependencies"] if isinstance(d, str)}


def test_binder_has_no_local_paths_and_installs_the_library_without_deps():
    text = (ROOT / "binder/environment.yml").read_text()
    assert "pip:" not in text and "-e ." not in text
    post = (ROOT / "binder/postBuild").read_text()
    assert "set -euo pipefail" in post and "--no-deps" in post
    assert (ROOT / "binder/start").read_text().rstrip().endswith('exec "$@"')


def test_dependencies_have_lower_bounds_not_pins():
    reqs = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert all(">=" in r and "==" not in r for r in reqs)
    assert "torch" in declared()
